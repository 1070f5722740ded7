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


def published_key(case) -> str:
    """UTC, fixed width: sorts as text in the order of time."""
    return case.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record(case, lang: str, registries: dict, gettext) -> Record:
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
    )


def records_of(index, languages, gettexts: dict) -> dict[str, list[Record]]:
    """{language: records}: the listed cases only (a withdrawn communiqué leaves the search
    with the listings), in every language of the site."""
    return {
        language.code: [
            record(case, language.code, index.registries, gettexts[language.code])
            for case in index.listed
        ]
        for language in languages
    }
