// StudyHub keyboard shortcuts and the study card's key-point suggestion.
// Every shortcut is declared once here; the "?" dialog lists them from this table.
(function () {
  "use strict";

  var SHORTCUTS = [
    { key: " ", label: "Space", help: "Show the answer", run: reveal },
    { key: "1", label: "1", help: "Grade Again", run: grade("1") },
    { key: "2", label: "2", help: "Grade Hard", run: grade("2") },
    { key: "3", label: "3", help: "Grade Good", run: grade("3") },
    { key: "4", label: "4", help: "Grade Easy", run: grade("4") },
    { key: "u", label: "u", help: "Undo the last review", run: click('[data-shortcut="u"]') },
    { key: "w", label: "w", help: "Write an answer to this card", run: click('[data-shortcut="w"]') },
    { key: "?", label: "?", help: "Show these shortcuts", run: openHelp },
  ];

  function reveal() {
    var details = document.querySelector("[data-reveal]");
    if (!details || details.open) return false;
    details.open = true;
    var first = details.querySelector("[data-key-points] input, .grade");
    if (first) first.focus({ preventScroll: true });
    return true;
  }

  function grade(rating) {
    return function () {
      var details = document.querySelector("[data-reveal]");
      if (!details || !details.open) return false;
      return click('.grade[data-rating="' + rating + '"]')();
    };
  }

  function click(selector) {
    return function () {
      var button = document.querySelector(selector);
      if (!button || button.disabled || !button.offsetParent) return false;
      button.click();
      return true;
    };
  }

  function openHelp() {
    var dialog = document.getElementById("shortcuts");
    if (!dialog) return false;
    var list = dialog.querySelector("[data-shortcut-list]");
    if (list && !list.childElementCount) {
      SHORTCUTS.forEach(function (s) {
        var dt = document.createElement("dt");
        var kbd = document.createElement("kbd");
        kbd.textContent = s.label;
        dt.appendChild(kbd);
        var dd = document.createElement("dd");
        dd.textContent = s.help;
        list.appendChild(dt);
        list.appendChild(dd);
      });
    }
    dialog.showModal();
    return true;
  }

  function typing(target) {
    var tag = target && target.tagName;
    return (
      target &&
      (target.isContentEditable || tag === "TEXTAREA" || tag === "SELECT" ||
        (tag === "INPUT" && !/^(checkbox|radio|button|submit)$/.test(target.type)))
    );
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (document.querySelector("dialog[open]") && event.key !== "Escape") return;
    var shortcut = SHORTCUTS.find(function (s) { return s.key === event.key; });
    // Space on a focused checkbox or button keeps its own meaning once the answer is shown.
    if (shortcut && shortcut.key === " " && event.target.closest("button, summary, input")) {
      var details = document.querySelector("[data-reveal]");
      if (details && details.open) return;
    }
    if (shortcut && shortcut.run()) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-shortcuts-open]")) openHelp();
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
    output.textContent =
      ticked + " of " + boxes.length + " key points recalled — suggested: " + label.textContent + ".";
  }

  document.addEventListener("change", function (event) {
    var fieldset = event.target.closest("[data-key-points]");
    if (fieldset) suggest(fieldset);
  });
})();
