/* The PDF's links over the brochure's pages (partials/brochure_links.html) and its table of
   contents (partials/brochure_toc.html). Both work without this script: links to #page=N
   are plain links that brochure.js follows on hashchange. This script adds:
   - mailto: on e-mail links, whose address the HTML keeps in two halves for harvesters;
   - after a link or a contents entry turns the viewer to another page, the focus on that page
     (the link itself is now hidden) and the page in view;
   - Back to the address without #page=N (before the first link followed) shows page 1;
   - a link too close to another at the page's current size (data-min, in px of page width)
     is hidden: two 24 px targets would overlap (WCAG 2.5.8); the page's text lists it. */
(function () {
  "use strict";

  function address(element) {
    return element.dataset.user + "@" + element.dataset.domain.split("").reverse().join("");
  }

  Array.prototype.forEach.call(document.querySelectorAll(".brochure-email[data-user]"), function (span) {
    span.replaceWith(address(span));
  });
  Array.prototype.forEach.call(document.querySelectorAll("a.brochure-link[data-user]"), function (link) {
    link.href = "mailto:" + address(link);
  });

  if (window.ResizeObserver) {
    var crowded = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        var width = entry.target.clientWidth;
        Array.prototype.forEach.call(entry.target.querySelectorAll("a[data-min]"), function (link) {
          link.hidden = width < Number(link.dataset.min);
        });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".brochure-sheet"), function (sheet) {
      if (sheet.querySelector("a[data-min]")) crowded.observe(sheet);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-brochure]"), function (root) {
    var followed = false;
    root.addEventListener("click", function (event) {
      var link = event.target.closest('a[href^="#page="]');
      // Thumbnails turn pages themselves (brochure.js); these links go through the address.
      followed = !!link && !link.closest(".brochure-thumbs");
    });
    // Registered after brochure.js's own listener, so the new page is already shown.
    window.addEventListener("hashchange", function () {
      if (!root.classList.contains("is-enhanced")) return;
      if (location.hash === "") {
        history.replaceState(history.state, "", "#page=1");
        window.dispatchEvent(new HashChangeEvent("hashchange")); // brochure.js shows it
        return;
      }
      if (!followed) return;
      followed = false;
      var sheet = root.querySelector(".brochure-page:not([hidden]) .brochure-sheet");
      if (!sheet) return;
      sheet.tabIndex = -1;
      sheet.focus({ preventScroll: true });
      var box = sheet.getBoundingClientRect();
      if (box.top < 0 || box.top > innerHeight / 2) sheet.scrollIntoView({ block: "start" });
    });
  });
})();
