/* Site search (plugins/search), on the search page only (templates/search.html). Pagefind's
   library and index are fetched from the site itself (pagefind/, made by `make html`) at
   the first query, not before; results come as the visitor types, and the query stays in
   the address (?q=…). Excerpts are Pagefind's text with <mark>: only text and <mark> are
   kept. A brochure page's result opens the viewer at that page (…/#page=N). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var input = form.elements.q;
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var title = document.title;
  var engine, timer, asked;

  function library() {
    engine = engine || import(form.dataset.search);
    return engine;
  }

  function excerpt(html) {
    var parsed = document.createElement("template");
    var text = document.createElement("p");
    parsed.innerHTML = html; // inert: nothing in a template runs or loads
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName !== "MARK") return text.append(node.textContent);
      var mark = document.createElement("mark");
      mark.textContent = node.textContent;
      text.append(mark);
    });
    return text;
  }

  function result(data) {
    var item = document.createElement("li");
    var kind = document.createElement("p");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    kind.className = "search-kind";
    kind.textContent = data.meta.kind || "";
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    item.append(kind, heading, excerpt(data.excerpt));
    return item;
  }

  function run(query) {
    query = query.trim();
    if (query === asked) return;
    asked = query;
    history.replaceState(history.state, "", query ? "?q=" + encodeURIComponent(query) : "?");
    document.title = query ? "« " + query + " » — " + title : title;
    list.replaceChildren();
    if (!query) return (status.textContent = "");
    status.textContent = form.dataset.wait;
    library().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (found) {
      return Promise.all(found.results.slice(0, 30).map(function (hit) { return hit.data(); }));
    }).then(function (hits) {
      if (query !== asked) return;
      var said = hits.length === 0 ? form.dataset.none : hits.length === 1 ? form.dataset.one
        : form.dataset.many;
      status.textContent = said.replace("{q}", query).replace("{count}", hits.length);
      list.replaceChildren.apply(list, hits.map(result));
    }).catch(function () {
      document.body.classList.add("search-failed");
      status.textContent = form.dataset.failed;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    run(query);
  }
})();
