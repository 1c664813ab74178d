// Typesets the LaTeX that StudyHub's markdown renderer leaves in <span class="math"> elements.
(function () {
  "use strict";

  function typeset(root) {
    if (!window.katex) return;
    root.querySelectorAll("span.math:not([data-typeset])").forEach(function (span) {
      var display = span.classList.contains("math-display");
      var source = span.textContent.replace(display ? /^\$\$|\$\$$/g : /^\$|\$$/g, "");
      try {
        // maxSize caps any box (a \rule{3000em}{3000em}) at 20em; maxExpand caps macro expansion.
        window.katex.render(source, span, {
          displayMode: display, throwOnError: false, maxSize: 20, maxExpand: 200, trust: false,
        });
        span.setAttribute("data-typeset", "");
      } catch (error) {
        // Leave the source visible: a formula KaTeX cannot parse is still readable as LaTeX.
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { typeset(document); });
  document.addEventListener("htmx:afterSwap", function (event) { typeset(event.target); });
})();
