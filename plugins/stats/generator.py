"""Statistics per city and for the country, their charts and map, and the open data files.

Figures are computed once per build from the index; the pages and /data/stats.json are both
rendered from the same dictionary, so that a page and the data cannot disagree.
"""

import json
from pathlib import Path

from pelican.generators import Generator

from bilingual import urls

from . import opendata, schema, xlsx
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
        pages.append(("opendata.html", urls.opendata, _opendata_page(index)))

    def generate_output(self, writer):
        index = self.context["communiques"]
        siteurl = self.settings["SITEURL"].rstrip("/")
        data = Path(self.output_path) / "data"
        (data / "cities").mkdir(parents=True, exist_ok=True)
        (data / "schemas").mkdir(exist_ok=True)
        full, per_city = opendata.tables(index, siteurl)
        for table in full + per_city:
            write = opendata.to_json if table.path.endswith(".json") else opendata.to_csv
            (data / table.path).write_bytes(write(table))
        for name, table_schema in schema.SCHEMAS.items():
            _write_json(data / schema.schema_path(name), table_schema)
        sheets = [table for table in full if table.path.endswith(".csv")]
        moment = opendata.last_change(index.cases)
        (data / "communiques.xlsx").write_bytes(xlsx.to_xlsx(sheets, moment))
        _write_json(data / "datapackage.json", schema.datapackage(siteurl, full + per_city))
        _write_json(data / "stats.json", self.stats, sort_keys=True)


def _opendata_page(index):
    """What the open-data page lists beside its fixed files: the schemas, a case to cite."""
    return {
        "schemas": [schema.schema_path(name) for name in sorted(schema.SCHEMAS)],
        "example": index.listed[0] if index.listed else None,  # the newest
    }


def _write_json(path, value, sort_keys=False):
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=sort_keys)
    path.write_text(text + "\n", encoding="utf-8")


def get_generators(pelican):
    return StatsGenerator
