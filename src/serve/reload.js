// tongwen preview: waits for a rebuild, then reloads (keeping the scroll position),
// swaps stylesheets, or shows what went wrong over the page.
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = Number(me && me.getAttribute("data-generation")) || 0;
  var key = "tongwen-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = Number(saved);
    window.addEventListener("load", function () { window.scrollTo(0, y); });
    window.scrollTo(0, y);
  }

  function overlay(html) {
    var box = document.getElementById("tongwen-overlay");
    if (!html) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("section");
      box.id = "tongwen-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(255,255,255,.97);color:#1f1f1f;padding:2rem;font:18px/1.7 system-ui,sans-serif;" +
        "border-top:6px solid #b71c1c";
      document.body.appendChild(box);
    }
    box.innerHTML = html;
  }

  function swapCss(generation) {
    var links = document.querySelectorAll("link[rel=stylesheet]");
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("tongwen", String(generation));
      links[i].href = url.toString();
    }
  }

  function poll() {
    // Naming the page lets serve answer as soon as this page is rebuilt, before the rest.
    fetch("/__tongwen/poll?since=" + seen + "&page=" + encodeURIComponent(location.pathname),
      { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        // A generation behind `seen` comes from a restarted serve: reload as well.
        var changed = state.generation !== seen;
        seen = state.generation;
        if (state.overlay) {
          overlay(state.overlay);
        } else if (changed && state.kind === "css" && !document.getElementById("tongwen-overlay")) {
          swapCss(state.generation);
        } else if (changed) {
          sessionStorage.setItem(key, String(window.scrollY));
          location.reload();
          return;
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  // Ask at once (since 0) so a page opened while the site has errors shows them.
  var first = seen;
  seen = 0;
  fetch("/__tongwen/poll?since=0&page=" + encodeURIComponent(location.pathname),
    { cache: "no-store" })
    .then(function (r) { return r.json(); })
    .then(function (state) {
      overlay(state.overlay);
      seen = Math.max(first, state.generation);
      if (state.generation > first && !state.overlay) {
        sessionStorage.setItem(key, String(window.scrollY));
        location.reload();
        return;
      }
      poll();
    })
    .catch(function () { seen = first; setTimeout(poll, 1000); });
})();
