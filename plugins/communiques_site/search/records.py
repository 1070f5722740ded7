"""What the index holds of each listed communiqué in each language: its address, its texts,
the words of its facts (offences, city in every script, type) searched as text, what a result
shows (date, city, type, summary), the filters a reader narrows results by (named in that
language) and its sort key."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from communiques_site.core import routes
from communiques_site.core.i18n import ZONE, Formats
from communiques_site.core.labels import LABELS, N_
from communiques_site.core.languages import Languages

if TYPE_CHECKING:
    from communiques_site.communiques.index import CaseIndex
    from communiques_site.communiques.model import Case
    from communiques_site.communiques.registry import Registries

# The filters' names are shown to readers as the headings of Pagefind's filter lists, so each
# language's index names them in its own words.
CITY, OFFENCE, TYPE, YEAR = N_("City"), N_("Offences"), N_("Type"), N_("Year")
FILTERS = (TYPE, CITY, OFFENCE, YEAR)  # in the order the search page offers them
SORT = "published"  # the sort key of the newest-first order


@dataclass(frozen=True)
class Record:
    lang: str
    url: str
    title: str
    summary: str
    body_html: str  # sanitised when it was read: Pagefind takes its words from the HTML
    keywords: tuple  # the facts' words, searched with a weight (documents.KEYWORD_WEIGHT)
    meta: dict  # what a result shows besides its title: date, city, type (and kind), summary
    filters: dict  # translated filter name -> values in that language
    sort: dict  # sort key -> value that sorts as text
    period: str  # the bundle that holds it (see period)


def published_key(case: Case) -> str:
    """UTC, fixed width: sorts as text in the order of time."""
    return case.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def period_of(case: Case) -> str:
    """The search bundle of a case: the quarter of its publication (Moroccan time, as the Year
    filter). A bundle is indexed again whole when one of its communiqués changes, so its size
    is what one publication costs: a quarter holds about 250 cases a language at 1,000 a year,
    where a whole year's bundle made a case dated in a closed year, or an old case corrected or
    withdrawn, cost four times the indexing of a new one, and more as the years fill up. A
    search loads four bundles a year (Pagefind fetches each one's entry file, then only the
    index chunks of the words searched); months would make the indexing smaller still, but
    twelve bundles a year to load."""
    local = case.published.astimezone(ZONE)
    return f"{local.year}-q{(local.month - 1) // 3 + 1}"


def keywords(case: Case, lang: str, registries: Registries, type_label: str) -> tuple[str, ...]:
    """The offences' and the type's names in this language, the city's in every language of
    the site (a French reader types الدار البيضاء, an Arabic one Casablanca), and the other
    names readers search them by (the registries' `also`). Each once."""
    city = registries["cities"][case.city]
    words = [registries["offences"][key].name[lang] for key in case.offences]
    for key in case.offences:
        words += registries["offences"][key].also.get(lang, ())
    words += [city.name[lang], *(name for code, name in city.name.items() if code != lang)]
    for code in city.name:
        words += city.also.get(code, ())
    words.append(type_label)
    return tuple(dict.fromkeys(words))


def record(
    case: Case,
    lang: str,
    registries: Registries,
    gettext: Callable[..., str],
    formats: Formats,
) -> Record:
    text = case.texts[lang]
    type_label = gettext(LABELS["type"][case.type])
    city = registries["cities"][case.city].name[lang]
    return Record(
        lang=lang,
        url=routes.communique(lang, case.id),
        title=text.title,
        summary=text.summary,
        body_html=text.body_html,
        keywords=keywords(case, lang, registries, type_label),
        meta={
            "date": formats.short_date(case.published),
            "datetime": formats.local(case.published).date().isoformat(),
            "city": city,
            "type": type_label,
            "kind": case.type,
            "summary": text.summary,
        },
        filters={
            gettext(CITY): [city],
            gettext(OFFENCE): [registries["offences"][key].name[lang] for key in case.offences],
            gettext(TYPE): [type_label],
            # The year of publication in Moroccan time, as the statistics count it.
            gettext(YEAR): [str(case.published.astimezone(ZONE).year)],
        },
        sort={SORT: published_key(case)},
        period=period_of(case),
    )


class Records:
    """The records of the listed cases (a withdrawn communiqué leaves the search with the
    listings), made when asked for: a publication makes those of the quarters it indexes."""

    def __init__(
        self, index: CaseIndex, languages: Languages, gettexts: Mapping[str, Callable[..., str]]
    ) -> None:
        self.index = index
        self.gettexts = gettexts
        self.formats = {language.code: Formats(language) for language in languages}

    def __call__(self, case: Case, lang: str) -> Record:
        gettext = self.gettexts[lang]
        return record(case, lang, self.index.registries, gettext, self.formats[lang])
