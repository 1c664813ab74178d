// Logging out forgets what this browser kept for the learner (the local backups of typed answers,
// every localStorage key starting "studyhub:", and htmx's copies of the pages it swapped, kept for the
// Back button), so the next person on a shared computer finds none of it.
(function () {
  "use strict";
  function forget() {
    try {
      for (var index = localStorage.length - 1; index >= 0; index--) {
        var key = localStorage.key(index);
        if (key && key.indexOf("studyhub:") === 0) localStorage.removeItem(key);
      }
      sessionStorage.removeItem("htmx-history-cache");
    } catch (error) { /* storage unavailable: nothing was kept */ }
  }
  document.addEventListener("submit", function (event) {
    if (event.target.matches("[data-logout]")) forget();
  });
  // The logged-out page (and the login page) say so, in case the learner left by another path.
  if (document.body && document.body.hasAttribute("data-logged-out")) forget();
})();
