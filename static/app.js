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
