"""The page Pagefind reads for a record: only what is searched (title, summary, body, and the
words of the case's facts, weighted), what a result shows (Pagefind's metadata), and the
record's filters and sort key as Pagefind's data attributes. Pagefind takes the words from the
HTML as it does for any page.

These documents go to a scratch folder, never to the site: the communiqué's page that readers
get stays as its template made it."""

from html import escape

from .records import Record


def _meta(attribute: str, name: str, value: str) -> str:
    return f'<meta data-pagefind-{attribute}="{escape(name)}[content]" content="{escape(value)}">'


# Pagefind's weights run from 0 to 10 (a paragraph is 1, the title's h1 7). The facts' words
# weigh as a heading: a case of theft is about theft even where its text says "dérobé". On the
# relevance set (tests/search_relevance.json) 1, 5 and 10 measured the same (precision at 3:
# 0.97 French, 0.99 Arabic; at 10: 0.96, 0.98): the search page puts whole words first
# (search.js), which decides more than the weight. 5 keeps a fact above a word said once in
# passing within those groups.
KEYWORD_WEIGHT = 5


def document(record: Record) -> str:
    head = [
        _meta("filter", name, value) for name, values in record.filters.items() for value in values
    ]
    head += [_meta("sort", name, value) for name, value in record.sort.items()]
    head += [_meta("meta", name, value) for name, value in record.meta.items()]
    # One word list, each name between commas: Pagefind reads the paragraph as words.
    facts = ", ".join(escape(word) for word in record.keywords)
    return (
        f'<!doctype html><html lang="{escape(record.lang)}"><head><meta charset="utf-8">'
        + "".join(head)
        + f"</head><body><h1>{escape(record.title)}</h1><p>{escape(record.summary)}</p>"
        + record.body_html
        + f'<p data-pagefind-weight="{KEYWORD_WEIGHT}">{facts}</p>'
        + "</body></html>"
    )


# A word no reader types (U+203F UNDERTIE, which Pagefind keeps as a word character): a page
# needs one to be indexed.
NOBODY_TYPES = "\u203f"


def first(lang: str, sort: str) -> str:
    """The page before every communiqué in a bundle's order (its sort key is the smallest).
    A sorted search scores a result by its place in its own bundle's order, and the search
    page weighs each period's bundle so that its places 1 and on come above every place of
    an older one (hooks.weights): place 0 would score 0 whatever the weight, so no
    communiqué may have it. It is never found: no reader searches its one word."""
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        + _meta("sort", sort, "0000-00-00T00:00:00Z")
        + f"</head><body><p>{NOBODY_TYPES}</p></body></html>"
    )
