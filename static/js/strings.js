// The interface's words for the scripts, in the page's language: base.html renders them as a JSON
// script element (data, not code, so the strict CSP allows it). `text("key", {n: 3})` fills %(n)s.
(function () {
  "use strict";
  var strings = null;
  window.StudyHubText = function (key, values) {
    if (strings === null) {
      var element = document.getElementById("interface-strings");
      try { strings = element ? JSON.parse(element.textContent) : {}; } catch (error) { strings = {}; }
    }
    var text = strings[key] || key;
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  };
})();
