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


def path_of(record) -> str:
    """Where the document goes under the scratch folder: Pagefind makes the result's address
    from this path (folder/index.html -> /folder/), so it is the communiqué's own file."""
    return routes.output_file(record.url)
