"""sitemap.xml (with each page's language alternates) and robots.txt."""

from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import quoteattr

from communiques_site.core import routes
from communiques_site.core.languages import Languages

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def write(
    output_path: str,
    siteurl: str,
    pages: Iterable[tuple[str, Mapping[str, str] | None]],  # (URL, {lang: its alternate's URL})
    languages: Languages,
) -> None:
    siteurl = siteurl.rstrip("/")
    parts = [HEADER]
    for url, alternates in sorted(pages, key=lambda p: p[0]):
        parts.append(f"<url><loc>{siteurl}{url}</loc>")
        for lang, other in sorted((alternates or {}).items()):
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(siteurl + other)}/>'
            )
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    output = Path(output_path)
    (output / routes.output_file(routes.sitemap())).write_text("".join(parts), encoding="utf-8")
    # The translations to review are for officers, not for search engines.
    disallowed = "".join(f"Disallow: {routes.translations(lang.code)}\n" for lang in languages)
    (output / routes.output_file(routes.robots())).write_text(
        f"User-agent: *\n{disallowed}Sitemap: {siteurl}{routes.sitemap()}\n", encoding="utf-8"
    )
