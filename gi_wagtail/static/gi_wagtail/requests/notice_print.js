// The print button of a notice; with data-autoprint the print dialog opens once the page has loaded.
(function () {
  "use strict";
  var button = document.querySelector("[data-gi-notice-print]");
  if (!button) {
    return;
  }
  button.addEventListener("click", function () {
    window.print();
  });
  if (button.getAttribute("data-autoprint") === "true") {
    window.addEventListener("load", function () {
      window.print();
    });
  }
})();
