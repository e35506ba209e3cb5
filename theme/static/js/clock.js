/* Brings a page built earlier to the state a build today would give it, by the visitor's
   clock (partials/clock.html). Once an element's data-until has passed, a <template> gives
   way to its markup, another element to its <template> child's, or is hidden; a
   [data-clock-count=N] list shows its first N items left. From a [data-countdown]
   instant, its [data-left] child counts down to its data-until. Nothing changes before an
   instant; the page never goes back in time. */
(function () {
  var timer, words = new Intl.RelativeTimeFormat(document.documentElement.lang);
  function run() {
    var now = Date.now(), soonest = Infinity, swapped;
    document.querySelectorAll("[data-until]").forEach(function (el) {
      var until = Date.parse(el.dataset.until);
      if (until > now) {
        soonest = Math.min(soonest, until);
        return;
      }
      var next = el.content ? el : el.querySelector(":scope>template");
      el.removeAttribute("data-until");
      if (next) swapped = el.replaceWith(next.content) || 1;
      else el.hidden = true;
    });
    if (swapped) return run(); // a new state may be over too
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var out = el.querySelector("[data-left]"), from = Date.parse(el.dataset.countdown);
      var minutes = Math.ceil((Date.parse(el.dataset.until) - now) / 6e4);
      soonest = Math.min(soonest, now < from ? from : now + 6e4);
      if (now >= from) out.textContent = out.dataset.left + " " + (minutes < 120
        ? words.format(minutes, "minute") : words.format(minutes / 60 | 0, "hour"));
    });
    document.querySelectorAll("[data-clock-count]").forEach(function (list) {
      if (!list.querySelector(":scope>:not([data-until])")) return;
      list.querySelectorAll(":scope>[data-until]").forEach(function (item, index) {
        item.hidden = index >= list.dataset.clockCount;
      });
    });
    // A page left open changes at the next instant (setTimeout waits ~24 days at most);
    // timers stop while a computer sleeps, so a page shown again checks at once.
    clearTimeout(timer);
    if (soonest < Infinity) timer = setTimeout(run, Math.min(soonest - now, 2e9));
  }
  run();
  addEventListener("pageshow", run);
  document.addEventListener("visibilitychange", run);
})();
