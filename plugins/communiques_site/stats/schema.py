"""The Table Schemas of the open data and the Data Package that describes the files.

The schemas are made once per build, from the site's languages: a text column has one column
per language (title_<code>… in the order of the settings), so that a language added in the
settings has its columns without a change here. A description is its English msgid of the
catalogs (the spec's `description`); each site language whose catalog translates it adds
`description_<code>` (a custom property, which the Data Package spec allows). An English site
language adds nothing: its text is the description.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from communiques_site.core import routes
from communiques_site.core.labels import FACT_FIELDS, N_, STATUSES, TYPES, VERIFICATIONS
from communiques_site.core.languages import Language, Languages

if TYPE_CHECKING:
    from .opendata import Table

# A Table Schema, a field of one or a Data Package descriptor: JSON objects of the specs, whose
# properties vary with the field or resource.
JSONObject = dict[str, Any]

DATETIME = {"format": "%Y-%m-%dT%H:%M:%SZ"}
LATIN = "Latn"  # ISO 15924: the script whose place names an English description gives


@dataclass(frozen=True)
class Text:
    """A description to give in every language: its English msgid and its placeholders' values,
    each a Language (named in the describing language) or {code: name} (a place's names)."""

    msgid: str
    values: dict[str, Language | dict[str, str]] = field(default_factory=dict)


class Describe:
    """A Text as the description properties of a field or a resource, for one build."""

    def __init__(self, languages: Languages, gettexts: Mapping[str, Callable[[str], str]]) -> None:
        self.languages = languages
        self.gettexts = gettexts  # code -> the catalog's gettext (an untranslated msgid as is)
        self.english = self._english(languages)

    @staticmethod
    def _english(languages: Languages) -> Language:
        """The language whose place names an English description gives: the site's English if
        it has one (the language that calls itself by its English name), else the first one
        written in the Latin script, which English readers read, else the default."""
        english = [language for language in languages if language.name == language.english]
        latin = [language for language in languages if language.script == LATIN]
        return (english or latin or [languages.default])[0]

    def __call__(self, text: Text) -> dict[str, str]:
        described = {"description": self._format(text.msgid, text.values, None)}
        for language in self.languages:
            translated = self.gettexts[language.code](text.msgid)
            if translated != text.msgid:
                described[f"description_{language.code}"] = self._format(
                    translated, text.values, language
                )
        return described

    def _format(
        self,
        message: str,
        values: Mapping[str, Language | dict[str, str]],
        language: Language | None,
    ) -> str:
        if not values:  # as gettext: a message without values is not %-formatted
            return message
        return message % {name: self._value(value, language) for name, value in values.items()}

    def _value(self, value: Language | dict[str, str], language: Language | None) -> str:
        """A value in the describing `language` (None: English, the msgids' language)."""
        if isinstance(value, Language):
            return self.gettexts[language.code](value.english) if language else value.english
        return value[(language or self.english).code]


@dataclass(frozen=True)
class Column:
    """A column of a schema: its name, Table Schema type, description (an English msgid) and
    further properties (constraints, format…); `each`: one column per language, <name>_<code>,
    whose description names the language as %(language)s."""

    name: str
    type: str
    description: str
    extra: JSONObject
    each: bool = False

    def fields(self, languages: Iterable[Language], describe: Describe) -> list[JSONObject]:
        if not self.each:
            return [self._field(self.name, Text(self.description), describe)]
        return [
            self._field(
                f"{self.name}_{lang.code}", Text(self.description, {"language": lang}), describe
            )
            for lang in languages
        ]

    def _field(self, name: str, text: Text, describe: Describe) -> JSONObject:
        return {"name": name, "type": self.type, **describe(text), **self.extra}


def _column(name: str, kind: str, description: str, **extra: Any) -> Column:
    return Column(name, kind, description, extra)


def _each(name: str, kind: str, description: str, **extra: Any) -> Column:
    return Column(name, kind, description, extra, each=True)


ID = _column(
    "id",
    "string",
    N_("Permanent id of the case."),
    constraints={
        "required": True,
        "unique": True,
        "pattern": r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9-]+",
    },
)
REGION = _each("region", "string", N_("Region in %(language)s (2015 division)."))
LATITUDE = _column(
    "latitude",
    "number",
    N_("City latitude (WGS 84)."),
    constraints={"minimum": 20, "maximum": 36.5},
)
LONGITUDE = _column(
    "longitude",
    "number",
    N_("City longitude (WGS 84)."),
    constraints={"minimum": -17.5, "maximum": -0.5},
)
BOOLEAN = {"trueValues": ["true"], "falseValues": ["false"]}

