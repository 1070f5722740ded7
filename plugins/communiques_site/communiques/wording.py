"""The content model's words in each language of the site: the template's sample texts, the
placeholder of a text still to translate, the word for a minor. They come from the theme's
gettext catalogs, like every other string a person reads, so a new language brings its own."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from communiques_site.core.i18n import Catalogs
from communiques_site.core.labels import N_
from communiques_site.core.languages import Languages, from_settings

MESSAGES = {
    "title": N_("Title of the communiqué"),
    "summary": N_("The communiqué in one or two sentences."),
    "body": N_("Text of the communiqué."),
    "todo": N_("[TO TRANSLATE]"),
    "towrite": N_("[TO WRITE]"),
    "minor": N_("minor"),
}


@dataclass(frozen=True)
class Wording:
    languages: Languages
    words: dict  # language code -> {"title": ..., "summary": ..., "body": ..., "todo": ..., ...}

    def __call__(self, lang: str, key: str) -> str:
        return self.words[lang][key]

    def samples(self) -> set[str]:
        """The template's sample texts in every language: a field holding one is unfinished."""
        return {words[key] for words in self.words.values() for key in ("title", "summary", "body")}

    def placeholders(self) -> set[str]:
        """The marks of a text still to write or to translate."""
        return {words[key] for words in self.words.values() for key in ("todo", "towrite")}


def wording(settings: Mapping[str, Any]) -> Wording:
    """The words of the settings' languages, for the tasks (a build has its catalogs)."""
    return words_of(from_settings(settings), Catalogs(settings["THEME"]))


def words_of(languages: Languages, catalogs: Catalogs) -> Wording:
    words = {}
    for language in languages:
        catalog = catalogs[language.code]
        words[language.code] = {key: catalog.gettext(msgid) for key, msgid in MESSAGES.items()}
    return Wording(languages, words)
