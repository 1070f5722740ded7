"""Statistics per city and for the country, their charts and map, and the open data files.

Figures are computed once per build from the index; the pages and /data/stats.json are both
rendered from the same dictionary, so that a page and the data cannot disagree.
"""

import json
from pathlib import Path

from pelican.generators import Generator

from bilingual import urls

from . import opendata, schema
from .definitions import DEFINITIONS, anchor
from .figures import compare, compute
from .kit import ChartKit


class StatsGenerator(Generator):
    def generate_context(self):
        index = self.context["communiques"]
        national = compute(index.listed)
        cities = {}
        for key in index.registries["cities"]:
            figures = compute(index.by_city.get(key, []))
            figures["compare"] = compare(figures, national)
            cities[key] = figures
        self.stats = {
            "percentile": "nearest-rank",
            "definitions": {
                name: {"ar": f"/ar/stats/#{anchor(name)}", "fr": f"/fr/stats/#{anchor(name)}"}
                for name in DEFINITIONS
            },
            "national": national,
            "cities": cities,
        }
        self.context["stats"] = self.stats
        self.context["stats_definitions"] = DEFINITIONS
        self.context["stats_charts"] = ChartKit(index, self.stats)
        pages = self.context.setdefault("site_pages", [])
        pages.append(("stats.html", urls.stats, {}))
        pages.append(("opendata.html", urls.opendata, {}))

    def generate_output(self, writer):
        index = self.context["communiques"]
        siteurl = self.settings["SITEURL"].rstrip("/")
        data = Path(self.output_path) / "data"
        (data / "cities").mkdir(parents=True, exist_ok=True)
        table = opendata.rows(index.cases, siteurl, index.registries)
        (data / "communiques.csv").write_bytes(opendata.to_csv(table))
        (data / "communiques.json").write_bytes(opendata.to_json(table))
        by_city = {}
        for row in table:
            if row["city"]:
                by_city.setdefault(row["city"], []).append(row)
        cities = list(index.registries["cities"])
        for key in cities:
            (data / "cities" / f"{key}.csv").write_bytes(opendata.to_csv(by_city.get(key, [])))
        package = schema.datapackage(siteurl, cities)
        (data / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        (data / "stats.json").write_text(
            json.dumps(self.stats, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )


def get_generators(pelican):
    return StatsGenerator
