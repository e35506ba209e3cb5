/* relais brochure viewer: zoom (partials/brochure_viewer.html, after brochure.js).
   Buttons and the keys + / - / 0 zoom the shown page or spread from 100 % to 300 %; the
   pages then pan inside the viewer (scroll, drag with the mouse, swipe). Pinching a phone's
   screen is the browser's own zoom, never blocked (brochure.css keeps pinch-zoom allowed).
   Each page's larger render (`data-zoom`) joins its srcset only once it is zoomed or
   pinched, with `sizes` set to the width it is drawn at: the browser fetches it only when
   the screen's density asks for it, never before a reader zooms. No dependency. */
(function () {
  "use strict";
  var LEVELS = [1, 1.5, 2, 3];

  function enhance(root) {
    var group = root.querySelector(".brochure-zoom");
    var stage = root.querySelector(".brochure-pages");
    var zoomOut = root.querySelector('[data-action="zoom-out"]');
    var zoomIn = root.querySelector('[data-action="zoom-in"]');
    var reset = root.querySelector('[data-action="zoom-reset"]');
    var level = root.querySelector(".brochure-zoom-level");
    var step = 0;
    group.hidden = false;

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
      img.sizes = root.dataset.sizes; // the layout's own (brochure.js)
    }

    // The point at the middle of what the reader sees of the pages, as fractions of them.
    function focus() {
      var box = stage.getBoundingClientRect();
      var x = (Math.max(box.left, 0) + Math.min(box.right, innerWidth)) / 2 - box.left;
      var y = (Math.max(box.top, 0) + Math.min(box.bottom, innerHeight)) / 2 - box.top;
      return [(x + stage.scrollLeft) / stage.scrollWidth, (y + stage.scrollTop) / stage.scrollHeight];
    }

    // Draws the shown pages at LEVELS[step] times their width at 100 %, measured afresh (the
    // layout depends on the screen, spreads and fullscreen). `at`: the point to keep in the
    // middle, as from focus(), or none for the top of a newly shown page.
    function apply(at) {
      var zoom = LEVELS[step];
      var sheets = root.querySelectorAll(".brochure-sheet");
      root.classList.remove("is-zoomed");
      for (var i = 0; i < sheets.length; i++) sheets[i].style.width = "";
      var pages = shown();
      var widths = pages.map(function (page) {
        return page.querySelector(".brochure-sheet").getBoundingClientRect().width;
      });
      root.classList.toggle("is-zoomed", zoom > 1);
      // Zoomed pages are a Tab stop whose arrow keys pan them (brochure.js leaves them alone).
      if (zoom > 1) stage.tabIndex = 0;
      else stage.removeAttribute("tabindex");
      Array.prototype.forEach.call(root.querySelectorAll(".brochure-page img"), relax);
      if (zoom > 1) {
        pages.forEach(function (page, n) {
          page.querySelector(".brochure-sheet").style.width = widths[n] * zoom + "px";
          sharpen(page.querySelector("img"), widths[n] * zoom);
        });
        var point = at || [0.5, 0];
        stage.scrollLeft = point[0] * stage.scrollWidth - stage.clientWidth / 2;
        stage.scrollTop = at ? point[1] * stage.scrollHeight - stage.clientHeight / 2 : 0;
      }
      zoomOut.setAttribute("aria-disabled", String(step === 0));
      reset.setAttribute("aria-disabled", String(step === 0));
      zoomIn.setAttribute("aria-disabled", String(step === LEVELS.length - 1));
      level.textContent = Math.round(zoom * 100) + " %";
    }

    function zoomTo(to) {
      to = Math.min(Math.max(to, 0), LEVELS.length - 1);
      if (to === step) return;
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

    // A pinch is the browser's zoom: the shown pages get their larger render once it passes
    // 120 %, and a finger on a page then pans the view (brochure.css, .is-pinched).
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

  Array.prototype.forEach.call(document.querySelectorAll("[data-brochure]"), enhance);
})();