# The case table, in the CSV's order. Scripts that read columns by position rely on it: a new
# column goes at the end. A new language, though, adds its columns to each group of its kind.
CASE = (
    ID,
    _column(
        "withdrawn",
        "boolean",
        N_(
            "Always false: withdrawn communiqués are in withdrawn.csv (column kept for old "
            "scripts)."
        ),
        constraints={"required": True},
        **BOOLEAN,
    ),
    _column(
        "type",
        "string",
        N_("arrest, clarification or search."),
        constraints={"enum": list(TYPES)},
    ),
    _column(
        "published",
        "datetime",
        N_("When the communiqué was issued (UTC)."),
        constraints={"required": True},
        **DATETIME,
    ),
    _column("updated", "datetime", N_("Latest update or correction (UTC)."), **DATETIME),
    _column("city", "string", N_("City key (cities.csv).")),
    _each("city", "string", N_("City name in %(language)s.")),
    REGION,
    LATITUDE,
    LONGITUDE,
    _column("issuer", "string", N_("Issuing unit key (issuers.csv).")),
    _column(
        "offences",
        "string",
        N_(
            "Offence keys (offences.csv), most serious first. Values separated by '|'. One per "
            "row: case_offences.csv."
        ),
    ),
    _column(
        "platform",
        "string",
        N_("Key of the platform where the video circulated (platforms.csv)."),
    ),
    _column(
        "circulated_at",
        "datetime",
        N_("When the video started to circulate (UTC)."),
        **DATETIME,
    ),
    _column("filmed_at", "datetime", N_("When the video was filmed, if known (UTC)."), **DATETIME),
    _column(
        "verification",
        "string",
        N_("What verification found of the video."),
        constraints={"enum": list(VERIFICATIONS)},
    ),
    _column("arrested_at", "datetime", N_("First arrest (UTC)."), **DATETIME),
    _column(
        "response_hours",
        "number",
        N_(
            "Hours from circulation to first arrest, to one decimal; empty when there was no "
            "arrest or it came before the video (arrested_before_video)."
        ),
    ),
    _column("publication_hours", "number", N_("Hours from circulation to the communiqué.")),
    _column("persons_arrested", "integer", N_("Persons arrested."), constraints={"minimum": 0}),
    _column(
        "adults",
        "integer",
        N_("Adults arrested among persons whose details are published (0 when they were removed)."),
        constraints={"minimum": 0},
    ),
    _column(
        "minors",
        "integer",
        N_("Minors arrested among persons whose details are published (0 when they were removed)."),
        constraints={"minimum": 0},
    ),
    _column(
        "details_removed",
        "boolean",
        N_("Persons' details removed: the case ended in acquittal or with no offence."),
        **BOOLEAN,
    ),
    _column("ages", "string", N_("Age of each person; 'minor' under 18. Values separated by '|'.")),
    _column("sexes", "string", N_("Sex of each person. Values separated by '|'.")),
    _column(
        "prior_records",
        "string",
        N_("Prior record of each adult (yes, no, unknown). Values separated by '|'."),
    ),
    _column("sought", "integer", N_("Persons still sought."), constraints={"minimum": 0}),
    _column(
        "status",
        "string",
        N_("Current status of the case."),
        constraints={"enum": list(STATUSES)},
    ),
    _column(
        "seized",
        "string",
        N_(
            "Seized items as key:quantity, or key alone when no quantity is given; keys in "
            "seized.csv. Values separated by '|'."
        ),
    ),
    _each("title", "string", N_("Title in %(language)s.")),
    _each("url", "string", N_("Permalink in %(language)s."), format="uri"),
    _column(
        "persons_details_removed",
        "integer",
        N_(
            "Persons arrested whose details were removed (acquittal or no offence); "
            "persons_arrested = adults + minors + persons_details_removed."
        ),
        constraints={"minimum": 0},
    ),
    _column(
        "arrested_before_video",
        "boolean",
        N_("The first arrest came before the video circulated: counted apart, no response_hours."),
        constraints={"required": True},
        **BOOLEAN,
    ),
    _column(
        "verification_code",
        "string",
        N_(
            "Verification code printed on the communiqué: 8 characters of Crockford's base32, "
            "derived from the public log; its page is /v/{code}/."
        ),
        constraints={"pattern": "[0-9A-HJKMNP-TV-Z]{8}"},
    ),
)


def _key(description: str) -> Column:
    return _column("key", "string", description, constraints={"required": True, "unique": True})


def _reference(field: str, resource: str, key: str) -> JSONObject:
    return {"fields": field, "reference": {"resource": resource, "fields": key}}


