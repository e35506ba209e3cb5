/* relais brochure viewer: progressive enhancement of partials/brochure_viewer.html
   (plugins/brochure/README.md, "Reading on every screen", explains each part). Without it,
   a plain list of pages with their links and text. With it: one page at a time, or
   printed spreads on wide screens; prev/next, ←/→/Home/End, swipe, thumbnails (fetched as
   they show), the pages' text instead of their images, zoom, fullscreen fitted to the
   screen, share, and #page=N naming the page the reader chose. The page asked for is
   fetched first, its neighbours once it has arrived. No dependency. */
(function () {
  "use strict";
  var reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
  // Two 30rem pages side by side need this much room (brochure.css, the images' `sizes`).
  var wide = matchMedia("(min-width: 60rem)");
  var SINGLE_SIZES = "(min-width: 62rem) 60rem, calc(100vw - 2rem)";
  var STORE = "relais-brochure-single";
  var LEVELS = [1, 1.5, 2, 3];

  function each(list, act) { Array.prototype.forEach.call(list, act); }

  function remembered() {
    try { return localStorage.getItem(STORE) === "1"; } catch (error) { return false; }
  }

  function remember(single) {
    try { localStorage.setItem(STORE, single ? "1" : "0"); } catch (error) { /* private mode */ }
  }

  function pageFromHash() {
    var match = /^#page=(\d+)$/.exec(location.hash);
    return match ? +match[1] : 0;
  }

  // E-mail addresses, kept in two halves in the HTML for harvesters.
  function address(element) {
    return element.dataset.user + "@" + element.dataset.domain.split("").reverse().join("");
  }
  each(document.querySelectorAll(".brochure-email[data-user]"), function (span) {
    span.replaceWith(address(span));
  });
  each(document.querySelectorAll("a.brochure-link[data-user]"), function (link) {
    link.href = "mailto:" + address(link);
  });

  // A link closer to one of higher priority than two 24 px targets allow at the page's
  // current size (data-min, px of page width) is taken off the image (WCAG 2.5.8); the list
  // under the page has it.
  if (window.ResizeObserver) {
    var crowded = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        each(entry.target.querySelectorAll("a[data-min]"), function (link) {
          link.hidden = entry.target.clientWidth < +link.dataset.min;
        });
      });
    });
    each(document.querySelectorAll(".brochure-sheet"), function (sheet) {
      if (sheet.querySelector("a[data-min]")) crowded.observe(sheet);
    });
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
    var reading = root.querySelector('[data-action="text"]');
    var images = root.querySelectorAll(".brochure-page img");
    var list = root.querySelector(".brochure-pages");
    var total = pages.length;
    var first = 0, last = 0, chosen = 0; // the pages shown; the one the reader asked for
    var single = remembered();
    var ready = false, fetching = false;
    var htmlSizes = images[0].getAttribute("sizes"); // spreads on wide screens, else one page

    function spreads() { return wide.matches && !single && total > 2; }

    // The pages shown with page n: itself, or its spread (the cover and a last even page alone).
    function viewOf(n) {
      n = Math.min(Math.max(n, 1), total);
      if (!spreads() || n === 1) return [n, n];
      var left = n - (n % 2);
      return [left, Math.min(left + 1, total)];
    }

    // Brings a thumbnail into the strip's view, centred. Only the strip scrolls (not the
    // page, which would move the button being pressed); long jumps are instant.
    function reveal(thumb) {
      var box = thumb.getBoundingClientRect(), view = strip.getBoundingClientRect();
      if (box.left >= view.left && box.right <= view.right) return;
      var by = box.left - view.left - (view.width - box.width) / 2;
      var glide = ready && !reducedMotion.matches && Math.abs(by) < view.width;
      strip.scrollBy({ left: by, behavior: glide ? "smooth" : "auto" });
    }

    // Thumbnails are fetched when they show in the strip, once the first page has arrived.
    function fetchThumbs() {
      if (fetching || !strip) return;
      fetching = true;
      var thumbImages = strip.querySelectorAll("img[data-src]");
      var load = function (img) { img.src = img.dataset.src; };
      if (!window.IntersectionObserver) return each(thumbImages, load);
      var seen = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { load(entry.target); seen.unobserve(entry.target); }
        });
      });
      each(thumbImages, function (img) { seen.observe(img); });
    }

    // The pages shown come first; the next ones are fetched once they have arrived, so that
    // turning to them is instant.
    function fetchAhead() {
      var waiting = 1, from = last;
      function arrived() {
        if (--waiting) return;
        for (var j = from; j < Math.min(from + (spreads() ? 2 : 1), total); j++) {
          images[j].loading = "eager";
        }
        fetchThumbs();
      }
      [chosen].concat(first, last).forEach(function (n) {
        var img = images[n - 1];
        if (img.loading === "eager") return;
        img.loading = "eager";
        if (img.complete) return;
        waiting += 1;
        img.addEventListener("load", arrived, { once: true });
        img.addEventListener("error", arrived, { once: true });
      });
      arrived();
    }

    // Shows page n (and its spread); `quiet`: the address is left alone.
    function show(n, quiet, again) {
      var view = viewOf(n);
      var asked = Math.min(Math.max(n, 1), total);
      if (view[0] === first && view[1] === last && asked === chosen && !again) return;
      first = view[0];
      last = view[1];
      chosen = asked;
      for (var i = 0; i < total; i++) pages[i].hidden = i + 1 < first || i + 1 > last;
      fetchAhead();
      prev.setAttribute("aria-disabled", String(first === 1));
      next.setAttribute("aria-disabled", String(last === total));
      counter.textContent = (first === last ? root.dataset.counter : root.dataset.counterSpread)
        .replace("{n}", first).replace("{m}", last).replace("{total}", total);
      // brochure-stats.js counts each page seen; share and the address name the one chosen.
      var seen = [];
      for (var k = first; k <= last; k++) seen.push(k);
      root.dataset.pagesShown = seen.join(" ");
      root.dataset.page = chosen;
      if (strip) markThumbs();
      if (!quiet && location.hash !== "#page=" + chosen) {
        history.replaceState(history.state, "", "#page=" + chosen);
      }
      root.dispatchEvent(new CustomEvent("brochure:show", { detail: { first: first, last: last } }));
    }

    // A move by a page or a spread: the reader's page is then the first one shown.
    function turn(n) { show(viewOf(n)[0]); }

    // The shown pages' thumbnails are marked; the chosen one is the strip's only Tab stop;
    // ←/→/Home/End then move along, and the focus follows when it was in the strip.
    function markThumbs() {
      var focused = strip.contains(document.activeElement);
      for (var i = 0; i < thumbs.length; i++) {
        thumbs[i].tabIndex = i + 1 === chosen ? 0 : -1;
        if (i + 1 >= first && i + 1 <= last) thumbs[i].setAttribute("aria-current", "page");
        else thumbs[i].removeAttribute("aria-current");
      }
      if (focused) thumbs[chosen - 1].focus({ preventScroll: true });
      reveal(thumbs[chosen - 1]);
    }

    // Spreads or single pages; the images' `sizes` follow (a zoomed image keeps its own).
    function layout() {
      root.classList.toggle("is-spreads", spreads());
      pairs.hidden = !wide.matches || total <= 2;
      pairs.setAttribute("aria-pressed", String(!single));
      root.dataset.sizes = wide.matches && !spreads() ? SINGLE_SIZES : htmlSizes;
      each(images, function (img) {
        if (!img.dataset.zoomed && img.getAttribute("sizes") !== root.dataset.sizes) {
          img.sizes = root.dataset.sizes;
        }
      });
      if (first) show(chosen, true, true);
    }

    root.classList.add("is-enhanced");
    root.querySelector(".brochure-toolbar").hidden = false;
    layout();
    var linked = pageFromHash();
    show(linked || 1, !linked);
    ready = true;

    wide.addEventListener("change", layout);
    pairs.addEventListener("click", function () {
      single = !single;
      remember(single);
      layout();
    });
    prev.addEventListener("click", function () { turn(first - 1); });
    next.addEventListener("click", function () { turn(last + 1); });
    each(thumbs, function (thumb, i) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        show(i + 1);
      });
    });

    // The pages' text instead of their images, at the site's size: reading on a phone.
    reading.addEventListener("click", function () {
      var on = root.classList.toggle("is-reading");
      reading.setAttribute("aria-pressed", String(on));
      each(root.querySelectorAll(".brochure-text"), function (text) { text.open = on; });
      if (!on) root.dispatchEvent(new CustomEvent("brochure:show"));
    });

    // A link to #page=N (contents, links on the pages) turns the viewer there; after one,
    // the focus goes to the page (the link may be hidden now). Back to the address without
    // #page=N shows page 1.
    var followed = null;
    root.addEventListener("click", function (event) {
      var link = event.target.closest('a[href^="#page="]');
      followed = link && !link.closest(".brochure-thumbs") && link;
    });
    window.addEventListener("hashchange", function () {
      if (location.hash === "") {
        history.replaceState(history.state, "", "#page=1");
      }
      if (pageFromHash()) show(pageFromHash());
      if (!followed) return;
      var contents = followed.closest(".brochure-toc details");
      if (contents) contents.open = false; // the outline, chosen from: out of the way
      followed = null;
      var sheet = pages[chosen - 1].querySelector(".brochure-sheet");
      sheet.tabIndex = -1;
      sheet.focus({ preventScroll: true });
      var top = sheet.getBoundingClientRect().top;
      if (top < 0 || top > innerHeight / 2) root.scrollIntoView({ block: "start" });
    });

    (root.dataset.keys === "document" ? document : root).addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) return;
      if (event.target === list) return; // zoomed pages, focused: the arrows pan them
      var to = event.key === "ArrowLeft" ? first - 1 : event.key === "ArrowRight" ? last + 1
        : event.key === "Home" ? 1 : event.key === "End" ? total : 0;
      if (!to) return;
      event.preventDefault();
      turn(to);
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
      if (Math.abs(dx) >= 40 && Math.abs(dx) > Math.abs(dy)) turn(dx < 0 ? last + 1 : first - 1);
    });

    if (root.requestFullscreen && document.fullscreenEnabled) {
      full.hidden = false;
      full.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else root.requestFullscreen().catch(function () {});
      });
      document.addEventListener("fullscreenchange", function () {
        full.lastChild.textContent = document.fullscreenElement === root
          ? root.dataset.exit : root.dataset.enter;
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

    share(root);
    zoom(root);
    // --land: the height of the viewer's heading and controls. Landing on #page=N (a shared
    // page, a search result), the browser scrolls to that page with this margin above it:
    // they show too; a spread fits the screen under them (brochure.css).
    function land() {
      var top = root.getBoundingClientRect().top;
      root.style.setProperty("--land", pages[chosen - 1].getBoundingClientRect().top - top + "px");
    }
    land();
    addEventListener("resize", land);
    addEventListener("load", land);
    if (linked) root.scrollIntoView({ block: "start" });
  }

  // "Share this page" beside the download link: the address of the chosen page
  // (…/brochure/page-N/, whose preview shows it), to the share sheet of a phone, else
  // copied (or shown where copying is refused, as in an iframe on another site).
  function share(root) {
    if (!navigator.share && !navigator.clipboard) return;
    var button = document.createElement("button");
    button.type = "button";
    button.dataset.action = "share";
    button.textContent = root.dataset.shareLabel;
    var status = document.createElement("span");
    status.className = "brochure-status";
    status.setAttribute("role", "status");
    root.querySelector(".brochure-meta").append(" · ", button, " ", status);
    button.addEventListener("click", function () {
      var url = root.dataset.share.replace("{n}", root.dataset.page);
      status.textContent = "";
      if (navigator.share) return navigator.share({ url: url }).catch(function () {});
      navigator.clipboard.writeText(url).then(function () {
        status.textContent = root.dataset.shareDone;
      }, function () {
        status.textContent = url;
      });
    });
  }

  // Zoom: buttons and + / - / 0 draw the shown pages at 1.5, 2 or 3 times their width; they
  // then pan inside the viewer (scroll, drag, swipe). Each page's larger render (data-zoom)
  // joins its srcset only then, `sizes` the width drawn: fetched only if the screen needs it.
  // A pinch (the browser's zoom, never blocked) past 120 % does the same.
  function zoom(root) {
    var stage = root.querySelector(".brochure-pages");
    var zoomOut = root.querySelector('[data-action="zoom-out"]');
    var zoomIn = root.querySelector('[data-action="zoom-in"]');
    var reset = root.querySelector('[data-action="zoom-reset"]');
    var level = root.querySelector(".brochure-zoom-level");
    var step = 0;
    root.querySelector(".brochure-zoom").hidden = false;

    function shown() {
      return Array.prototype.filter.call(root.querySelectorAll(".brochure-page"), function (page) {
        return !page.hidden;
      });
    }

    function sharpen(img, width) {
      if (img.dataset.zoom && img.srcset.indexOf(img.dataset.zoom) < 0) {
        img.srcset += ", " + img.dataset.zoom;
      }
      img.dataset.zoomed = "1";
      img.sizes = Math.ceil(width) + "px";
    }

    function relax(img) {
      if (!img.dataset.zoomed) return;
      delete img.dataset.zoomed;
      img.sizes = root.dataset.sizes; // the layout's own
    }

    // The point at the middle of what the reader sees of the pages, as fractions of them.
    function focus() {
      var box = stage.getBoundingClientRect();
      var x = (Math.max(box.left, 0) + Math.min(box.right, innerWidth)) / 2 - box.left;
      var y = (Math.max(box.top, 0) + Math.min(box.bottom, innerHeight)) / 2 - box.top;
      return [(x + stage.scrollLeft) / stage.scrollWidth, (y + stage.scrollTop) / stage.scrollHeight];
    }

    // Draws the shown pages at LEVELS[step] times their width at 100 %, measured afresh.
    // `at`: the point to keep in the middle, as from focus(); none: the top of the page.
    function apply(at) {
      var factor = LEVELS[step];
      var sheets = root.querySelectorAll(".brochure-sheet");
      root.classList.remove("is-zoomed");
      each(sheets, function (sheet) { sheet.style.width = ""; });
      var pages = shown();
      var widths = pages.map(function (page) {
        return page.querySelector(".brochure-sheet").getBoundingClientRect().width;
      });
      root.classList.toggle("is-zoomed", factor > 1);
      // Zoomed pages are a Tab stop whose arrow keys pan them.
      if (factor > 1) stage.tabIndex = 0;
      else stage.removeAttribute("tabindex");
      each(root.querySelectorAll(".brochure-page img"), relax);
      if (factor > 1) {
        pages.forEach(function (page, n) {
          page.querySelector(".brochure-sheet").style.width = widths[n] * factor + "px";
          sharpen(page.querySelector("img"), widths[n] * factor);
        });
        var point = at || [0.5, 0];
        stage.scrollLeft = point[0] * stage.scrollWidth - stage.clientWidth / 2;
        stage.scrollTop = at ? point[1] * stage.scrollHeight - stage.clientHeight / 2 : 0;
      }
      zoomOut.setAttribute("aria-disabled", String(step === 0));
      reset.setAttribute("aria-disabled", String(step === 0));
      zoomIn.setAttribute("aria-disabled", String(step === LEVELS.length - 1));
      level.textContent = Math.round(factor * 100) + " %";
    }

    function zoomTo(to) {
      to = Math.min(Math.max(to, 0), LEVELS.length - 1);
      if (to === step || root.classList.contains("is-reading")) return;
      var at = focus();
      step = to;
      apply(at);
      if (step) stage.scrollIntoView({ block: "nearest" });
    }

    zoomIn.addEventListener("click", function () { zoomTo(step + 1); });
    zoomOut.addEventListener("click", function () { zoomTo(step - 1); });
    reset.addEventListener("click", function () { zoomTo(0); });
    var keys = { "+": 1, "=": 1, "-": -1 };
    (root.dataset.keys === "document" ? document : root).addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return; // Ctrl + + is the browser's
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) return;
      if (!(event.key in keys) && event.key !== "0") return;
      event.preventDefault();
      zoomTo(event.key === "0" ? 0 : step + keys[event.key]);
    });
    root.addEventListener("brochure:show", function () { if (step) apply(); });
    var pending = 0;
    window.addEventListener("resize", function () {
      if (!step || pending) return;
      pending = requestAnimationFrame(function () { pending = 0; apply(focus()); });
    });

    // Dragging with the mouse pans zoomed pages.
    var drag = null;
    stage.addEventListener("pointerdown", function (event) {
      if (event.pointerType !== "mouse" || event.button !== 0 || !step) return;
      drag = [event.clientX + stage.scrollLeft, event.clientY + stage.scrollTop];
      root.classList.add("is-dragging");
    });
    stage.addEventListener("pointermove", function (event) {
      if (!drag) return;
      stage.scrollLeft = drag[0] - event.clientX;
      stage.scrollTop = drag[1] - event.clientY;
    });
    ["pointerup", "pointerleave", "pointercancel"].forEach(function (type) {
      stage.addEventListener(type, function () {
        drag = null;
        root.classList.remove("is-dragging");
      });
    });
    stage.addEventListener("dragstart", function (event) { if (step) event.preventDefault(); });

    // Pinched: the shown pages get their larger render, and a finger pans the view.
    var view = window.visualViewport;
    if (view) {
      view.addEventListener("resize", function () {
        root.classList.toggle("is-pinched", view.scale > 1.01);
        if (view.scale < 1.2) return;
        shown().forEach(function (page) {
          var img = page.querySelector("img");
          sharpen(img, img.getBoundingClientRect().width * view.scale);
        });
      });
    }
  }

  each(document.querySelectorAll("[data-brochure]"), enhance);
})();
