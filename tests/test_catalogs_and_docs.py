"""Docs and catalogs as tests: nothing shown to a reader or an officer is left out."""

import re

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from communiques_site.communiques import template
from communiques_site.communiques.loading import load
from communiques_site.communiques.schema import CASE_FIELDS
from communiques_site.core.i18n import load_translations
from conftest import ROOT
from sites import catalogued, codes, make_site, site_settings, words


def catalog(lang):
    with (ROOT / "theme/translations" / lang / "LC_MESSAGES/messages.po").open("rb") as handle:
        return read_po(handle)


def extracted():
    method_map = [
        ("plugins/**.py", "python"),
        ("pelicanconf.py", "python"),
        ("theme/templates/**.html", "jinja2"),
    ]
    options = {"theme/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    keywords = {"_": None, "gettext": None, "N_": None}
    return {
        message
        for _, _, message, _, _ in extract_from_dir(
            str(ROOT), method_map, options_map=options, keywords=keywords
        )
        if isinstance(message, str)
    }


def test_every_ui_string_is_translated_in_every_language():
    strings = extracted()
    assert len(strings) > 50
    for lang in catalogued():
        translated = {m.id: m.string for m in catalog(lang) if m.id}
        missing = sorted(s for s in strings if not translated.get(s))
        assert not missing, f"{lang}: run `invoke catalogs` and translate: {missing}"


def test_translations_keep_their_placeholders():
    for lang in catalogued():
        for message in catalog(lang):
            if message.id:
                # A plural message: its id and each form are tuples (singular, plural).
                ids = message.id if message.pluralizable else (message.id,)
                forms = message.string if message.pluralizable else (message.string,)
                wanted = sorted(re.findall(r"%\(\w+\)s", ids[-1]))
                for form in forms:
                    assert sorted(re.findall(r"%\(\w+\)s", form)) == wanted, message.id


def test_every_field_is_documented_for_officers():
    guide = (ROOT / "docs/writing-a-communique.md").read_text(encoding="utf-8")

    def names(fields):
        for field in fields:
            yield field.name
            yield from names(field.fields)
            if field.item:
                yield from names(field.item.fields)

    for name in names(CASE_FIELDS):
        assert re.search(rf"^\s*(- )?{name}:", guide, re.M), f"{name} is not in the guide"


def test_the_new_case_template_is_a_valid_case(tmp_path):
    """What `invoke new` writes is refused until its texts are written, then is valid once its
    translation (also from the template) exists."""
    from datetime import datetime

    from communiques_site.communiques import documents, registry
    from communiques_site.communiques.schema import ZONE
    from communiques_site.core.problems import Problems

    moment = datetime(2026, 11, 27, 18, 30, tzinfo=ZONE)
    case_id = "2026-11-27-casablanca-video"
    path = f"communiques/2026/{case_id}.ar.md"
    wording = words()
    original = template.original(
        case_id, wording.languages["ar"], wording, "casablanca", "arrest", now=moment
    )
    original = original.replace("public-order", "robbery-violence")  # the test registry's keys
    site = make_site(tmp_path, {path: original})
    settings = site_settings(
        PATH=str(site.content),
        CACHE_PATH=str(tmp_path / "c"),
        COMMUNIQUES={"now": "2026-11-28T12:00+01:00"},
    )
    _, problems = load(settings)
    missing = ["translation"] * (len(codes()) - 1)  # one per language after the original's
    assert sorted(p.field for p in problems.sorted()) == ["body", "summary", "title", *missing]

    written = {
        "عنوان البلاغ": "توقيف شخص",
        "ملخص البلاغ في جملة أو جملتين.": "توقيف شخص ظهر في فيديو.",
        "نص البلاغ.": "تمكنت عناصر الشرطة.",
        "Titre du communiqué": "Interpellation",
        "Le communiqué en une ou deux phrases.": "Un individu interpellé.",
        "Texte du communiqué.": "Les éléments de la police.",
    }
    for sample, text in written.items():
        original = original.replace(sample, text)
    site.write(path, original, raw=True)
    found = Problems()
    registries = registry.load(site.content / "data", str, found, wording.languages)
    document = documents.read(site.content / path, "x", registries, found, wording)
    values = dict(document.values, _lang="ar")
    # Each translation's samples are the catalog's words for the template's messages.
    samples = {
        "Title of the communiqué": "Interpellation",
        "The communiqué in one or two sentences.": "Un individu interpellé.",
        "Text of the communiqué.": "Les éléments de la police.",
    }
    for code in codes()[1:]:
        translation = template.translation(case_id, wording.languages[code], wording, values)
        gettext = load_translations(ROOT / "theme", code).gettext
        for message, text in samples.items():
            translation = translation.replace(gettext(message), text)
        site.write(f"communiques/2026/{case_id}.{code}.md", translation, raw=True)
    index, problems = load(settings)
    assert not problems, [str(p) for p in problems.sorted()]
    assert [c.id for c in index.cases] == [case_id]


def test_every_setting_is_documented():
    """Each option a plugin declares has its row in docs/architecture.md."""
    from communiques_site.bilingual.settings import SCHEMA as BILINGUAL
    from communiques_site.communiques.settings import SCHEMA as COMMUNIQUES
    from communiques_site.compress.settings import SCHEMA as COMPRESS
    from communiques_site.core.languages import SCHEMA as SITE
    from communiques_site.feeds.settings import SCHEMA as FEEDS
    from communiques_site.share.settings import SCHEMA as SHARE
    from communiques_site.tlog.settings import SCHEMA as LOG

    guide = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    for schema in (SITE, COMMUNIQUES, BILINGUAL, FEEDS, SHARE, LOG, COMPRESS):
        assert f"| `{schema.name}` |" in guide, schema.name
        for option in schema.options:
            assert re.search(rf"\| `{option.name}` \|", guide), f"{schema.name}[{option.name}]"


def test_the_committed_template_is_the_code_s_strings_with_relative_paths():
    """`invoke catalogs` once wrote absolute paths, and the committed .pot cited deleted files:
    what it holds is what the code says today, cited from the project's root."""
    with (ROOT / "theme/translations/messages.pot").open("rb") as handle:
        template = read_po(handle)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    assert ids == extracted()
    for message in template:
        for path, _ in message.locations:
            assert not path.startswith("/"), path
            assert (ROOT / path).is_file(), f"{path}: cited by the .pot, but not in the project"
