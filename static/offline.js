// Sinergi offline: installs the service worker, keeps the meeting form (new or edit) as a draft on the
// phone (IndexedDB) while the officer types, and sends each saved draft once when the server answers.
// A new meeting's draft id is its form key (idempotency key), so a repeated send finds the meeting
// already made; an edit's draft carries the version it was opened at, so a stale one comes back (409).
// A queued photo is sent with a key (draft key + its place in the queue) the server keeps it under.
"use strict";
(function () {
  var root = document.documentElement, en = root.lang === "en";
  // Each phrase in English and in Indonesian; W holds the page's language.
  var W = {};
  var PHRASES = {
    wait: [" draft(s) waiting for signal", " draf menunggu sinyal"],
    queued: [" draft(s) waiting to be sent", " draf menunggu dikirim"],
    draft: [" unsent draft(s)", " draf belum terkirim"],
    off: ["Offline", "Offline"],
    sending: ["Sending…", "Mengirim…"],
    title: ["Unsent drafts", "Draf belum terkirim"],
    none: ["(no title)", "(tanpa judul)"],
    saved: ["saved ", "disimpan "],
    open: ["Open", "Buka"],
    send: ["Send now", "Kirim sekarang"],
    del: ["Delete", "Hapus"],
    sure: ["Delete this draft from this phone?", "Hapus draf ini dari ponsel?"],
    s_editing: ["not saved yet", "belum disimpan"],
    s_queued: ["waiting to be sent", "menunggu dikirim"],
    s_invalid: ["needs fixing", "perlu diperbaiki"],
    s_conflict: ["conflict: this form key was used for a different meeting", "konflik: kunci formulir ini sudah dipakai untuk pertemuan lain"],
    s_photos: ["meeting sent, photos waiting", "pertemuan terkirim, foto menunggu"],
    s_stale: ["changed by someone else meanwhile: compare and save again", "sudah diubah orang lain: bandingkan lalu simpan lagi"],
    edit: ["Edit: ", "Ubah: "],
    kept: ["Saved on this phone. It will be sent once there is signal.", "Tersimpan di ponsel ini. Akan dikirim otomatis saat ada sinyal."],
    login: ["Sign in again to send your drafts.", "Masuk lagi untuk mengirim draf Anda."],
    failed: ["The server did not accept it (", "Server menolak ("],
    rekeyed: ["This draft will be sent as a new meeting.", "Draf ini akan dikirim sebagai pertemuan baru."],
    note: ["Drafts are stored only in this browser on this phone. Clearing the browser's data deletes them.", "Draf hanya disimpan di browser ponsel ini. Menghapus data browser juga menghapusnya."],
    photos: ["Photos (resized on the phone, sent with the meeting)", "Foto (diperkecil di ponsel, dikirim bersama pertemuan)"],
    nphotos: [" photo(s) waiting", " foto menunggu"]
  };
  Object.keys(PHRASES).forEach(function (k) { W[k] = PHRASES[k][en ? 0 : 1]; });
  var meta = document.querySelector('meta[name="sinergi-user"]'), USER = meta && meta.content;
  var script = document.currentScript, V = script ? new URL(script.src).searchParams.get("v") : "0";
  var TAB = Math.random().toString(36).slice(2), online = null, db = null, made = {}, saved = {}; // saved: the "?tersimpan=n" the server answered with
  var chan = window.BroadcastChannel ? new BroadcastChannel("sinergi-drafts") : null;

  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/static/sw.js?v=" + V, { scope: "/" }).catch(function () {});

  // ---- storage: one IndexedDB store of drafts, keyed by their form key ----
  function open() {
    if (db) return Promise.resolve(db);
    return new Promise(function (ok, no) {
      var r = indexedDB.open("sinergi", 1);
      r.onupgradeneeded = function () { r.result.createObjectStore("drafts", { keyPath: "key" }); };
      r.onsuccess = function () { db = r.result; ok(db); };
      r.onerror = function () { no(r.error); };
    });
  }
  function store(mode, fn) {
    return open().then(function (d) {
      return new Promise(function (ok, no) {
        var t = d.transaction("drafts", mode), r = fn(t.objectStore("drafts"));
        t.oncomplete = function () { ok(r && r.result); };
        t.onerror = function () { no(t.error); };
      });
    });
  }
  function get(key) { return store("readonly", function (s) { return s.get(key); }); }
  function put(d) { return store("readwrite", function (s) { s.put(d); }).then(changed); }
  function del(key) { return store("readwrite", function (s) { s.delete(key); }).then(changed); }
  function all() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (list) {
      return (list || []).filter(function (d) { return d.user === USER; }).sort(function (a, b) { return a.saved - b.saved; });
    });
  }
  function changed() { if (chan) chan.postMessage("changed"); return refresh(); }
  if (chan) chan.onmessage = function () { refresh(); };

  function hex(n) {
    var b = new Uint8Array(n); crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x < 16 ? "0" : "") + x.toString(16); }).join("");
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }

  // ---- honest online state: /healthz answered by the server (the service worker lets it through) ----
  function fetchT(url, opts, ms) {
    var c = window.AbortController ? new AbortController() : null, t = c && setTimeout(function () { c.abort(); }, ms);
    if (c) opts.signal = c.signal;
    opts.credentials = "same-origin";
    return fetch(url, opts).finally(function () { clearTimeout(t); });
  }
  function check() {
    return fetchT("/healthz?t=" + Date.now(), { cache: "no-store" }, 8000)
      .then(function (r) { return r.ok ? r.text() : ""; }).then(function (t) { return t === "ok"; }, function () { return false; })
      .then(function (up) { online = up; refresh(); if (up) sync(); return up; });
  }

  // ---- the header line and the draft list ----
  function refresh() {
    if (!USER) return Promise.resolve();
    return all().then(function (list) {
      var q = list.filter(function (d) { return d.state === "queued" || d.state === "photos"; }).length;
      var net = document.getElementById("net");
      if (net) {
        var text = q ? q + (online === false ? W.wait : W.queued) : list.length ? list.length + W.draft : online === false ? W.off : "";
        net.textContent = text; net.hidden = !text;
        net.classList.toggle("down", online === false);
      }
      drawList(list);
    }).catch(function () {});
  }
  function drawList(list) {
    var main = document.getElementById("main"), p = location.pathname;
    if (!main || (p !== "/pertemuan" && p !== "/pertemuan/baru" && !/^\/pertemuan\/\d+\/ubah$/.test(p))) return;
    var sec = document.getElementById("draf");
    if (!list.length) { if (sec) sec.remove(); return; }
    if (!sec) { sec = el("section", { id: "draf", class: "drafts card" }); main.insertBefore(sec, main.firstChild); }
    sec.textContent = "";
    sec.appendChild(el("h2", {}, W.title));
    var ul = sec.appendChild(el("ul", { class: "draft-list" }));
    list.forEach(function (d) {
      var li = ul.appendChild(el("li", { class: "draft", "data-key": d.key, "data-state": d.state }));
      li.appendChild(el("b", { class: "draft-title" }, (isEdit(d) ? W.edit : "") + (d.title || W.none)));
      li.appendChild(el("span", { class: "small muted" }, " · " + W.saved + new Date(d.saved).toLocaleString(en ? "en-GB" : "id-ID")));
      li.appendChild(el("span", { class: "draft-state state-" + d.state }, " · " + (W["s_" + d.state] || d.state) +
        ((d.photos || []).length ? " · " + d.photos.length + W.nphotos : "") + (d.note ? " · " + d.note : "")));
      var act = li.appendChild(el("span", { class: "draft-actions" }));
      act.appendChild(el("a", { href: isEdit(d) ? d.action : "/pertemuan/baru#draf=" + d.key, class: "draft-open" }, W.open));
      if (d.state === "queued" || d.state === "photos") act.appendChild(el("button", { type: "button", class: "link draft-send", "data-send": d.key }, W.send));
      act.appendChild(el("button", { type: "button", class: "link draft-del", "data-del": d.key }, W.del));
    });
    sec.appendChild(el("p", { class: "small muted" }, W.note));
  }
  document.addEventListener("click", function (e) {
    var s = e.target.closest("[data-send]"), d = e.target.closest("[data-del]");
    if (s) { s.textContent = W.sending; check(); }
    if (d && confirm(W.sure)) del(d.getAttribute("data-del"));
  });

  // ---- sending: one tab at a time (Web Locks; a lease in localStorage where there are none) ----
  function exclusive(fn) {
    if (navigator.locks) return navigator.locks.request("sinergi-sync", { ifAvailable: true }, function (l) { return l ? fn() : null; });
    var lease = JSON.parse(localStorage.getItem("sinergi-lease") || "null");
    if (lease && lease.tab !== TAB && lease.until > Date.now()) return Promise.resolve(null);
    localStorage.setItem("sinergi-lease", JSON.stringify({ tab: TAB, until: Date.now() + 90000 }));
    return Promise.resolve().then(fn).finally(function () { localStorage.removeItem("sinergi-lease"); });
  }
  var syncing = false;
  function sync() {
    if (syncing || !USER) return Promise.resolve();
    syncing = true;
    return exclusive(function () {
      return all().then(function (list) {
        return list.filter(function (d) { return d.state === "queued" || d.state === "photos"; })
          .reduce(function (chain, d) { return chain.then(function () { return sendOne(d.key).then(function (r) { shown(d.key, r); }); }); }, Promise.resolve());
      });
    }).catch(function () { online = false; }).finally(function () { syncing = false; refresh(); });
  }
  function isEdit(d) { return !!d.action && d.action !== "/pertemuan/baru"; }
  // What a send in the background means for the draft open in this page.
  function shown(k, r) {
    if (!form || k !== key) return;
    if (r === "sent") location.assign(made[k] ? "/pertemuan/" + made[k] + (saved[k] || "") : "/pertemuan");
    if (r === "invalid" || r === "stale") get(k).then(function (d) { if (d && d.html) { state = r; showInvalid(d.html); restore(d.fields); bind(); } });
  }
  // Sends the stored draft `key` (re-read: another tab may have sent it); throws when the network fails.
  function sendOne(key) {
    return get(key).then(function (d) {
      if (!d || (d.state !== "queued" && d.state !== "photos")) return d ? d.state : "gone";
      return (d.meeting ? Promise.resolve("sent") : postMeeting(d)).then(function (r) { return r === "sent" ? postPhotos(d) : r; });
    });
  }
  function postMeeting(d) {
    var body = new URLSearchParams();
    d.fields.forEach(function (f) { if (f[0] !== "idem" && f[0] !== "action") body.append(f[0], f[1]); });
    if (!isEdit(d)) body.append("idem", d.key);
    body.append("action", "save");
    return fetchT(d.action || "/pertemuan/baru", { method: "POST", body: body, redirect: "follow" }, 45000).then(function (r) {
      var path = new URL(r.url).pathname, m = r.redirected && /^\/pertemuan\/(\d+)$/.exec(path);
      if (m) { d.meeting = made[d.key] = m[1]; saved[d.key] = new URL(r.url).search; d.state = "photos"; d.note = ""; return put(d).then(function () { return "sent"; }); }
      if (r.status === 422) return r.text().then(function (html) { d.html = html; d.state = "invalid"; d.note = ""; return put(d); }).then(function () { return "invalid"; });
      if (r.status === 409 && isEdit(d)) return r.text().then(stale(d));
      if (r.status === 409) { d.state = "conflict"; d.note = ""; return put(d).then(function () { return "conflict"; }); }
      d.note = path === "/login" ? W.login : W.failed + r.status + ")";
      return put(d).then(function () { return "failed"; });
    });
  }
  // An edit saved by someone else meanwhile: the server's page (both values) is kept with the draft,
  // whose version becomes the newer one, so saving it again is a deliberate overwrite.
  function stale(d) {
    return function (html) {
      var v = new DOMParser().parseFromString(html, "text/html").querySelector('form.meeting-form [name="version"]');
      d.fields = d.fields.map(function (f) { return f[0] === "version" && v ? [f[0], v.value] : f; });
      d.html = html; d.state = "stale"; d.note = "";
      return put(d).then(function () { return "stale"; });
    };
  }
  function postPhotos(d) {
    if (!(d.photos || []).length) return del(d.key).then(function () { return "sent"; });
    var fd = new FormData();
    fd.append("photo", d.photos[0], "foto.jpg"); fd.append("caption", ""); fd.append("key", d.key + "-p" + (d.sent || 0));
    return fetchT("/pertemuan/" + d.meeting + "/foto", { method: "POST", body: fd, redirect: "follow" }, 120000).then(function (r) {
      if (!r.ok && r.status !== 422 && r.status !== 413) { d.note = W.failed + r.status + ")"; return put(d).then(function () { return "failed"; }); }
      d.photos.shift(); d.sent = (d.sent || 0) + 1;
      return put(d).then(function () { return postPhotos(d); });
    });
  }

  // ---- the meeting form (new or edit): autosave, restore, rows and photos without the server, send on "Simpan" ----
  var form = document.querySelector('form.meeting-form[action="/pertemuan/baru"]') ||
    document.querySelector('form.meeting-form[action^="/pertemuan/"][action$="/ubah"]');
  var ACTION = form && form.getAttribute("action"), EDIT = !!form && ACTION !== "/pertemuan/baru";
  var key = null, photos = [], state = "editing", timer = null;

  function fields() {
    var out = [];
    Array.prototype.forEach.call(form.elements, function (e) {
      if (!e.name || e.disabled || /^(file|submit|button|reset)$/.test(e.type)) return;
      if ((e.type === "checkbox" || e.type === "radio") && !e.checked) return;
      if (e.type === "select-multiple") Array.prototype.forEach.call(e.selectedOptions, function (o) { out.push([e.name, o.value]); });
      else out.push([e.name, e.value]);
    });
    return out;
  }
  function addRow(fs) {
    var rows = fs.querySelectorAll("[data-row]"), last = rows[rows.length - 1], n = rows.length;
    if (!last) return;
    var c = last.cloneNode(true), re = /^([a-z]+)\d+-/;
    c.setAttribute("data-row", n);
    if (c.id) c.id = c.id.replace(/\d+$/, n);
    c.querySelectorAll("[id]").forEach(function (x) { x.id = x.id.replace(re, "$1" + n + "-"); });
    c.querySelectorAll("label[for]").forEach(function (x) { x.htmlFor = x.htmlFor.replace(re, "$1" + n + "-"); });
    c.querySelectorAll(".field-error").forEach(function (x) { x.remove(); });
    c.querySelectorAll("[aria-invalid]").forEach(function (x) { x.removeAttribute("aria-invalid"); });
    c.querySelectorAll("input,textarea").forEach(function (x) { if (x.type === "checkbox" || x.type === "radio") x.checked = false; else x.value = ""; });
    c.querySelectorAll("select").forEach(function (x) { x.selectedIndex = 0; });
    last.parentNode.insertBefore(c, last.nextSibling);
  }
  function restore(list) {
    // enough rows for every repeated group (a row's first named field says how many were sent)
    form.querySelectorAll("fieldset").forEach(function (fs) {
      var first = fs.querySelector("[data-row] [name]");
      if (!first) return;
      var want = list.filter(function (f) { return f[0] === first.name; }).length;
      while (fs.querySelectorAll("[data-row]").length < want) addRow(fs);
    });
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (e) {
      if (!e.name || /^(file|submit|button|reset)$/.test(e.type)) return;
      var vals = list.filter(function (f) { return f[0] === e.name; }).map(function (f) { return f[1]; });
      if (e.type === "checkbox" || e.type === "radio") { e.checked = vals.indexOf(e.value) >= 0; return; }
      var i = seen[e.name] = (seen[e.name] || 0) + 1;
      if (i <= vals.length) e.value = vals[i - 1];
    });
  }
  function save(next) {
    if (!USER || !key) return Promise.resolve();
    var t = form.querySelector('[name="title"]'), list = fields();
    var d = { key: key, user: USER, saved: Date.now(), title: t ? t.value : "", fields: list, photos: photos, state: next || state };
    if (EDIT) d.action = ACTION;
    state = d.state;
    if (!EDIT && location.hash !== "#draf=" + key) history.replaceState(null, "", "#draf=" + key);
    return get(key).then(function (old) {
      if (old && old.meeting) { old.photos = photos; old.sent = old.sent || 0; return put(old); } // the meeting is made: only photos remain
      if (old && (d.state === "invalid" || d.state === "stale")) d.html = old.html;
      if (old) d.sent = old.sent;
      return put(d);
    });
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(save, 400); }
  function notice(text, cls) {
    var n = document.getElementById("draft-notice") || el("p", { id: "draft-notice", role: "status" });
    n.className = cls || "ok"; n.textContent = text;
    form.parentNode.insertBefore(n, form);
    n.scrollIntoView({ block: "center" });
  }
  function shrink(file) {
    return new Promise(function (ok) {
      var img = new Image(), u = URL.createObjectURL(file);
      img.onload = function () {
        var s = Math.min(1, 1600 / Math.max(img.naturalWidth, img.naturalHeight)), c = document.createElement("canvas");
        c.width = Math.round(img.naturalWidth * s); c.height = Math.round(img.naturalHeight * s);
        c.getContext("2d").drawImage(img, 0, 0, c.width, c.height);
        URL.revokeObjectURL(u);
        c.toBlob(function (b) { ok(b); }, "image/jpeg", 0.8);
      };
      img.onerror = function () { URL.revokeObjectURL(u); ok(null); };
      img.src = u;
    });
  }
  function photoField() {
    var actions = form.querySelector(".actions");
    var fs = el("fieldset", { class: "draft-photos" });
    fs.appendChild(el("legend", {}, W.photos));
    var input = fs.appendChild(el("input", { type: "file", id: "draft-photo", accept: "image/*", multiple: "" }));
    var count = fs.appendChild(el("p", { class: "small muted", id: "draft-photo-count" }, photos.length ? photos.length + W.nphotos : ""));
    input.addEventListener("change", function () {
      Promise.all(Array.prototype.map.call(input.files, shrink)).then(function (blobs) {
        blobs.forEach(function (b) { if (b) photos.push(b); });
        input.value = ""; count.textContent = photos.length + W.nphotos;
        save();
      });
    });
    form.insertBefore(fs, actions);
  }
  function showInvalid(html) {
    var doc = new DOMParser().parseFromString(html, "text/html"), m = doc.getElementById("main");
    if (m) document.getElementById("main").innerHTML = m.innerHTML;
    form = document.querySelector('form.meeting-form[action="' + ACTION + '"]');
  }
  function bind() {
    if (!form) return;
    if (!EDIT) { form.querySelector('[name="idem"]').value = key; photoField(); }
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("click", function (e) {
      var b = e.target.closest('button[name="action"][value^="add"]');
      if (!b) return;
      e.preventDefault(); addRow(b.closest("fieldset")); schedule();
    });
    form.addEventListener("submit", submit);
    refresh();
  }
  function submit(e) {
    if (e.defaultPrevented) return;
    e.preventDefault();
    clearTimeout(timer);
    var done = function () { delete form.dataset.sent; form.querySelectorAll("[aria-busy]").forEach(function (b) { b.removeAttribute("aria-busy"); }); };
    save("queued").then(function () {
      return (navigator.locks ? navigator.locks.request("sinergi-sync", function () { return sendOne(key); }) : sendOne(key));
    }).then(function (r) {
      if (r === "sent" || r === "gone") { location.assign(made[key] ? "/pertemuan/" + made[key] + (saved[key] || "") : "/pertemuan"); return; }
      done();
      if (r === "invalid" || r === "stale") return get(key).then(function (d) { photos = d.photos || []; state = r; showInvalid(d.html); bind(); });
      if (r === "conflict") return notice(W.s_conflict, "error");
      return get(key).then(function (d) { notice(d && d.note ? d.note : W.kept, "error"); });
    }, function () { online = false; done(); notice(W.kept, "warn"); refresh(); });
  }
  function start() {
    // an edit's draft is one per meeting and person; a new meeting's is named in the URL
    var m = /^#draf=([0-9a-f]{16,64})$/.exec(location.hash), edit = EDIT && "ubah-" + ACTION.split("/")[2] + "-" + USER;
    var load = edit ? get(edit) : m ? get(m[1]) : Promise.resolve(null);
    return load.then(function (d) {
      if (edit) key = edit;
      if (d && d.user === USER) {
        key = d.key; photos = d.photos || []; state = d.state;
        if ((d.state === "invalid" || d.state === "stale") && d.html) showInvalid(d.html);
        restore(d.fields);
        if (d.state === "conflict") {
          // the key is spent on another meeting: this draft goes as a new one under a new key
          return del(d.key).then(function () { key = hex(16); state = "editing"; bind(); save(); notice(W.rekeyed, "warn"); });
        }
      } else if (!edit) key = hex(16);
      bind();
    });
  }
  window.addEventListener("hashchange", function () { if (form && /^#draf=/.test(location.hash) && location.hash !== "#draf=" + key) location.reload(); });

  // ---- logout: this person's pages leave the phone's cache before the session ends ----
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (f.getAttribute("action") !== "/logout" || !window.caches) return;
    e.preventDefault();
    var sw = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (sw) sw.postMessage({ type: "logout" });
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf("pages-") === 0 || k === "sinergi-meta"; }).map(function (k) { return caches.delete(k); }));
    }).finally(function () { f.submit(); });
  });

  if (!USER || !window.indexedDB) return;
  if (form) start().catch(function () {});
  refresh();
  check();
  window.addEventListener("online", check);
  window.addEventListener("offline", function () { online = false; refresh(); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) check(); });
  setInterval(function () {
    all().then(function (list) {
      if (online === false || list.some(function (d) { return d.state === "queued" || d.state === "photos"; })) check();
    }).catch(function () {});
  }, 5000);
})();
