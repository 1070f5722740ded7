"""The search finds by relevance: the relevance set (search_relevance.json: for each query, the
demo cases a reader expects at the top) searched on each language's search page in Chromium,
behind the production nginx, as a reader types it. Precision at 3 is printed (pytest -s) and
must stay at or above THRESHOLD in each language.

Precision at 3 of a query: the share of its first three results that are expected, out of
three or, for a query with fewer expected cases, out of that number. The language's figure is
the mean over its queries.

The queries marked held_out were written after the search was tuned (its weights, ranking
options and the registries' other names, `also`) and run once, unchanged since: their figure,
printed apart, says how the search does on queries it was not tuned for.

THRESHOLD: the search as it was (Pagefind's Default UI, newest first, the facts not indexed)
scored 0.62 in French and 0.78 in Arabic; this search scores 0.98 and 0.99 (held out: 0.88
and 0.96). 0.90 lets four queries of the forty-odd miss entirely, and fails when a kind of
query breaks: with the facts' words not indexed, French falls to 0.78 (offences named in other
words, cities in the other script, their other spellings). The order within the first three
(whole words before the longer words they begin, the fallback's shorter words dropped) is
held by test_search.py's tests of "vol" and "élève": this set scores about the same without
it."""

import json
from urllib.parse import quote

import pytest

from communiques_site.core import routes
from conftest import ROOT
from sites import demo_codes

THRESHOLD = 0.90
RELEVANCE = json.loads((ROOT / "tests" / "search_relevance.json").read_text(encoding="utf-8"))


def test_the_relevance_set_has_thirty_queries_per_language_of_listed_cases(demo_site):
    for lang in demo_codes():
        queries = RELEVANCE[lang]
        assert len(queries) >= 30
        assert len({item["query"] for item in queries}) == len(queries)
        for item in queries:
            for case_id in item["expected"]:
                page = demo_site / routes.output_file(routes.communique(lang, case_id))
                assert b"notice-withdrawn" not in page.read_bytes(), case_id


def top(page, served_demo, lang, query, count=3):
    page.goto(f"{served_demo}{routes.search(lang)}?q={quote(query)}")
    page.wait_for_selector("#search[data-state='done']", state="attached")
    hrefs = page.eval_on_selector_all(
        "#search .search-result .case-title a", "links => links.map(a => a.getAttribute('href'))"
    )
    return [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs[:count]]


def precision_at_3(shown, expected):
    return sum(case_id in expected for case_id in shown[:3]) / min(3, len(expected))


@pytest.mark.browser
@pytest.mark.parametrize("lang", demo_codes())
def test_precision_at_3_of_the_relevance_set(browser, served_demo, lang):
    page = browser.new_page()
    scores, held_out = [], []
    for item in RELEVANCE[lang]:
        shown = top(page, served_demo, lang, item["query"])
        score = precision_at_3(shown, set(item["expected"]))
        scores.append(score)
        if item.get("held_out"):
            held_out.append(score)
        if score < 1:
            print(f"{lang} {score:.2f} {item['query']!r}: {shown}")
    page.close()
    mean = sum(scores) / len(scores)
    print(
        f"{lang}: precision at 3 = {mean:.3f} over {len(scores)} queries; "
        f"{sum(held_out) / len(held_out):.3f} over the {len(held_out)} held out"
    )
    assert mean >= THRESHOLD, f"{lang}: precision at 3 {mean:.3f} < {THRESHOLD}"
