// Show the table grid matching the selected report format (tables are per format).
(function () {
  function sync(root) {
    var select = document.querySelector('[name="' + root.dataset.formatField + '"]');
    if (!select) return;
    var update = function () {
      root.querySelectorAll('[data-gi-format]').forEach(function (el) {
        el.hidden = el.dataset.giFormat !== select.value;
      });
      document.querySelectorAll('[data-gi-format-only]').forEach(function (el) {
        el.hidden = el.dataset.giFormatOnly !== select.value;
      });
    };
    select.addEventListener('change', update);
    update();
  }
  function init() { document.querySelectorAll('[data-gi-report-tables]').forEach(sync); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
