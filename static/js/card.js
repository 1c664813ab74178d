// The study card: reveal it (a tap anywhere on the card, the button, or a shortcut from shortcuts.js),
// open every outline section on a wide screen, and suggest a rating from the key points ticked.
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 48rem)");

  function revealed() {
    var details = document.querySelector("[data-reveal]");
    return details ? details.open : null;
  }

  function reveal() {
    var details = document.querySelector("[data-reveal]");
    if (!details || details.open) return false;
    details.open = true;
    return true;
  }

  // Once the answer shows, focus goes to the answer itself (not to the first key point, nor to the
  // button that is now hidden): Space and Enter then grade Good as in Anki, and a screen reader
  // reads on from the answer. `toggle` does not bubble: it is caught on the way down.
  document.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (!details.matches || !details.matches("[data-reveal]") || !details.open) return;
      details.focus({ preventScroll: true });
    },
    true
  );

  // A phone shows the outline's sections folded after the first; a wide screen has room for all.
  function openSections(root) {
    if (!WIDE.matches) return;
    root.querySelectorAll("details.outline-section").forEach(function (section) {
      section.open = true;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { openSections(document); });
  document.addEventListener("htmx:afterSwap", function (event) { openSections(event.target); });

  // A tap on the card's front shows the answer, as in AnkiMobile; links and controls keep their own.
  document.addEventListener("click", function (event) {
    var card = event.target.closest("[data-card]");
    if (!card || !card.querySelector("[data-reveal]:not([open])")) return;
    if (event.target.closest("a, button, input, label, select, textarea, summary, [data-reveal]")) return;
    var selection = window.getSelection();
    if (selection && !selection.isCollapsed) return; // selecting text is not a tap
    reveal();
  });

  // Ticking key points suggests a rating; the thresholds come from the server.
  function suggest(fieldset) {
    var boxes = fieldset.querySelectorAll('input[type="checkbox"]');
    var ticked = fieldset.querySelectorAll('input[type="checkbox"]:checked').length;
    var share = boxes.length ? ticked / boxes.length : 0;
    var thresholds = fieldset.dataset.thresholds.split(",").map(function (pair) {
      var parts = pair.split(":");
      return { share: parseFloat(parts[0]), rating: parts[1] };
    });
    var rating = thresholds.find(function (t) { return share >= t.share; }).rating;
    var card = fieldset.closest("[data-card]");
    var output = fieldset.querySelector("[data-suggestion]");
    // A page with several checklists (a mock's report) names each suggestion itself.
    output.id = output.id || "suggestion-text";
    card.querySelectorAll(".grade").forEach(function (button) {
      var on = button.dataset.rating === rating;
      button.classList.toggle("suggested", on);
      if (on) button.setAttribute("aria-describedby", output.id);
      else button.removeAttribute("aria-describedby");
    });
    var label = card.querySelector('.grade[data-rating="' + rating + '"] .grade-label');
    output.textContent = window.StudyHubText("suggestion", {
      ticked: ticked, total: boxes.length, rating: label.textContent.trim(),
    });
  }

  document.addEventListener("change", function (event) {
    var fieldset = event.target.closest("[data-key-points]");
    if (fieldset) suggest(fieldset);
  });

  window.StudyHub = { reveal: reveal, revealed: revealed };
})();
