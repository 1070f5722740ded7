// The search page: Pagefind's JavaScript API over the bundles of the page's language, one per
// period (data-bundles, newest first), results drawn by the page itself in the site's words
// (every string is in the page, from the gettext catalogs) and typography. A file of its own,
// not an inline script: the site's Content-Security-Policy allows no inline script.
//
// Relevance first. Pagefind finds a word, its stem and the words it begins, and where a bundle
// has no such word it takes the longest word of that bundle the query begins with ("élève"
// finds "El" of El Jadida in the periods without élève). So the results are ordered here:
// - the pages with each query word whole (Pagefind's exact search of that word: its stem, no
//   longer word) come first, those with more of the words before those with fewer;
// - a page that has a query word only as the beginning of a longer word comes after, and only
//   if that word is related to the query word as typed (read from the page's words at the
//   places Pagefind matched; see related): the shorter words of the fallback are dropped;
// - within each group, Pagefind's score (ranking options below), all periods weighing the same.
// Newest first is the other order the reader can choose: a second Pagefind instance whose
// periods weigh so that its sorted places run newest first over all bundles (search/hooks.py,
// weights), over the same results.
(function () {
  "use strict";
  var root = document.getElementById("search");
  var form = document.getElementById("search-form");
  if (!root || !form) {
    return;
  }
  var input = form.querySelector("input[name='q']");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more");
  var order = root.querySelector("#search-order");
  var narrow = root.querySelector(".search-filters"); // a <details>
  var words = root.dataset;
  var lang = document.documentElement.lang;
  var bundles = words.bundles.split(" ");
  var dateWeights = words.weights.split(" ").map(Number);
  var PAGE = 10; // results drawn at a time
  var CHECKED = 200; // pages read at most to drop the fallback's words (see above)
  // Tuned on tests/search_relevance.json (Pagefind's defaults: 1.0, 0.75, 1.4, 1.0).
  var RANKING = { termSimilarity: 4.0, pageLength: 0.5, termSaturation: 1.4, termFrequency: 0.6 };

  var module = null;
  var instances = {};
  var shown = [];
  var drawn = 0;
  var latest = 0;

  function say(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, name) {
      return values[name];
    });
  }

  function number(n) {
    return new Intl.NumberFormat(words.locale).format(n); // the site's locale: Latin digits in ar-MA
  }

  async function instance(kind) {
    if (!instances[kind]) {
      instances[kind] = (async function () {
        module = module || (await import(bundles[0] + "pagefind.js"));
        var weights = kind === "date" ? dateWeights : bundles.map(function () { return 1; });
        var pagefind = module.createInstance({ basePath: bundles[0], baseUrl: words.base });
        await pagefind.options({ baseUrl: words.base, indexWeight: weights[0], ranking: RANKING });
        for (var i = 1; i < bundles.length; i++) {
          await pagefind.mergeIndex(bundles[i], {
            baseUrl: words.base,
            indexWeight: weights[i],
            ranking: RANKING,
          });
        }
        return pagefind;
      })();
    }
    return instances[kind];
  }

  // Letters only, lower case, without accents and, in Arabic, without the article and the
  // one-letter prefixes (و ب ف ك ل): the forms a word is compared in.
  function forms(word) {
    var plain = word
      .normalize("NFD")
      .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, "")
      .toLocaleLowerCase(lang)
      .replace(/[^\p{L}\p{N}]/gu, "");
    var bare = plain.replace(/^(?:[وفبكل]?ال|لل|[وفبكل])(?=\p{L}{2})/u, "");
    return bare === plain ? [plain] : [plain, bare];
  }

  // A word the page has for a query word it does not have whole: one that begins with the
  // typed word (vol: voleurs), or shares its first STEM letters at least (mendicité: mendier,
  // which Pagefind finds by their common stem). Shorter beginnings are the fallback's (élève:
  // El; Marrakech: mars; تحرش: التحريات), dropped.
  var STEM = 5;
  function related(found, typed) {
    return forms(found).some(function (f) {
      return forms(typed).some(function (t) {
        var common = 0;
        while (common < t.length && f[common] === t[common]) {
          common += 1;
        }
        return t && (common === t.length || common >= STEM);
      });
    });
  }

  function chosenFilters() {
    var chosen = {};
    narrow.querySelectorAll("select").forEach(function (select) {
      if (select.value) {
        chosen[select.dataset.filter] = select.value;
      }
    });
    return chosen;
  }

  async function rank(pagefind, query, filters) {
    var terms = query.split(/\s+/).filter(Boolean);
    var found = await pagefind.search(query, { filters: filters });
    var whole = await Promise.all(
      terms.map(function (term) {
        return pagefind.search('"' + term.replace(/"/g, "") + '"', { filters: filters });
      })
    );
    var wholeIds = whole.map(function (r) {
      return new Set(r.results.map(function (result) { return result.id; }));
    });
    var items = found.results.map(function (result, index) {
      var missing = terms.filter(function (_, i) { return !wholeIds[i].has(result.id); });
      return { result: result, index: index, missing: missing };
    });
    // The pages to read, at most CHECKED, are read at once; those past it are kept unread.
    var toRead = items.filter(function (item) { return item.missing.length; }).slice(0, CHECKED);
    var pages = await Promise.all(toRead.map(function (item) { return item.result.data(); }));
    var isRelated = new Map();
    toRead.forEach(function (item, i) {
      var pageWords = pages[i].raw_content.split(/[\r\n\s]+/g);
      var matched = pages[i].locations.map(function (l) { return pageWords[l] || ""; });
      isRelated.set(item, item.missing.every(function (term) {
        return matched.some(function (word) { return related(word, term); });
      }));
    });
    var kept = items.filter(function (item) { return isRelated.get(item) !== false; });
    kept.sort(function (a, b) {
      return a.missing.length - b.missing.length || b.result.score - a.result.score;
    });
    return kept;
  }

  async function newestFirst(query, filters, kept) {
    var pagefind = await instance("date");
    var sorted = await pagefind.search(query, { filters: filters, sort: { [words.sort]: "desc" } });
    var place = new Map(sorted.results.map(function (result, i) { return [result.id, i]; }));
    return kept.slice().sort(function (a, b) {
      return (place.get(a.result.id) ?? 1e9) - (place.get(b.result.id) ?? 1e9);
    });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  async function draw(search) {
    var batch = shown.slice(drawn, drawn + PAGE);
    var pages = await Promise.all(batch.map(function (item) { return item.result.data(); }));
    if (search !== latest) {
      return;
    }
    // As the site's lists of communiqués draw a case (macros.html, case_list).
    pages.forEach(function (page) {
      var item = element("li", "case search-result type-" + page.meta.kind);
      var facts = element("p", "case-meta");
      var date = element("time", "", page.meta.date);
      date.dateTime = page.meta.datetime;
      facts.append(element("span", "case-type", page.meta.type), " · " + page.meta.city + " · ", date);
      var title = element("h2", "case-title");
      var link = element("a", "", page.meta.title);
      link.href = page.url;
      title.append(link);
      item.append(facts, title, element("p", "case-summary", page.meta.summary));
      list.append(item);
    });
    drawn += batch.length;
    more.hidden = drawn >= shown.length;
  }

  // Filters without words: the communiqués they choose, newest first (relevance needs words).
  async function listed(filters) {
    var pagefind = await instance("date");
    var found = await pagefind.search(null, { filters: filters, sort: { [words.sort]: "desc" } });
    return found.results.map(function (result) {
      return { result: result, missing: [] };
    });
  }

  async function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var search = ++latest;
    list.replaceChildren();
    more.hidden = true;
    shown = [];
    drawn = 0;
    if (!query && !Object.keys(filters).length) {
      status.textContent = "";
      root.dataset.state = "done";
      return;
    }
    root.dataset.state = "searching";
    status.textContent = words.searching;
    try {
      var kept;
      if (!query) {
        kept = await listed(filters);
      } else {
        kept = await rank(await instance("relevance"), query, filters);
        if (order.value === "date") {
          kept = await newestFirst(query, filters, kept);
        }
      }
      if (search !== latest) {
        return;
      }
      shown = kept;
      var message = query ? (kept.length ? words.found : words.none) : words.listed;
      status.textContent = say(message, { words: query, count: number(kept.length) });
      await draw(search);
    } catch (error) {
      status.textContent = words.failed;
      throw error;
    } finally {
      if (search === latest) {
        root.dataset.state = "done";
      }
    }
  }

  async function fillFilters() {
    var pagefind = await instance("relevance");
    var counts = await pagefind.filters();
    var collator = new Intl.Collator(lang, { numeric: true });
    narrow.querySelectorAll("select").forEach(function (select) {
      var values = Object.keys(counts[select.dataset.filter] || {}).sort(collator.compare);
      if (select.dataset.filter === words.year) {
        values.reverse();
      }
      values.forEach(function (value) {
        var option = element("option", "", value);
        option.value = value;
        select.append(option);
      });
    });
  }

  var typing = null;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(run, 250);
  });
  root.addEventListener("change", function () {
    run();
  });
  more.addEventListener("click", async function () {
    more.disabled = true; // one batch at a time: a second click would draw the same one
    try {
      await draw(latest);
    } finally {
      more.disabled = false;
    }
  });
  // Folded on a phone, where the five lists would fill the first screen; open where they fit
  // in one row.
  narrow.open = window.matchMedia("(min-width: 48rem)").matches;
  root.hidden = false;
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  fillFilters().then(run, function (error) {
    status.textContent = words.failed;
    throw error;
  });
})();
