"""Statistics per city and for the country, their charts and map, and the open data files.

Figures are computed once per build from the index (derive stage); the pages and
/data/stats.json are both rendered from the same dictionary, so that a page and the data cannot
disagree.

Every file and page is declared to build.outputs with what it depends on from the cases (the
build's digest covers the rest: registries, catalogs, settings, code): the country's files and
pages change with any case, a city's file with its own cases, the registries and schemas with
none. A build with nothing changed links them all from the published site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from communiques_site.core import routes
from communiques_site.core.labels import N_
from communiques_site.core.stages import Build, NavEntry, Page, Subject

from . import opendata, schema, xlsx
from .figures import (
    Figures,
    Stats,
    columns,
    compare,
    compute,
    defined,
    shown,
)
from .kit import ChartKit
from .parts import Heads, Parts, assemble

if TYPE_CHECKING:
    from communiques_site.communiques.index import CaseIndex


# core.stages.Build holds the index without its type (core cannot name the content model):
# the stats plugin reads it as what the communiques plugin put there.
def _index(build: Build) -> CaseIndex:
    return cast("CaseIndex", build.index)


def _digests(build: Build) -> tuple[str, dict[str, str]]:
    """(country, {city: digest}): the cases' digests, every case's and each city's."""
    index = _index(build)
    country: list[str] = []
    cities: dict[str, list[str]] = {key: [] for key in index.registries["cities"]}
    for case in sorted(index.cases, key=lambda case: case.id):
        part = f"{case.id}:{case.digest}"
        country.append(part)
        cities.setdefault(case.city, []).append(part)
    digest = build.outputs.digest
    return digest("cases", *country), {key: digest("city", *parts) for key, parts in cities.items()}


def derive(build: Build) -> None:
    index = _index(build)
    build.state["stats-digests"] = _digests(build)
    country = build.state["stats-digests"][0]
    national = compute(index.listed)
    cities: dict[str, Figures] = {}
    for key in index.registries["cities"]:
        figures = compute(index.by_city.get(key, []))
        figures["compare"] = compare(figures, national)
        cities[key] = figures
    stats: Stats = {
        "percentile": "linear",  # between the closest ranks, as numpy and pandas by default
        "definitions": {
            name: {
                language.code: routes.definition(language.code, name)
                for language in build.languages
            }
            for name in (figure.name for figure in defined())
        },
        "national": national,
        "cities": cities,
    }
    build.state["stats"] = stats
    build.context.update(
        {
            "stats": stats,
            "stats_definitions": defined(),
            "stats_titles": {figure.name: figure.title for figure in defined()},
            "stats_block": shown(),
            "stats_columns": columns(),
            "stats_charts": ChartKit(index, stats),
            "anchor": routes.anchor,
        }
    )
    build.page_inputs.append(lambda lang, subjects: _figures_of(stats, subjects))
    build.nav.append(NavEntry(20, N_("Statistics"), routes.stats))
    build.nav.append(NavEntry(30, N_("Open data"), routes.opendata))
    opendata_page = {
        "schemas": [schema.schema_path(name) for name in sorted(schema.SCHEMAS)],
        "example": index.listed[0] if index.listed else None,  # the newest
    }
    digest = build.outputs.digest
    for language in build.languages:
        lang = language.code
        url = routes.stats(lang)
        build.add_page(
            Page(lang, "stats.html", url, build.each(routes.stats), digest=digest(url, country))
        )
        url = routes.opendata(lang)
        build.add_page(
            Page(
                lang,
                "opendata.html",
                url,
                build.each(routes.opendata),
                dict(opendata_page),
                digest(url, country),  # its example is the newest case
            )
        )


def _figures_of(stats: Stats, subjects: Iterable[Subject]) -> list[Figures] | None:
    """What the figures and charts show about a page's cities (kit.py draws a city's charts
    from its figures alone)."""
    cities = [key for kind, key in subjects if kind == "cities" and key is not None]
    return [stats["cities"][key] for key in cities] or None


