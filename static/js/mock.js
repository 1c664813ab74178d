// The mock interview's countdown. A display only: the deadline lives on the server, which sends the
// seconds left with the page (so a wrong clock on this computer changes nothing) and refuses an
// answer handed in after it. At zero the answer is saved one last time and locked.
(function () {
  "use strict";
  var timer = document.querySelector("[data-countdown]");
  if (!timer) return;
  var value = timer.querySelector("[data-countdown-value]");
  var textarea = document.querySelector("[data-answer-editor] textarea");
  var notice = document.querySelector("[data-time-up]");
  var submit = document.querySelector("[data-submit]");
  var alert = document.querySelector("[data-countdown-alert]");
  var end = performance.now() + parseFloat(timer.dataset.remaining) * 1000;
  var warned = false;

  function clock(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(s).padStart(2, "0");
  }

  function timeUp() {
    if (textarea && !textarea.readOnly) {
      // One last save of what was typed since the previous one, then the answer is locked.
      if (window.htmx) window.htmx.trigger(textarea, "timeup");
      textarea.readOnly = true;
    }
    timer.classList.add("is-over");
    if (notice) notice.hidden = false;
    if (submit) {
      submit.textContent = window.StudyHubText("continue");
      submit.focus();
    }
  }

  function tick() {
    var left = Math.max(0, Math.ceil((end - performance.now()) / 1000));
    value.textContent = clock(left);
    if (left <= 60 && left > 0 && !warned) {
      warned = true;
      timer.classList.add("is-low");
      if (alert) alert.textContent = window.StudyHubText("one-minute-left");  // announced once, not every second
    }
    if (left <= 0) {
      clearInterval(interval);
      timeUp();
    }
  }
  var interval = setInterval(tick, 250);
  tick();
})();
