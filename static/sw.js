// Sinergi's service worker. The app shell (CSS, scripts, icons, the offline page) comes from a
// versioned cache; signed-in pages come from the network first and are kept in a cache named by
// the signed-in person (a hash the page carries in <meta name="sinergi-user">), so one person's
// pages are never shown to another. It never answers POSTs, CSVs, /k/ pages or /healthz.
"use strict";
var V = new URL(self.location.href).searchParams.get("v") || "0";
var SHELL = "shell-" + V;
var META = "sinergi-meta";
var USER_URL = "/__sinergi/user";
var ASSETS = ["/static/app.css?v=" + V, "/static/app.js?v=" + V, "/static/offline.js?v=" + V,
  "/static/offline.html", "/static/icon.svg", "/static/icon-192.png", "/static/manifest.webmanifest?v=" + V];
// Pages a signed-in officer needs without signal, fetched once after sign-in.
var WARM = ["/pertemuan/baru", "/pertemuan"];
var SLOW_MS = 6000;
var user = null;

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(ASSETS); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("shell-") === 0 && k !== SHELL; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (e) {
  if (e.data && e.data.type === "logout") e.waitUntil(forget());
});

self.addEventListener("fetch", function (e) {
  var req = e.request, url = new URL(req.url), p = url.pathname;
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (p === "/healthz" || p === "/readyz") return;
  if (p.indexOf("/static/") === 0) { e.respondWith(asset(req)); return; }
  if (req.mode !== "navigate" || p.indexOf("/k/") === 0 || /\.csv$/.test(p) || p === "/logout") return;
  e.respondWith(page(e, req, url));
});

function asset(req) {
  return caches.open(SHELL).then(function (c) { return c.match(req, { ignoreSearch: true }); })
    .then(function (hit) { return hit || fetch(req); });
}

function currentUser() {
  if (user) return Promise.resolve(user);
  return caches.open(META).then(function (c) { return c.match(USER_URL); })
    .then(function (r) { return r ? r.text() : null; }).then(function (u) { user = u; return u; });
}

/// Deletes every person's pages (logout, the login page, another person signing in).
function forget(keep) {
  user = null;
  return caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return (k.indexOf("pages-") === 0 && k !== "pages-" + keep) || (!keep && k === META); })
      .map(function (k) { return caches.delete(k); }));
  });
}

function remember(u, key, res) {
  return currentUser().then(function (was) {
    var first = was !== u;
    return (first ? forget(u) : Promise.resolve()).then(function () {
      user = u;
      return caches.open(META).then(function (c) { return c.put(USER_URL, new Response(u)); });
    }).then(function () { return caches.open("pages-" + u); })
      .then(function (c) { return c.put(key, res).then(function () { return first ? warm(c, u) : null; }); });
  });
}

function warm(cache, u) {
  return Promise.all(WARM.map(function (path) {
    return cache.match(path, { ignoreVary: true }).then(function (hit) {
      if (hit) return null;
      return fetch(path, { credentials: "same-origin" }).then(function (res) {
        if (!res.ok || res.redirected) return null;
        return res.clone().text().then(function (html) { if (userOf(html) === u) return cache.put(path, res); });
      });
    });
  })).catch(function () { return null; });
}

function userOf(html) {
  var m = /<meta name="sinergi-user" content="([0-9a-f]+)">/.exec(html);
  return m ? m[1] : null;
}

function cached(url) {
  return currentUser().then(function (u) {
    if (!u) return null;
    return caches.open("pages-" + u).then(function (c) { return c.match(url.pathname + url.search, { ignoreVary: true }); });
  });
}

function offlinePage() {
  return caches.open(SHELL).then(function (c) { return c.match("/static/offline.html"); })
    .then(function (r) { return r || new Response("Anda sedang offline", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } }); });
}

// Network first; a page the network has not answered within SLOW_MS comes from the cache if it
// is there (the network answer still refreshes the cache); no network and no copy: the offline page.
function page(e, req, url) {
  var key = url.pathname + url.search;
  var net = fetch(req).then(function (res) {
    var type = res.headers.get("content-type") || "";
    if (res.status !== 200 || type.indexOf("text/html") !== 0) return res;
    var copy = res.clone();
    e.waitUntil(copy.text().then(function (html) {
      var u = userOf(html);
      if (u) return remember(u, key, new Response(html, { headers: { "content-type": type } }));
      if (url.pathname === "/login") return forget();
    }));
    return res;
  });
  return new Promise(function (resolve) {
    var done = false;
    function answer(r) { if (!done && r) { done = true; resolve(r); } }
    var timer = setTimeout(function () { cached(url).then(answer); }, SLOW_MS);
    net.then(function (r) { clearTimeout(timer); answer(r); }, function () {
      clearTimeout(timer);
      cached(url).then(function (r) { return r || offlinePage(); }).then(answer);
    });
  });
}