def render(build: Build) -> None:
    """The open data files, from the same index and figures; those whose inputs did not change
    are taken from the published site."""
    index, outputs = _index(build), build.outputs
    country, cities_digests = build.state["stats-digests"]
    of_cases = {*opendata.OF_CASES, "communiques.xlsx", "stats.json"}
    inputs = {
        **{path: "" for _, path, _, _ in opendata.FILES},
        **{schema.schema_path(name): "" for name in schema.SCHEMAS},
        "datapackage.json": "",  # the tables' names and descriptions: the registries'
        **{path: country for path in of_cases},
        **{f"cities/{key}.csv": cities_digests[key] for key in index.registries["cities"]},
    }
    todo = {
        name
        for name, depends in inputs.items()
        if not outputs.reuse(routes.output_file(routes.data(name)), outputs.digest(name, depends))
    }
    if not todo:
        return
    siteurl = build.settings["SITEURL"].rstrip("/")
    output = Path(build.output_path)

    def file(name: str) -> Path:
        path = output / routes.output_file(routes.data(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    languages = build.languages
    # The descriptions' translations are the theme's catalogs, like every text of the site.
    gettexts = {language.code: build.catalogs[language.code].gettext for language in languages}
    describe = schema.Describe(languages, gettexts)
    schemas = schema.schemas(languages, describe)  # once per build, for every table
    registries = index.registries
    # A code is stable once published (plugins/communiques_site/tlog): a case's rows stay the same.
    shown = build.context.get("verification_code", lambda case_id: "")
    code = lambda case_id: shown(case_id).replace("-", "")  # noqa: E731
    full, per_city = opendata.tables(index, languages, schemas)
    case_tables = [table for table in full + per_city if table.part]
    if todo & {"communiques.xlsx", *(table.path for table in case_tables)}:
        parts = Parts(
            build.settings["CACHE_PATH"],
            outputs,
            lambda case: opendata.serialise(case, siteurl, registries, languages, schemas, code),
        )
        columns = [field["name"] for field in schemas["communiques"]["fields"]]
        offence_columns = [field["name"] for field in schemas["case_offences"]["fields"]]
        heads = Heads(
            opendata.line(columns),
            opendata.line(offence_columns),
            xlsx.numbered([xlsx.header(columns)], 1),
            xlsx.numbered([xlsx.header(offence_columns)], 1),
        )
        listed = opendata.chronological(index.listed)
        assembled = assemble(parts.of(listed), heads, todo, file, bool(listed))
        for path, deflated in assembled.deflated.items():
            build.deflated[routes.output_file(routes.data(path))] = deflated
    for table in full:
        if table.path in todo and not table.part:
            file(table.path).write_bytes(opendata.to_csv(table))
    for name, table_schema in schemas.items():
        if schema.schema_path(name) in todo:
            _write_json(file(schema.schema_path(name)), table_schema)
    if "communiques.xlsx" in todo:
        sheets = [table for table in full if table.path.endswith(".csv")]
        xlsx.workbook(
            [
                (
                    table.name,
                    assembled.sheets[table.part]
                    if table.part
                    else xlsx.sheet(opendata.sheet_rows(table)),
                )
                for table in sheets
            ]
            + [(xlsx.COLUMNS_SHEET, xlsx.columns_sheet(sheets, languages))],
            opendata.last_change(index.cases),
            file("communiques.xlsx"),
        )
    if "datapackage.json" in todo:
        _write_json(
            file("datapackage.json"),
            schema.datapackage(siteurl, full + per_city, languages.default.code, describe),
        )
    if "stats.json" in todo:
        _write_json(file("stats.json"), build.state["stats"], sort_keys=True)


def _write_json(path: Path, value: object, sort_keys: bool = False) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=sort_keys)
    path.write_text(text + "\n", encoding="utf-8")
