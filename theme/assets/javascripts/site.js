// Large-text mode (适老化): a header button that enlarges all text; the choice is kept in localStorage.
// Also small accessibility repairs of the theme.
// Material's bundle (9.8) fetches "sitemap.xml" beside every <link rel=alternate> when the page is ready, as if
// each were a translation of the site; for feeds that is feeds/sitemap.xml, which does not exist. This script
// runs after the bundle and before that moment: the feed links are hidden from its query until it has run, and
// stay as they are in the HTML that feed readers and search engines read.
(function () {
  var feeds = Array.prototype.slice.call(document.querySelectorAll('link[rel=alternate][type$="xml"]'));
  feeds.forEach(function (link) { link.rel = "alternate feed"; });
  document.addEventListener("DOMContentLoaded", function () {
    feeds.forEach(function (link) { link.rel = "alternate"; });
  });
})();

(function () {
  var KEY = "large-text";
  var root = document.documentElement;
  // The header's button (theme/partials/header.html); the class itself is set before the first paint (main.html).
  function largeText() {
    var button = document.querySelector(".large-text-toggle");
    if (!button || button.hasAttribute("data-ready")) return;
    var text = button.querySelector(".large-text-toggle__text") || button;
    function label() {
      var on = root.classList.contains(KEY);
      text.textContent = on ? "标准字号" : "大字版";
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    button.addEventListener("click", function () {
      root.classList.toggle(KEY);
      try { localStorage.setItem(KEY, root.classList.contains(KEY) ? "1" : "0"); } catch (e) { /* private mode */ }
      label();
    });
    button.setAttribute("data-ready", "true");
    label();
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
    largeText();
    nameBulletinNavs();
    focusableScrollBoxes();
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(focusableScrollBoxes);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
