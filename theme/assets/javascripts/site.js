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
  // Material wraps wide Markdown tables in a scrolling box; a keyboard user must be able to reach and scroll it.
  function focusableScrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      var caption = box.querySelector("caption"), heading = box.previousElementSibling;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (caption && caption.textContent) || (heading && heading.textContent) || "表格");
    });
  }
  // Material's bulletin sidebar nests unnamed navigation landmarks; name each after what it holds.
  function nameBulletinNavs() {
    var outer = document.querySelector(".md-sidebar--post nav.md-nav--primary");
    if (outer && !outer.hasAttribute("aria-label")) outer.setAttribute("aria-label", "返回动态列表和本文信息");
    document.querySelectorAll(".md-sidebar--post .md-post__meta nav.md-nav:not([aria-label])").forEach(function (nav) {
      var title = nav.parentElement && nav.parentElement.querySelector(".md-post__title");
      nav.setAttribute("aria-label", title ? title.textContent.trim() : "本文信息");
    });
  }
  function ready() {
    addButton();
    nameBulletinNavs();
    nameSearchDialog();
    focusableScrollBoxes();
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(focusableScrollBoxes);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
