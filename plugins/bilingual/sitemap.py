"""sitemap.xml (with each page's language alternates) and robots.txt."""

from pathlib import Path
from xml.sax.saxutils import quoteattr

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def write(output_path, siteurl, pages):
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
    (output / "sitemap.xml").write_text("".join(parts), encoding="utf-8")
    (output / "robots.txt").write_text(
        f"User-agent: *\nDisallow: /ar/translations/\nDisallow: /fr/translations/\n"
        f"Sitemap: {siteurl}/sitemap.xml\n",
        encoding="utf-8",
    )
