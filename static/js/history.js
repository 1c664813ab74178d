// The filter forms (search, glossary, question list) keep their query in the URL. On Back, htmx puts
// back its copy of the page, taken when the next query was already typed, so the results and the
// fields could disagree: the fields are set again from the URL being shown.
(function () {
  "use strict";
  document.addEventListener("htmx:historyRestore", function () {
    var params = new URLSearchParams(window.location.search);
    var fields = document.querySelectorAll("form[hx-push-url] input[type=search], form[hx-push-url] select");
    fields.forEach(function (field) {
      var value = params.get(field.name) || "";
      if (field.tagName === "SELECT") {
        var known = Array.prototype.some.call(field.options, function (option) { return option.value === value; });
        field.value = known ? value : field.options.length ? field.options[0].value : "";
      } else {
        field.value = value;
      }
    });
  });
})();
