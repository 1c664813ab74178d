// StudyHub keyboard shortcuts. Every shortcut is declared once here; the "?" dialog lists them from
// this table. The study card's own behaviour (reveal, suggestion) lives in card.js.
(function () {
  "use strict";

  var DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

  // `keys` are the characters typed; `codes` the physical keys, used when the character is not Latin
  // (a Korean input method turns "u" into "ㅕ"). `shift` false: only without Shift; true: only with it.
  // `help` and `label` are keys of the interface strings (studyhub/interface_language.py), shown in the
  // page's language by the "?" dialog.
  var SHORTCUTS = [
    {
      keys: [" ", "Enter"], codes: ["Space", "Enter", "NumpadEnter"], label: "key-space-enter",
      help: "help-reveal", run: revealOrGood,
    },
    { keys: ["1"], codes: ["Digit1", "Numpad1"], shift: false, label: "1", help: "help-again", run: grade("1") },
    { keys: ["2"], codes: ["Digit2", "Numpad2"], shift: false, label: "2", help: "help-hard", run: grade("2") },
    { keys: ["3"], codes: ["Digit3", "Numpad3"], shift: false, label: "3", help: "help-good", run: grade("3") },
    { keys: ["4"], codes: ["Digit4", "Numpad4"], shift: false, label: "4", help: "help-easy", run: grade("4") },
    {
      codes: DIGITS.map(function (d) { return "Digit" + d; }), shift: true, label: "key-shift-digit",
      help: "help-key-point", run: toggleKeyPoint,
    },
    { keys: ["u"], codes: ["KeyU"], shift: false, label: "u", help: "help-undo", run: click('[data-shortcut="u"]') },
    { keys: ["w"], codes: ["KeyW"], shift: false, label: "w", help: "help-write", run: click('[data-shortcut="w"]') },
    { keys: ["?"], codes: ["Slash"], label: "?", help: "help-shortcuts", run: openHelp },
  ];
  // The answer editor's own keys (answer.js handles them while typing): listed on the pages that have one.
  var EDITOR_KEYS = [
    { label: "key-ctrl-s", help: "help-save-draft" },
    { label: "key-ctrl-enter", help: "help-hand-in" },
  ];

  function visible(element) {
    return Boolean(element) && element.getClientRects().length > 0;
  }

  function card() {
    return window.StudyHub || { reveal: function () { return false; }, revealed: function () { return null; } };
  }

  // Before the answer shows, Space and Enter show it; after, they grade Good, as in Anki, even on a
  // key point ticked with the pointer (key points have Shift + digit). A focused link or button keeps
  // its own Enter and Space, and so does a key point reached with Tab, as a keyboard user expects.
  var tabbedTo = null;
  document.addEventListener("keydown", function (event) { if (event.key === "Tab") tabbedTo = "next"; }, true);
  document.addEventListener("pointerdown", function () { tabbedTo = null; }, true);
  document.addEventListener("focusin", function (event) { tabbedTo = tabbedTo === "next" ? event.target : null; });

  function revealOrGood(event) {
    var state = card().revealed();
    var target = event.target;
    // Before the answer too: Enter on the skip link or a header link follows it. A control of the "?"
    // dialog just closed (focus has not come back yet) keeps nothing.
    var control = target.closest("a, button, summary, select");
    if (control && !control.closest("dialog:not([open])")) return false;
    if (state === false) return card().reveal();
    if (state !== true) return false;
    if (target.matches('input[type="checkbox"]') && target === tabbedTo) return false;
    return grade("3")();
  }

  function grade(rating) {
    return function () {
      if (card().revealed() === false) return false;
      var button = document.querySelector('[data-grade-bar] .grade[data-rating="' + rating + '"]');
      if (!visible(button) || button.disabled) return false;
      button.click();
      return true;
    };
  }

  function toggleKeyPoint(event) {
    var box = document.querySelector('[data-key-points] input[data-key-point="' + event.code.slice(-1) + '"]');
    if (!visible(box)) return false;
    box.click();
    return true;
  }

  function click(selector) {
    return function () {
      var element = document.querySelector(selector);
      if (!visible(element) || element.disabled) return false;
      element.click();
      return true;
    };
  }

  function openHelp() {
    var dialog = document.getElementById("shortcuts");
    if (!dialog) return false;
    var list = dialog.querySelector("[data-shortcut-list]");
    if (list && !list.childElementCount) {
      var editor = document.querySelector("[data-answer-editor]");
      SHORTCUTS.concat(editor ? EDITOR_KEYS : []).forEach(function (s) {
        var dt = document.createElement("dt");
        var kbd = document.createElement("kbd");
        kbd.textContent = s.label.length > 1 ? window.StudyHubText(s.label) : s.label;
        dt.appendChild(kbd);
        var dd = document.createElement("dd");
        dd.textContent = window.StudyHubText(s.help);
        list.appendChild(dt);
        list.appendChild(dd);
      });
    }
    dialog.showModal();
    return true;
  }

  function matches(shortcut, event) {
    if (shortcut.shift !== undefined && shortcut.shift !== event.shiftKey) return false;
    if (shortcut.keys && shortcut.keys.indexOf(event.key) >= 0) return true;
    // Shift + digit types a different character on every layout: only the physical key names it.
    var latin = /^[\x20-\x7e]$/.test(event.key) || event.key === "Enter";
    return (!shortcut.keys || !latin) && shortcut.codes.indexOf(event.code) >= 0;
  }

  function typing(target) {
    var tag = target && target.tagName;
    return (
      Boolean(target) &&
      (target.isContentEditable || tag === "TEXTAREA" || tag === "SELECT" ||
        (tag === "INPUT" && !/^(checkbox|radio|button|submit|reset)$/.test(target.type)))
    );
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.repeat) return;
    if (typing(event.target)) return;
    if (document.querySelector("dialog[open]")) return;
    var shortcut = SHORTCUTS.find(function (s) { return matches(s, event); });
    if (shortcut && shortcut.run(event)) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-shortcuts-open]")) openHelp();
  });
})();
