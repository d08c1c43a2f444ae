/* 适老化 reading aids: larger text and high contrast, remembered per visitor (localStorage).
   Pages read fine without this script; the toolbar stays hidden then. */
(function () {
  "use strict";
  var KEY = "gi_wagtail_a11y";
  var root = document.documentElement;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(classes) {
    try { window.localStorage.setItem(KEY, JSON.stringify(classes)); } catch (e) { /* private mode */ }
  }
  function apply(classes) {
    ["gi-large-text", "gi-high-contrast"].forEach(function (name) {
      root.classList.toggle(name, classes.indexOf(name) !== -1);
    });
    document.querySelectorAll("[data-gi-a11y-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(classes.indexOf(button.dataset.giA11yToggle) !== -1));
    });
  }

  apply(load());
  document.addEventListener("DOMContentLoaded", function () {
    apply(load());
    document.querySelectorAll("[data-gi-a11y]").forEach(function (toolbar) { toolbar.hidden = false; });
    document.addEventListener("click", function (event) {
      var toggle = event.target.closest("[data-gi-a11y-toggle]");
      var reset = event.target.closest("[data-gi-a11y-reset]");
      if (!toggle && !reset) { return; }
      var classes = load();
      if (reset) {
        classes = [];
      } else {
        var name = toggle.dataset.giA11yToggle;
        classes = classes.indexOf(name) === -1 ? classes.concat([name]) : classes.filter(function (c) { return c !== name; });
      }
      save(classes);
      apply(classes);
    });
  });
})();
