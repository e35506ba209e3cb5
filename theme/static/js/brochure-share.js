/* relais brochure: a "Share this page" button beside the viewer's download link. It gives the address of
   the page on screen (…/brochure/page-N/, whose link preview shows that page: see
   plugins/brochure/page_share.py) to the device's share sheet where there is one (phones),
   else copies it and says so. Reads the viewer's data-pages-shown (brochure.js); without
   JavaScript there is no button (the page addresses are in the links of `make share`). */
(function () {
  "use strict";
  if (!navigator.share && !navigator.clipboard) return;

  Array.prototype.forEach.call(document.querySelectorAll("[data-brochure][data-share]"), function (viewer) {
    var button = document.createElement("button");
    button.type = "button";
    button.dataset.action = "share";
    button.textContent = viewer.dataset.shareLabel;
    var status = document.createElement("span");
    status.className = "brochure-status";
    status.setAttribute("role", "status");
    var meta = viewer.querySelector(".brochure-meta");
    meta.append(" · ", button, " ", status);

    button.addEventListener("click", function () {
      var page = (viewer.dataset.pagesShown || "1").split(" ")[0];
      var url = viewer.dataset.share.replace("{n}", page);
      status.textContent = "";
      if (navigator.share) {
        navigator.share({ url: url }).catch(function () {}); // closing the sheet is no error
        return;
      }
      navigator.clipboard.writeText(url).then(function () {
        status.textContent = viewer.dataset.shareDone;
      }, function () {
        status.textContent = url; // copying refused (an <iframe> on another site): shown instead
      });
    });
  });
})();
