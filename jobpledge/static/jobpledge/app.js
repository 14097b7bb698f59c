/* Small enhancements on every page (no inline script: CSP script-src 'self').
 * A table wider than its box scrolls inside its focusable region (role=region, tabindex=0 in the HTML); here we
 * only mark such regions so that CSS shows a visible hint and an edge shadow, and update the mark on resize. */
(function () {
  "use strict";

  function markScrollable() {
    document.querySelectorAll(".krds-table-wrap").forEach(function (wrap) {
      var scrollable = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("is-scrollable", scrollable);
      var hint = wrap.previousElementSibling;
      var hasHint = hint && hint.classList.contains("jp-scroll-hint");
      if (scrollable && !hasHint) {
        hint = document.createElement("p");
        hint.className = "jp-scroll-hint";
        hint.setAttribute("aria-hidden", "true");  // the region's label already says it is a table to scroll
        hint.textContent = "표가 화면보다 넓습니다. 옆으로 밀어 나머지 열을 보세요. →";
        wrap.parentNode.insertBefore(hint, wrap);
      } else if (!scrollable && hasHint) {
        hint.remove();
      }
    });
  }

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(markScrollable, 150);
  });
  document.addEventListener("DOMContentLoaded", markScrollable);
  document.addEventListener("htmx:afterSettle", markScrollable);
})();

/* KRDS error summary: a form that failed shows the summary first and moves focus to it, so that a screen reader
 * reads the errors and a keyboard user tabs from there to the links that lead to each field. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
  });
})();

/* File inputs: the browser's button text follows the browser's language ("Choose File"); the page shows a
 * Korean button (the label) and the chosen file's name instead. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".jp-file").forEach(function (box) {
      var input = box.querySelector("input[type=file]");
      var name = box.querySelector(".jp-file-name");
      if (!input || !name) { return; }
      input.addEventListener("change", function () {
        name.textContent = input.files && input.files.length ? "선택한 파일: " + input.files[0].name : "선택한 파일 없음";
      });
    });
  });
})();
