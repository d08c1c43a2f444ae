/* Search box completions (联想): a WAI-ARIA combobox over the suggest endpoint. */
(function () {
  "use strict";
  function setup(input) {
    if (input.dataset.giSuggestReady) return;
    input.dataset.giSuggestReady = "1";
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var timer = null, active = -1, last = "", controller = null;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function choose(text) {
      input.value = text;
      close();
      if (input.form) input.form.submit();
    }
    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
    }
    function render(words) {
      list.innerHTML = "";
      words.forEach(function (word, i) {
        var li = document.createElement("li");
        li.id = input.id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = word;  /* text, never HTML */
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(word); });
        list.appendChild(li);
      });
      list.hidden = words.length === 0;
      input.setAttribute("aria-expanded", words.length ? "true" : "false");
      active = -1;
    }
    function fetchWords() {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (!q) { close(); return; }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var url = input.dataset.giSuggest + "?q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller && controller.signal })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) render(data.suggestions || []); })
        .catch(function () { /* completions are optional */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchWords, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(list.querySelectorAll("[role=option]")[active].textContent);
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }
  function facets() {
    /* On phones the facets start folded under their button. */
    var box = document.querySelector("details.gi-facets-toggle");
    if (box && window.matchMedia && window.matchMedia("(max-width: 640px)").matches) box.open = false;
  }
  function init() {
    document.querySelectorAll("input[data-gi-suggest]").forEach(setup);
    facets();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
