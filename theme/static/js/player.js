/* Click-to-load players (theme/templates/partials/live.html): a link to the provider until
   the visitor asks for the video, then the provider's player in its place. Nothing is
   requested from the provider before that click. */
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-embed]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = link.dataset.embed + (link.dataset.embed.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
  frame.title = link.dataset.title;
  frame.allow = "autoplay; fullscreen; picture-in-picture";
  frame.allowFullscreen = true;
  link.replaceWith(frame);
  frame.focus();
});
