/* Turns partials/contact_email.html's harvester-proof text into a mailto: link. */
document.querySelectorAll(".contact-email[data-user]").forEach(function (span) {
  var address = span.dataset.user + "@" + span.dataset.domain.split("").reverse().join("");
  var link = document.createElement("a");
  link.href = "mailto:" + address;
  link.textContent = address;
  span.replaceWith(link);
});
