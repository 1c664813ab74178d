// The answer editor (answer reviews and mock interviews): a timer counting up when the page has one,
// a local backup of every keystroke, Ctrl+S to save the draft now, Ctrl+Enter to hand the answer in.
// The server keeps the draft (autosaved by htmx); the local copy covers the seconds in between and a
// lost connection, and is offered back when it is newer than the server's draft.
(function () {
  "use strict";
  var editor = document.querySelector("[data-answer-editor]");
  if (!editor) return;
  var textarea = editor.querySelector("textarea");
  // Keyed by learner: on a shared browser, one learner's typing is never offered to the next, and
  // logging out (session.js) removes every "studyhub:" key.
  var key = "studyhub:" + editor.dataset.learner + ":" + (editor.dataset.backupKey || "answer:" + editor.dataset.question);
  var started = Date.parse(editor.dataset.started);
  var savedOnServer = Date.parse(editor.dataset.saved) || 0;

  var timer = editor.querySelector("[data-timer]");
  function tick() {
    var seconds = Math.max(0, Math.floor((Date.now() - started) / 1000));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    timer.textContent = (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(s).padStart(2, "0");
  }
  if (timer && !isNaN(started)) { tick(); setInterval(tick, 1000); }

  try {
    var local = JSON.parse(localStorage.getItem(key) || "null");
    if (local && local.text && local.at > savedOnServer && local.text !== textarea.value) {
      textarea.value = local.text;
      var status = document.getElementById("save-status");
      if (status) status.textContent = window.StudyHubText("restored-typing");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  } catch (error) { /* storage unavailable: the server draft still works */ }

  textarea.addEventListener("input", function () {
    try { localStorage.setItem(key, JSON.stringify({ text: textarea.value, at: Date.now() })); } catch (error) {}
  });
  textarea.addEventListener("focus", function () {
    tabIndents = textarea.hasAttribute("data-code-editor");
  });
  textarea.form.addEventListener("submit", function () {
    try { localStorage.removeItem(key); } catch (error) {}
  });
  // A code answer takes Tab as indentation until Esc; Esc then Tab leaves the field as usual.
  var tabIndents = textarea.hasAttribute("data-code-editor");
  var INDENT = "    ";
  function indent(event) {
    var start = textarea.selectionStart, end = textarea.selectionEnd, value = textarea.value;
    var lineStart = value.lastIndexOf("\n", start - 1) + 1;
    if (!event.shiftKey && start === end) {
      textarea.setRangeText(INDENT, start, end, "end");
    } else {
      var block = value.slice(lineStart, end);
      var changed = event.shiftKey
        ? block.replace(/^( {1,4}|\t)/gm, "")
        : block.replace(/^/gm, INDENT);
      textarea.setRangeText(changed, lineStart, end, "select");
    }
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { tabIndents = false; return; }
    if (event.key === "Tab" && tabIndents && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      indent(event);
      return;
    }
    // Ctrl+S saves the draft now (and not the page): htmx posts on the "save" event. A trigger filter
    // would need eval, which the Content-Security-Policy forbids.
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      if (window.htmx) window.htmx.trigger(textarea, "save");
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      textarea.form.requestSubmit(textarea.form.querySelector("[data-submit]"));
    }
  });
})();
