/* relais brochure statistics — how deep readers go. Loaded only when ANALYTICS is set
   (partials/analytics.html), on pages with a brochure viewer. Each brochure page a reader sees
   in the viewer sends one event, once per visit, to the site's provider, through its documented
   tracking API and with no cookie (credentials omitted, nothing stored):
   - Plausible: custom event "Brochure page" (props: page, brochure), POST <script origin>/api/event;
   - Matomo: trackEvent (category "Brochure", action the brochure, name "Page N", value N), matomo.php;
   - GoatCounter: count with event: true (path "brochure-page-N"), the /count endpoint.
   Which pages are on screen comes from the viewer's data-pages-shown (brochure.js). */
(function () {
  "use strict";
  var config = document.currentScript.dataset;
  var sent = {};

  function query(params) {
    return Object.keys(params).map(function (key) {
      return encodeURIComponent(key) + "=" + encodeURIComponent(params[key]);
    }).join("&");
  }

  function send(url, options) {
    options.credentials = "omit";
    options.keepalive = true;
    fetch(url, options).catch(function () {}); // a blocked tracker must not break reading
  }

  var senders = {
    plausible: function (page) {
      send(new URL("/api/event", config.script).href, {
        method: "POST",
        headers: { "Content-Type": "text/plain" }, // a simple request: no preflight
        body: JSON.stringify({
          name: "Brochure page", url: location.href, domain: config.domain,
          referrer: document.referrer || null,
          props: { page: String(page), brochure: config.title },
        }),
      });
    },
    matomo: function (page) {
      send(config.endpoint + "?" + query({
        idsite: config.siteId, rec: 1, apiv: 1, send_image: 0, url: location.href,
        urlref: document.referrer, e_c: "Brochure", e_a: config.title,
        e_n: "Page " + page, e_v: page, rand: Math.random().toString(36).slice(2),
      }), { mode: "no-cors" });
    },
    goatcounter: function (page) {
      send(config.endpoint + "?" + query({
        p: "brochure-page-" + page, t: config.title + " · page " + page, e: true,
        r: document.referrer, rnd: Math.random().toString(36).slice(2),
      }), { mode: "no-cors" });
    },
  };
  var sender = senders[config.provider];
  if (!sender) return;

  function count(viewer) {
    (viewer.dataset.pagesShown || "").split(" ").forEach(function (page) {
      if (!page || sent[page]) return;
      sent[page] = true;
      sender(parseInt(page, 10));
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-brochure]"), function (viewer) {
    count(viewer); // the page the viewer opened at, shown before this script ran
    new MutationObserver(function () { count(viewer); })
      .observe(viewer, { attributes: true, attributeFilter: ["data-pages-shown"] });
  });
})();
