/* Brings a page built earlier to the state a build today would give it, by the visitor's
   clock (theme/templates/partials/clock.html). Once an element's data-until instant has
   passed, a <template data-until> gives way to its markup, another element to the markup of
   its own <template> child, or else is hidden; a [data-clock-count=N] list then shows the
   first N of its items still there. Nothing is touched before an instant passes, and the
   page never goes back in time. */
(function () {
  var timer;
  function run() {
    var now = Date.now();
    var soonest = Infinity;
    document.querySelectorAll("[data-until]").forEach(function (el) {
      var until = Date.parse(el.dataset.until);
      if (until > now) {
        soonest = Math.min(soonest, until);
        return;
      }
      var next = el.content ? el : el.querySelector(":scope>template");
      el.removeAttribute("data-until");
      if (next) el.replaceWith(next.content);
      else el.hidden = true;
    });
    document.querySelectorAll("[data-clock-count]").forEach(function (list) {
      if (!list.querySelector(":scope>:not([data-until])")) return;
      list.querySelectorAll(":scope>[data-until]").forEach(function (item, index) {
        item.hidden = index >= list.dataset.clockCount;
      });
    });
    // A page left open past the next instant changes then (setTimeout waits ~24 days at most);
    // timers stand still while a computer sleeps, so a page shown again checks at once.
    clearTimeout(timer);
    if (soonest < Infinity) timer = setTimeout(run, Math.min(soonest - now, 2e9));
  }
  run();
  addEventListener("pageshow", run);
  document.addEventListener("visibilitychange", run);
})();
