/* relais brochure viewer — progressive enhancement of partials/brochure_viewer.html.
   Without this script the brochure is a plain list of pages, each with its text.
   With it: one page at a time, or printed spreads on wide screens (the cover alone, then
   2–3, 4–5…; a button switches to single pages, remembered), prev/next, ←/→/Home/End by page
   or spread, swipe, thumbnails, fullscreen, an announced page counter and #page=N deep links
   that follow navigation. Each move fires "brochure:show" on the viewer ({first, last}) for
   brochure-zoom.js. No dependency. */
(function () {
  "use strict";
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  // Two 30rem pages side by side need this much room (brochure.css, the images' `sizes`).
  var wide = window.matchMedia("(min-width: 60rem)");
  var SINGLE_SIZES = "(min-width: 62rem) 60rem, calc(100vw - 2rem)";
  var STORE = "relais-brochure-single";

  function remembered() {
    try { return localStorage.getItem(STORE) === "1"; } catch (error) { return false; }
  }

  function remember(single) {
    try { localStorage.setItem(STORE, single ? "1" : "0"); } catch (error) { /* private mode */ }
  }

  function pageFromHash() {
    var match = /^#page=(\d+)$/.exec(location.hash);
    return match ? parseInt(match[1], 10) : 0;
  }

  function enhance(root) {
    var pages = root.querySelectorAll(".brochure-page");
    var strip = root.querySelector(".brochure-thumbs"); // absent for a one-page brochure
    var thumbs = strip ? strip.querySelectorAll("a") : [];
    var counter = root.querySelector(".brochure-counter");
    var prev = root.querySelector('[data-action="prev"]');
    var next = root.querySelector('[data-action="next"]');
    var full = root.querySelector('[data-action="fullscreen"]');
    var pairs = root.querySelector('[data-action="spreads"]');
    var images = root.querySelectorAll(".brochure-page img");
    var list = root.querySelector(".brochure-pages");
    var total = pages.length;
    var first = 0, last = 0; // the pages shown
    var single = remembered();
    var ready = false;
    var htmlSizes = images[0].getAttribute("sizes"); // spreads on wide screens, else one page

    function spreads() { return wide.matches && !single && total > 2; }

    // The pages shown with page n: itself, or its spread (the cover and a last even page alone).
    function viewOf(n) {
      if (!spreads() || n === 1) return [n, n];
      var left = n - (n % 2);
      return [left, Math.min(left + 1, total)];
    }

    // Brings a thumbnail into the strip's view, centred, when it is not fully in view. Only the
    // strip scrolls: thumb.scrollIntoView() would also scroll the page to the strip, moving the
    // button the reader is pressing. Long jumps (End) are instant: sliding past 300 thumbnails
    // would take long and fetch every lazy one on the way.
    function reveal(thumb) {
      var box = thumb.getBoundingClientRect(), view = strip.getBoundingClientRect();
      if (box.left >= view.left && box.right <= view.right) return;
      var by = box.left - view.left - (view.width - box.width) / 2;
      var glide = ready && !reducedMotion.matches && Math.abs(by) < view.width;
      strip.scrollBy({ left: by, behavior: glide ? "smooth" : "auto" });
    }

    function show(n, quiet, again) {
      var view = viewOf(Math.min(Math.max(n, 1), total));
      if (view[0] === first && view[1] === last && !again) return;
      first = view[0];
      last = view[1];
      for (var i = 0; i < total; i++) pages[i].hidden = i + 1 < first || i + 1 > last;
      // Fetch the next pages now so that turning to them is instant.
      for (var j = last; j < Math.min(last + (spreads() ? 2 : 1), total); j++) {
        images[j].loading = "eager";
      }
      prev.setAttribute("aria-disabled", String(first === 1));
      next.setAttribute("aria-disabled", String(last === total));
      counter.textContent = (first === last ? root.dataset.counter : root.dataset.counterSpread)
        .replace("{n}", first).replace("{m}", last).replace("{total}", total);
      // The pages on screen, space-separated: brochure-stats.js counts each one seen.
      var seen = [];
      for (var k = first; k <= last; k++) seen.push(k);
      root.dataset.pagesShown = seen.join(" ");
      if (strip) markThumbs();
      if (!quiet && location.hash !== "#page=" + first) {
        history.replaceState(history.state, "", "#page=" + first);
      }
      root.dispatchEvent(new CustomEvent("brochure:show", { detail: { first: first, last: last } }));
    }

    // The shown pages' thumbnails are marked; the first is the strip's only Tab stop (300
    // links would be 300 Tab presses); ←/→/Home/End then move along, and the focus follows
    // when it was in the strip.
    function markThumbs() {
      var focused = strip.contains(document.activeElement);
      for (var i = 0; i < thumbs.length; i++) {
        var on = i + 1 >= first && i + 1 <= last;
        thumbs[i].tabIndex = i + 1 === first ? 0 : -1;
        if (on) thumbs[i].setAttribute("aria-current", "page");
        else thumbs[i].removeAttribute("aria-current");
      }
      if (focused) thumbs[first - 1].focus({ preventScroll: true });
      reveal(thumbs[first - 1]);
    }

    // Spreads or single pages; the images' `sizes` follow, so that the browser picks the
    // render the page is drawn at (a zoomed image keeps its own, brochure-zoom.js).
    function layout() {
      root.classList.toggle("is-spreads", spreads());
      pairs.hidden = !wide.matches || total <= 2;
      pairs.setAttribute("aria-pressed", String(!single));
      root.dataset.sizes = wide.matches && !spreads() ? SINGLE_SIZES : htmlSizes;
      for (var i = 0; i < images.length; i++) {
        var same = images[i].getAttribute("sizes") === root.dataset.sizes;
        if (!images[i].dataset.zoomed && !same) images[i].sizes = root.dataset.sizes;
      }
      if (first) show(first, true, true);
    }

    root.classList.add("is-enhanced");
    root.querySelector(".brochure-toolbar").hidden = false;
    layout();
    var linked = pageFromHash();
    show(linked || 1, !linked);
    if (linked) root.scrollIntoView({ block: "start" });
    ready = true;

    wide.addEventListener("change", layout);
    pairs.addEventListener("click", function () {
      single = !single;
      remember(single);
      layout();
    });
    prev.addEventListener("click", function () { show(first - 1); });
    next.addEventListener("click", function () { show(last + 1); });
    Array.prototype.forEach.call(thumbs, function (thumb, i) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        show(i + 1);
      });
    });
    window.addEventListener("hashchange", function () {
      if (pageFromHash()) show(pageFromHash());
    });

    (root.dataset.keys === "document" ? document : root).addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) return;
      if (event.target === list) return; // zoomed pages, focused: the arrows pan them
      var to = event.key === "ArrowLeft" ? first - 1 : event.key === "ArrowRight" ? last + 1
        : event.key === "Home" ? 1 : event.key === "End" ? total : 0;
      if (!to) return;
      event.preventDefault();
      show(to);
    });

    // Swipe: a mostly horizontal one-finger (or pen) stroke of 40 px or more turns the page,
    // unless the pages are zoomed or the view pinched: then the stroke pans.
    var start = null, fingers = 0;
    function panning() {
      return root.classList.contains("is-zoomed") || root.classList.contains("is-pinched");
    }
    list.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse") return;
      fingers += 1; // a second finger makes it a pinch
      start = fingers > 1 || panning() ? null : [event.clientX, event.clientY];
    });
    list.addEventListener("pointercancel", function () { start = null; fingers = 0; });
    list.addEventListener("pointerup", function (event) {
      if (event.pointerType === "mouse") return;
      fingers = Math.max(0, fingers - 1);
      if (!start) return;
      var dx = event.clientX - start[0], dy = event.clientY - start[1];
      start = null;
      if (Math.abs(dx) >= 40 && Math.abs(dx) > Math.abs(dy)) show(dx < 0 ? last + 1 : first - 1);
    });

    if (root.requestFullscreen && document.fullscreenEnabled) {
      full.hidden = false;
      full.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else root.requestFullscreen().catch(function () {});
      });
      document.addEventListener("fullscreenchange", function () {
        var on = document.fullscreenElement === root;
        full.textContent = on ? root.dataset.exit : root.dataset.enter;
      });
    }

    var copy = root.querySelector('[data-action="copy"]');
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(root.querySelector("textarea").value).then(function () {
          root.querySelector(".brochure-status").textContent = copy.dataset.done;
        });
      });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-brochure]"), enhance);
})();
