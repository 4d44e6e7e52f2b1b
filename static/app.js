// Sinergi's only script: small conveniences that the pages work without.
"use strict";
document.addEventListener("submit", function (e) {
  // A double-tapped "Simpan" must not send twice (the server also refuses a repeated form key).
  var form = e.target;
  if (form.dataset.sent) { e.preventDefault(); return; }
  form.dataset.sent = "1";
  form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-busy", "true"); });
  setTimeout(function () { delete form.dataset.sent; }, 8000);
});
document.addEventListener("click", function (e) {
  var b = e.target.closest("[data-copy]");
  if (!b || !navigator.clipboard) return;
  navigator.clipboard.writeText(b.getAttribute("data-copy")).then(function () {
    var old = b.textContent; b.textContent = "Tersalin ✓"; setTimeout(function () { b.textContent = old; }, 2000);
  });
});
document.documentElement.classList.add("js");
document.addEventListener("click", function (e) {
  // Coordinates only when the officer asks for them (consent), never in the background.
  var b = e.target.closest("[data-geolocate]");
  if (!b || !navigator.geolocation) return;
  b.textContent = "Mencari lokasi…";
  navigator.geolocation.getCurrentPosition(function (p) {
    document.getElementById("latitude").value = p.coords.latitude.toFixed(6);
    document.getElementById("longitude").value = p.coords.longitude.toFixed(6);
    b.textContent = "Lokasi terisi ✓";
  }, function () { b.textContent = "Lokasi tidak tersedia"; }, { enableHighAccuracy: true, timeout: 15000 });
});
// The meeting form's attendee rows: "Jenis/Nama lembaga baru" only for "+ Lembaga baru…", and a
// new row added in place (without this script the server adds it and returns to its anchor).
function sinergiNewInst(row) {
  var sel = row && row.querySelector("select[name=a_institution]"), box = row && row.querySelector("[data-new-inst]");
  if (sel && box) box.hidden = sel.value !== "new";
}
document.querySelectorAll(".attendee").forEach(sinergiNewInst);
document.addEventListener("change", function (e) {
  if (e.target.name === "a_institution") sinergiNewInst(e.target.closest(".attendee"));
});
document.addEventListener("click", function (e) {
  // "+ Tambah baris" (attendees or follow-ups): the fieldset's last row cloned empty, in place.
  var b = e.target.closest("[data-add-row]");
  if (!b || e.defaultPrevented) return;
  var rows = b.closest("fieldset").querySelectorAll("[data-row]");
  if (!rows.length) return;
  e.preventDefault();
  var n = rows.length, last = rows[n - 1], row = last.cloneNode(true), re = /^([a-z])\d+-/;
  var p = last.id.charAt(0);
  row.id = p + n;
  row.setAttribute("data-row", n);
  row.querySelectorAll("[id]").forEach(function (el) { el.id = el.id.replace(re, "$1" + n + "-"); });
  row.querySelectorAll("label[for]").forEach(function (l) { l.htmlFor = l.htmlFor.replace(re, "$1" + n + "-"); });
  row.querySelectorAll(".field-error").forEach(function (x) { x.remove(); });
  row.querySelectorAll("input, select, textarea").forEach(function (el) {
    el.removeAttribute("aria-invalid"); el.removeAttribute("aria-describedby"); el.removeAttribute("autofocus");
    if (el.tagName === "SELECT") el.selectedIndex = 0; else el.value = "";
  });
  last.after(row);
  sinergiNewInst(row);
  b.setAttribute("formaction", b.getAttribute("formaction").replace(/#[a-z]\d+$/, "#" + p + (n + 1)));
  row.querySelector("select, textarea, input:not([type=hidden])").focus();
});
