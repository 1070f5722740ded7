// Starts Pagefind's Default UI on the search page. What it needs is on the page: the bundle
// of the page's language (data-bundle), the address the results' paths start from (data-base:
// the index holds whole paths, /{lang}/communiques/{id}/, and Pagefind would otherwise put the
// bundle's parent folder before them) and the key results are sorted by, newest first
// (data-sort); the UI takes its words and direction from <html lang dir>. A file of its own,
// not an inline script: the site's Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof window.PagefindUI !== "function") {
    return; // without the UI the page still lists the ways to browse
  }
  var sort = {};
  sort[element.dataset.sort] = "desc";
  var ui = new window.PagefindUI({
    element: element,
    bundlePath: element.dataset.bundle,
    baseUrl: element.dataset.base,
    sort: sort,
    showImages: false,
    showSubResults: false,
  });
  // The words of a search form elsewhere on the site (search_macros.html: ?q=...).
  var words = new URLSearchParams(window.location.search).get("q");
  if (words) {
    ui.triggerSearch(words);
  }
})();
