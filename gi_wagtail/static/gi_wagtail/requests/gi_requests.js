/* 依申请公开: the receipt's print button (shown only when scripts run) and focus on the error summary. */
(function () {
  "use strict";
  document.querySelectorAll("[data-gi-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  var summary = document.getElementById("gi-error-summary");
  if (summary) { summary.focus(); }
})();
