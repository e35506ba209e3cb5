/* relais brochure viewer — progressive enhancement of partials/brochure_viewer.html.
   Without this script the brochure is a plain list of pages, each with its text.
   With it: one page at a time, prev/next, ←/→/Home/End, swipe, thumbnails, fullscreen,
   an announced page counter and #page=N deep links that follow navigation. No dependency. */
(function () {
  "use strict";
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

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
    var total = pages.length;
    var current = 0;
    var ready = false;

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

    function show(n, quiet) {
      n = Math.min(Math.max(n, 1), total);
      if (n === current) return;
      current = n;
      for (var i = 0; i < total; i++) pages[i].hidden = i !== n - 1;
      // Fetch the next page now so that turning to it is instant.
      if (n < total) pages[n].querySelector("img").loading = "eager";
      prev.setAttribute("aria-disabled", String(n === 1));
      next.setAttribute("aria-disabled", String(n === total));
      counter.textContent = root.dataset.counter.replace("{n}", n).replace("{total}", total);
      // The pages on screen, space-separated: brochure-stats.js counts each one seen.
      root.dataset.pagesShown = String(n);
      if (strip) markThumb(thumbs[n - 1]);
      if (!quiet && location.hash !== "#page=" + n) {
        history.replaceState(history.state, "", "#page=" + n);
      }
    }

    // The current page's thumbnail is the strip's only Tab stop (300 links would be 300 Tab
    // presses); ←/→/Home/End then move along, and the focus follows when it was in the strip.
    function markThumb(thumb) {
      var focused = strip.contains(document.activeElement);
      for (var i = 0; i < thumbs.length; i++) {
        var on = thumbs[i] === thumb;
        thumbs[i].tabIndex = on ? 0 : -1;
        if (on) thumbs[i].setAttribute("aria-current", "page");
        else thumbs[i].removeAttribute("aria-current");
      }
      if (focused) thumb.focus({ preventScroll: true });
      reveal(thumb);
    }

    root.classList.add("is-enhanced");
    root.querySelector(".brochure-toolbar").hidden = false;
    var linked = pageFromHash();
    show(linked || 1, !linked);
    if (linked) root.scrollIntoView({ block: "start" });
    ready = true;

    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    Array.prototype.forEach.call(thumbs, function (thumb, i) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        show(i + 1);
      });
    });
    window.addEventListener("hashchange", function () {
      if (pageFromHash()) show(pageFromHash());
    });

    var keys = { ArrowLeft: -1, ArrowRight: 1 };
    (root.dataset.keys === "document" ? document : root).addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) return;
      var to = event.key in keys ? current + keys[event.key]
        : event.key === "Home" ? 1 : event.key === "End" ? total : 0;
      if (!to) return;
      event.preventDefault();
      show(to);
    });

    // Swipe: a mostly horizontal touch or pen stroke of 40 px or more turns the page.
    var list = root.querySelector(".brochure-pages");
    var start = null;
    list.addEventListener("pointerdown", function (event) {
      start = event.pointerType === "mouse" ? null : [event.clientX, event.clientY];
    });
    list.addEventListener("pointercancel", function () { start = null; });
    list.addEventListener("pointerup", function (event) {
      if (!start) return;
      var dx = event.clientX - start[0], dy = event.clientY - start[1];
      start = null;
      if (Math.abs(dx) >= 40 && Math.abs(dx) > Math.abs(dy)) show(current + (dx < 0 ? 1 : -1));
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
