"""Statistics per city and for the country, their charts and map, and the open data files.

Figures are computed once per build from the index (derive stage); the pages and
/data/stats.json are both rendered from the same dictionary, so that a page and the data cannot
disagree.
"""

import json
from pathlib import Path

from core import routes
from core.i18n import load_translations
from core.labels import N_
from core.stages import Page

from . import opendata, schema, xlsx
from .figures import COMPARE, DEFINED, FIGURES, compare, compute
from .kit import ChartKit


def derive(build):
    index = build.index
    national = compute(index.listed)
    cities = {}
    for key in index.registries["cities"]:
        figures = compute(index.by_city.get(key, []))
        figures["compare"] = compare(figures, national)
        cities[key] = figures
    stats = {
        "percentile": "nearest-rank",
        "definitions": {
            name: {
                language.code: routes.definition(language.code, name)
                for language in build.languages
            }
            for name in (figure.name for figure in DEFINED)
        },
        "national": national,
        "cities": cities,
    }
    build.state["stats"] = stats
    build.context.update(
        stats=stats,
        stats_definitions=DEFINED,
        stats_titles={figure.name: figure.title for figure in DEFINED},
        stats_block=[figure for figure in (*FIGURES, COMPARE) if figure.show],
        stats_charts=ChartKit(index, stats),
        anchor=routes.anchor,
    )
    build.nav.append((20, N_("Statistics"), routes.stats))
    build.nav.append((30, N_("Open data"), routes.opendata))
    opendata_page = {
        "schemas": [schema.schema_path(name) for name in sorted(schema.SCHEMAS)],
        "example": index.listed[0] if index.listed else None,  # the newest
    }
    for language in build.languages:
        lang = language.code
        build.add_page(Page(lang, "stats.html", routes.stats(lang), build.each(routes.stats)))
        build.add_page(
            Page(
                lang,
                "opendata.html",
                routes.opendata(lang),
                build.each(routes.opendata),
                dict(opendata_page),
            )
        )


def render(build):
    """The open data files, from the same index and figures."""
    index = build.index
    siteurl = build.settings["SITEURL"].rstrip("/")
    output = Path(build.output_path)

    def file(name):
        path = output / routes.output_file(routes.data(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    languages = build.languages
    # The descriptions' translations are the theme's catalogs, like every text of the site.
    gettexts = {
        language.code: load_translations(build.settings["THEME"], language.code).gettext
        for language in languages
    }
    describe = schema.Describe(languages, gettexts)
    schemas = schema.schemas(languages, describe)  # once per build, for every table
    full, per_city = opendata.tables(index, siteurl, languages, schemas)
    for table in full + per_city:
        write = opendata.to_json if table.path.endswith(".json") else opendata.to_csv
        file(table.path).write_bytes(write(table))
    for name, table_schema in schemas.items():
        _write_json(file(schema.schema_path(name)), table_schema)
    sheets = [table for table in full if table.path.endswith(".csv")]
    moment = opendata.last_change(index.cases)
    file("communiques.xlsx").write_bytes(xlsx.to_xlsx(sheets, moment, languages))
    _write_json(
        file("datapackage.json"),
        schema.datapackage(siteurl, full + per_city, languages.default.code, describe),
    )
    _write_json(file("stats.json"), build.state["stats"], sort_keys=True)


def _write_json(path, value, sort_keys=False):
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=sort_keys)
    path.write_text(text + "\n", encoding="utf-8")