# Every Table Schema of /data/, each written once as /data/schemas/<name>.json and referenced
# by path from the resources, so that datapackage.json does not repeat a schema per city. Here
# their columns; their fields, one per column and language, are made per build by `schemas`.
SCHEMAS: dict[str, dict[str, Any]] = {
    "communiques": {
        "fields": CASE,
        "primaryKey": ["id"],
        # Only single-key columns: the lists (offences, seized) cannot be foreign keys; the
        # offences have their long table, case_offences.csv.
        "foreignKeys": [
            _reference("city", "cities", "key"),
            _reference("issuer", "issuers", "key"),
            _reference("platform", "platforms", "key"),
        ],
        "missingValues": [""],
    },
    "cities": {
        "fields": (
            _key(N_("City key.")),
            _each("name", "string", N_("City name in %(language)s.")),
            REGION,
            LATITUDE,
            LONGITUDE,
        ),
        "primaryKey": ["key"],
        "missingValues": [""],
    },
    # Offences, issuers, platforms and seized items: a key and its name in each language.
    "registry": {
        "fields": (
            _key(N_("Key, as used in the other tables.")),
            _each("name", "string", N_("Name in %(language)s.")),
        ),
        "primaryKey": ["key"],
        "missingValues": [""],
    },
    "case_offences": {
        "fields": (
            _column(
                "id",
                "string",
                N_("Case id (communiques.csv)."),
                constraints={"required": True},
            ),
            _column(
                "offence",
                "string",
                N_("Offence key (offences.csv)."),
                constraints={"required": True},
            ),
            _column(
                "rank",
                "integer",
                N_("1 for the most serious offence of the case, then 2, 3…"),
                constraints={"required": True, "minimum": 1},
            ),
        ),
        "primaryKey": ["id", "rank"],
        "foreignKeys": [
            _reference("id", "communiques", "id"),
            _reference("offence", "offences", "key"),
        ],
        "missingValues": [""],
    },
    "fact_changes": {
        "fields": (
            _column(
                "id",
                "string",
                N_("Case id (communiques.csv)."),
                constraints={"required": True},
            ),
            _column(
                "date",
                "datetime",
                N_("When the update that made the change was published (UTC)."),
                constraints={"required": True},
                **DATETIME,
            ),
            _column(
                "field",
                "string",
                N_(
                    "The column of communiques.csv that changed (persons_released: how many "
                    "persons were released)."
                ),
                constraints={"required": True, "enum": list(FACT_FIELDS)},
            ),
            _column("old", "string", N_("Its value before; empty: none was given.")),
            _column("new", "string", N_("Its value after.")),
        ),
        "primaryKey": ["id", "date", "field"],
        "foreignKeys": [_reference("id", "communiques", "id")],
        "missingValues": [""],
    },
    "withdrawn": {
        "fields": (
            ID,
            _column(
                "published",
                "datetime",
                N_("When the communiqué had been issued (UTC)."),
                constraints={"required": True},
                **DATETIME,
            ),
            _column(
                "withdrawn_at",
                "datetime",
                N_("When it was withdrawn (UTC)."),
                constraints={"required": True},
                **DATETIME,
            ),
            _each("reason", "string", N_("Reason for the withdrawal, in %(language)s.")),
        ),
        "primaryKey": ["id"],
        "missingValues": [""],
    },
}


def schemas(languages: Iterable[Language], describe: Describe) -> dict[str, JSONObject]:
    """{name: Table Schema} of this build: every column's fields for the site's `languages`,
    described by `describe` (a Describe)."""
    return {
        name: {
            key: [f for column in value for f in column.fields(languages, describe)]
            if key == "fields"
            else value
            for key, value in layout.items()
        }
        for name, layout in SCHEMAS.items()
    }


def schema_path(schema: str) -> str:
    return f"schemas/{schema}.json"


LICENSE = {
    "name": "ODbL-1.0",
    "title": "Open Data Commons Open Database License 1.0",
    "path": "https://opendatacommons.org/licenses/odbl/1-0/",
}


def _resource(table: "Table", describe: Describe) -> JSONObject:
    resource: JSONObject = {
        "name": table.name,
        "path": table.path,
        "format": table.path.rsplit(".", 1)[1],
        "mediatype": "text/csv" if table.path.endswith(".csv") else "application/json",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": schema_path(table.schema),
        **describe(table.description),
    }
    if table.path.endswith(".csv"):
        resource["dialect"] = {"delimiter": ",", "header": True}
    return resource


def datapackage(
    siteurl: str, tables: Iterable["Table"], lang: str, describe: Describe
) -> JSONObject:
    """The descriptor of /data/: one resource per table, each pointing at its schema's file;
    its links go to the pages of language `lang` (the site's default)."""
    return {
        "profile": "tabular-data-package",
        "name": "communiques-surete-nationale",
        "title": "Communiqués of the Sûreté nationale about videos shared on social media",
        "description": "Cases published by the national police after videos shared on social "
        "media: facts, response times, outcomes, with the registries their keys refer to. "
        "Withdrawn communiqués: withdrawn.csv. The same tables for spreadsheets: communiques.xlsx. "
        f"Figures: stats.json; definitions: {siteurl}{routes.stats(lang)}.",
        "homepage": siteurl + routes.landing(),
        "licenses": [LICENSE],
        "sources": [
            {
                "title": "Direction générale de la Sûreté nationale, communiqués",
                "path": siteurl + routes.home(lang),
            }
        ],
        "resources": [_resource(table, describe) for table in tables],
    }
