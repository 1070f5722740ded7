"""The sitemap (an index of parts, each page with its language alternates) and robots.txt.

One file for every page would pass the 50,000 addresses (and 50 MB) a sitemap file may hold at
about 16,000 cases, and would be written again whole at every publication. The index lists
parts: the communiqués by the month they were published in (Moroccan time, as the archives
count them), every other page in `pages`. A publication writes again only the parts whose pages
changed: a communiqué dated in the past changes its month's part, and the index only when a
month gets its first communiqué.
"""

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from xml.sax.saxutils import quoteattr

from communiques_site.core import routes
from communiques_site.core.languages import Languages
from communiques_site.core.outputs import Outputs

XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
PART = (
    f'{XML}<urlset xmlns="{NAMESPACE}" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n',
    "</urlset>\n",
)
INDEX = (f'{XML}<sitemapindex xmlns="{NAMESPACE}">\n', "</sitemapindex>\n")
LIMIT = 50_000  # addresses in one file (sitemaps.org)

Entry = tuple[str, Mapping[str, str] | None]  # (URL, {lang: its alternate's URL})


def parts(entries: Iterable[tuple[str, Entry]], limit: int = LIMIT) -> dict[str, list[Entry]]:
    """{part's name: its entries, by URL} from (part, entry) pairs; a part past `limit`
    continues in `name-2`, `name-3`…"""
    grouped: dict[str, list[Entry]] = {}
    for name, entry in entries:
        grouped.setdefault(name, []).append(entry)
    found = {}
    for name, items in sorted(grouped.items()):
        items.sort(key=lambda entry: entry[0])
        for n, start in enumerate(range(0, len(items), limit), start=1):
            found[name if n == 1 else f"{name}-{n}"] = items[start : start + limit]
    return found


def write(
    output_path: str,
    siteurl: str,
    entries: Iterable[tuple[str, Entry]],  # (the part it belongs to, the page's entry)
    languages: Languages,
    outputs: Outputs,
) -> None:
    """Write the parts and the index that changed; take the others from the published site."""
    siteurl = siteurl.rstrip("/")
    output = Path(output_path)
    found = parts(entries)

    def put(url: str, inputs: str, text: Callable[[], str]) -> None:
        name = routes.output_file(url)
        if not outputs.reuse(name, outputs.digest("sitemap", siteurl, inputs)):
            path = output / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text(), encoding="utf-8")

    for name, items in found.items():
        put(routes.sitemap_part(name), repr(items), partial(_urlset, siteurl, items))
    index = [routes.sitemap_part(name) for name in found]
    put(routes.sitemap(), repr(index), partial(_index, siteurl, index))
    # The translations to review are for officers, not for search engines.
    disallowed = "".join(f"Disallow: {routes.translations(lang.code)}\n" for lang in languages)
    (output / routes.output_file(routes.robots())).write_text(
        f"User-agent: *\n{disallowed}Sitemap: {siteurl}{routes.sitemap()}\n", encoding="utf-8"
    )


def _urlset(siteurl: str, entries: list[Entry]) -> str:
    lines = [PART[0]]
    for url, alternates in entries:
        lines.append(f"<url><loc>{siteurl}{url}</loc>")
        for lang, other in sorted((alternates or {}).items()):
            lines.append(
                f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(siteurl + other)}/>'
            )
        lines.append("</url>\n")
    lines.append(PART[1])
    return "".join(lines)


def _index(siteurl: str, urls: list[str]) -> str:
    items = "".join(f"<sitemap><loc>{siteurl}{url}</loc></sitemap>\n" for url in urls)
    return INDEX[0] + items + INDEX[1]
