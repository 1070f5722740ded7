"""What the index holds of each listed communiqué in each language: its address, its texts,
the filters a reader narrows results by (named in that language) and its sort key."""

from dataclasses import dataclass
from datetime import UTC

from core import routes
from core.i18n import ZONE
from core.labels import LABELS, N_

# The filters' names are shown to readers as the headings of Pagefind's filter lists, so each
# language's index names them in its own words.
CITY, OFFENCE, TYPE, YEAR = N_("City"), N_("Offences"), N_("Type"), N_("Year")
SORT = "published"  # the one sort key: newest first on the search page


@dataclass(frozen=True)
class Record:
    lang: str
    url: str
    title: str
    summary: str
    body_html: str  # sanitised when it was read: Pagefind takes its words from the HTML
    filters: dict  # translated filter name -> values in that language
    sort: dict  # sort key -> value that sorts as text
    period: str  # the bundle that holds it (see period)


def published_key(case) -> str:
    """UTC, fixed width: sorts as text in the order of time."""
    return case.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def period(case, current_year: int) -> str:
    """The search bundle of a case: its year of publication (Moroccan time, as the Year
    filter), and in the current year its quarter. A closed year's bundle never changes, so a
    new case re-indexes one quarter (at 10,000 cases over four years, about 600 cases), and a
    search loads at most four bundles more than there are years. Months would make the
    re-indexing smaller still but a search fetch up to twelve bundles; the first case of a
    new year makes the previous year's quarters into one bundle, once."""
    local = case.published.astimezone(ZONE)
    if local.year < current_year:
        return str(local.year)
    return f"{local.year}-q{(local.month - 1) // 3 + 1}"


def record(case, lang: str, registries: dict, gettext, current_year: int) -> Record:
    text = case.texts[lang]
    return Record(
        lang=lang,
        url=routes.communique(lang, case.id),
        title=text.title,
        summary=text.summary,
        body_html=text.body_html,
        filters={
            gettext(CITY): [registries["cities"][case.city].name[lang]],
            gettext(OFFENCE): [registries["offences"][key].name[lang] for key in case.offences],
            gettext(TYPE): [gettext(LABELS["type"][case.type])],
            # The year of publication in Moroccan time, as the statistics count it.
            gettext(YEAR): [str(case.published.astimezone(ZONE).year)],
        },
        sort={SORT: published_key(case)},
        period=period(case, current_year),
    )


def records_of(index, languages, gettexts: dict) -> dict[str, list[Record]]:
    """{language: records}: the listed cases only (a withdrawn communiqué leaves the search
    with the listings), in every language of the site."""
    # The current year is the newest case's: the build's clock plays no part in the index.
    current_year = max((case.published.astimezone(ZONE).year for case in index.listed), default=0)
    return {
        language.code: [
            record(case, language.code, index.registries, gettexts[language.code], current_year)
            for case in index.listed
        ]
        for language in languages
    }
