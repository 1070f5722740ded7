"""Other words readers search by, which the communiqués do not use: a city's other spellings
(English, without accents, a common misspelling) and the everyday names of offences. They are
indexed as text with the case's own names (records.keywords), so that the reader's word finds
the case; where it already finds it (Fès typed Fes: Pagefind folds accents) none is listed.

Pagefind matches a word, its stem and the words it begins: it has no fuzzy matching, so a
misspelling the demo's readers were seen to type (Casablanka) is found only if it is here.
Keys are the registries' (content/data/cities.yaml, offences.yaml); a key not in the registry
is never used."""

CITIES = {
    "casablanca": {"fr": ("Casablanka", "Casa", "Dar el Beida"), "ar": ("كازا", "الدارالبيضاء")},
    "fes": {"fr": ("Fez",), "ar": ()},
    "marrakech": {"fr": ("Marrakesh", "Marrakch"), "ar": ()},
    "tanger": {"fr": ("Tangier", "Tanja"), "ar": ("طانجة",)},
    "tetouan": {"fr": ("Tetuan",), "ar": ()},
    "laayoune": {"fr": ("El Aaiun", "Layoune"), "ar": ()},
    "meknes": {"fr": ("Meknassa",), "ar": ()},
    "el-jadida": {"fr": ("Eljadida", "Mazagan"), "ar": ()},
    "al-hoceima": {"fr": ("Hoceima", "Alhoceima"), "ar": ()},
    "beni-mellal": {"fr": ("Benimellal",), "ar": ()},
    "sale": {"fr": ("Sla",), "ar": ()},
}

OFFENCES = {
    "drugs-trafficking": {"fr": ("stupéfiants", "drogue", "dealer"), "ar": ("مخدرات",)},
    "drugs-possession": {"fr": ("stupéfiants", "drogue"), "ar": ("مخدرات",)},
    "dangerous-driving": {"fr": ("rodéo", "acrobaties"), "ar": ("استعراض",)},
    # سرقات, the broken plural of سرقة, is another word to Pagefind's stemmer.
    "theft": {"fr": (), "ar": ("سرقات",)},
    "robbery-violence": {"fr": (), "ar": ("سرقات",)},
    "burglary": {"fr": ("cambriolage",), "ar": ("سرقات",)},
    "robbery-weapon": {"fr": ("braquage",), "ar": ("سرقات",)},
    "vandalism": {"fr": ("vandalisme",), "ar": ()},
    "hooliganism": {"fr": ("hooliganisme", "supporters"), "ar": ("شغب",)},
    "violence-officer": {"fr": ("policier",), "ar": ()},
    "child-endangerment": {"fr": ("enfant",), "ar": ("طفل",)},
}


def other_names(table: dict, key: str, lang: str) -> tuple[str, ...]:
    return table.get(key, {}).get(lang, ())
