"""The page Pagefind reads for a record: only what is searched (title, summary, body) and the
record's filters and sort key as Pagefind's data attributes. Pagefind takes the words from the
HTML as it does for any page, and escapes them in the results' excerpts.

These documents go to a scratch folder, never to the site: the communiqué's page that readers
get stays as its template made it."""

from html import escape

from core import routes


def _meta(attribute: str, name: str, value: str) -> str:
    return f'<meta data-pagefind-{attribute}="{escape(name)}[content]" content="{escape(value)}">'


def document(record) -> str:
    head = [
        _meta("filter", name, value) for name, values in record.filters.items() for value in values
    ]
    head += [_meta("sort", name, value) for name, value in record.sort.items()]
    return (
        f'<!doctype html><html lang="{escape(record.lang)}"><head><meta charset="utf-8">'
        + "".join(head)
        + f"</head><body><h1>{escape(record.title)}</h1><p>{escape(record.summary)}</p>"
        + record.body_html
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


def path_of(record) -> str:
    """Where the document goes under the scratch folder: Pagefind makes the result's address
    from this path (folder/index.html -> /folder/), so it is the communiqué's own file."""
    return routes.output_file(record.url)
