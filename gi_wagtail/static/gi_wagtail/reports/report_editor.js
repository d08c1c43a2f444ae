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

// A "not read" cell becomes known once the editor types a figure or ticks "printed blank";
// the server decides the same on save (widgets.ReportTablesWidget.value_from_datadict).
(function () {
  function update(cell) {
    var input = cell.querySelector('input[type="text"]');
    var box = cell.querySelector('.gi-cell-printed-blank input');
    var known = (input && input.value.trim() !== '') || (box && box.checked);
    cell.classList.toggle('gi-cell--missing', !known);
  }
  function init() {
    document.querySelectorAll('td.gi-cell--missing').forEach(function (cell) {
      cell.addEventListener('input', function () { update(cell); });
      cell.addEventListener('change', function () { update(cell); });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
