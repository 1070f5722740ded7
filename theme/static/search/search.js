// Starts Pagefind's Default UI on the search page. What it needs is on the page: the bundles
// of the page's language, one per period, newest first, with their weights (data-bundles,
// data-weights: search/hooks.py says why they keep the results newest first over all the
// bundles), the address the results' paths start from (data-base: the index holds whole
// paths, /{lang}/communiques/{id}/, and Pagefind would otherwise put the bundle's parent folder
// before them) and the key results are sorted by, newest first (data-sort); the UI takes its
// words and direction from <html lang dir>. A file of its own, not an inline script: the
// site's Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof window.PagefindUI !== "function") {
    return; // without the UI the page still lists the ways to browse
  }
  var sort = {};
  sort[element.dataset.sort] = "desc";
  var bundles = element.dataset.bundles.split(" ");
  var weights = element.dataset.weights.split(" ").map(Number);
  // The newest period's bundle is Pagefind's own; the older ones are merged into it.
  var older = bundles.slice(1).map(function (bundle, index) {
    return { bundlePath: bundle, baseUrl: element.dataset.base, indexWeight: weights[index + 1] };
  });
  var ui = new window.PagefindUI({
    element: element,
    bundlePath: bundles[0],
    baseUrl: element.dataset.base,
    indexWeight: weights[0],
    mergeIndex: older,
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
