"""The bytes a phone downloads for a page: its HTML and the stylesheets and scripts it links,
as nginx with deploy/nginx.conf sends them without compression, with gzip and with Brotli.

    .venv/bin/python scripts/phone_bytes.py OUTPUT_FOLDER /fr/ /fr/communiques/<id>/
"""

import http.client
import sys
import tempfile
import urllib.parse
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import webserver  # noqa: E402


def main(output, pages):
    with (
        tempfile.TemporaryDirectory() as folder,
        webserver.serve(output, folder) as url,
    ):
        parts = urllib.parse.urlsplit(url)

        def fetch(path, accept):
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            connection.request("GET", path, headers={"Accept-Encoding": accept} if accept else {})
            body = connection.getresponse().read()
            connection.close()
            return body

        print("| page | as it is | gzip | Brotli | saved |")
        print("| --- | --- | --- | --- | --- |")
        for page in pages:
            document = lxml.html.fromstring(fetch(page, None))
            linked = document.xpath("//link[@rel='stylesheet']/@href|//script/@src")
            sizes = [
                sum(len(fetch(p, accept)) for p in [page, *linked])
                for accept in (None, "gzip", "br")
            ]
            saved = 100 - 100 * sizes[2] / sizes[0]
            print(
                f"| `{page}` | {sizes[0]:,} B | {sizes[1]:,} B | {sizes[2]:,} B | {saved:.0f} % |"
            )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
