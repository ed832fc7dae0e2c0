// Large-text mode (适老化): a header button that enlarges all text; the choice is kept in localStorage.
// Also small accessibility repairs of the theme.
(function () {
  var KEY = "large-text";
  var root = document.documentElement;
  if (localStorage.getItem(KEY) === "1") root.classList.add(KEY);
  function addButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".large-text-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "large-text-toggle";
    function label() {
      var on = root.classList.contains(KEY);
      button.textContent = on ? "标准字号" : "大字版";
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    button.addEventListener("click", function () {
      root.classList.toggle(KEY);
      localStorage.setItem(KEY, root.classList.contains(KEY) ? "1" : "0");
      label();
    });
    label();
    var title = header.querySelector(".md-header__title");
    header.insertBefore(button, title ? title.nextSibling : null);
  }
  // Material's search dialog has no accessible name; screen readers announce it as "搜索".
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索");
  }
  function ready() {
    addButton();
    nameSearchDialog();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
