// The theme switch: without JavaScript it posts and the server remembers the choice in a cookie; with
// it, the page changes at once and the same cookie is set here, so the next page renders the same.
(function () {
  "use strict";
  var ORDER = ["system", "dark", "light"];

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-theme-switch]");
    if (!form) return;
    event.preventDefault();
    var button = form.querySelector("[data-theme-current]");
    var theme = ORDER[(ORDER.indexOf(button.dataset.themeCurrent) + 1) % ORDER.length];
    if (theme === "system") document.documentElement.removeAttribute("data-theme");
    else document.documentElement.dataset.theme = theme;
    document.cookie = "theme=" + theme + "; max-age=31536000; path=/; samesite=lax" +
      (location.protocol === "https:" ? "; secure" : "");
    button.dataset.themeCurrent = theme;
    button.value = ORDER[(ORDER.indexOf(theme) + 1) % ORDER.length];
    button.querySelectorAll("[data-theme-label]").forEach(function (label) {
      label.hidden = label.dataset.themeLabel !== theme;
    });
  });
})();
