"""Small real sites for the tests: content written inline into a temporary folder."""

import json
import os
import runpy
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from communiques_site.core import stages
from communiques_site.core.build import build

ROOT = Path(__file__).resolve().parent.parent
# COMMUNIQUES_TEST_LANGUAGES=en runs the tests with English configured after the demo's
# languages, as a site adding a third language would: every fixture is then written in it too.
EXTRA = "COMMUNIQUES_TEST_LANGUAGES"
ENGLISH = {
    "code": "en",
    "locale": "en",
    "direction": "ltr",
    "name": "English",
    "english": "English",
    "script": "Latn",
}
KNOWN = {"en": ENGLISH}
REGISTRY_TIME = 1764756000  # 2025-12-03 10:00 UTC

REGISTRIES = {
    "cities.yaml": """\
        casablanca:
          name: {ar: الدار البيضاء, fr: Casablanca}
          region: {ar: الدار البيضاء - سطات, fr: Casablanca-Settat}
          lat: 33.5731
          lon: -7.5898
        tanger:
          name: {ar: طنجة, fr: Tanger}
          region: {ar: طنجة - تطوان - الحسيمة, fr: Tanger-Tétouan-Al Hoceïma}
          lat: 35.7595
          lon: -5.834
        """,
    "offences.yaml": """\
        robbery-violence:
          name: {ar: السرقة بالعنف, fr: vol avec violence}
        possession-weapon:
          name: {ar: حيازة السلاح الأبيض, fr: port d'arme blanche}
        """,
    "platforms.yaml": """\
        facebook:
          name: {ar: فيسبوك, fr: Facebook}
        tiktok:
          name: {ar: تيك توك, fr: TikTok}
        """,
    "issuers.yaml": """\
        police-casablanca:
          name: {ar: ولاية أمن الدار البيضاء, fr: Préfecture de police de Casablanca}
        police-tanger:
          name: {ar: ولاية أمن طنجة, fr: Préfecture de police de Tanger}
        """,
    "seized.yaml": """\
        knife:
          name: {ar: سلاح أبيض, fr: arme blanche}
        """,
}

ABOUT = {
    "ar": "---\ntitle: حول الموقع\nsummary: ملخص\n---\nنص الصفحة.\n",
    "fr": "---\ntitle: À propos\nsummary: Résumé\n---\nTexte de la page.\n",
    "en": "---\ntitle: About\nsummary: About the site\n---\nText.\n",
}

ORIGINAL = """\
---
id: {id}
type: arrest
title: توقيف شخص للاشتباه في تورطه في السرقة بالعنف
summary: توقيف شخص ظهر في مقطع فيديو.
published: 2026-11-27T18:30
city: casablanca
issuer: police-casablanca
offences: [robbery-violence]
video:
  platform: facebook
  circulated_at: 2026-11-26T21:00
  verification: authentic
arrested_at: 2026-11-27T10:00
suspects:
  - age: 24
    sex: male
    prior_record: "yes"
    custody: police-custody
status: referred-to-prosecutor
---
تمكنت عناصر الشرطة من توقيف المشتبه فيه.
"""

TRANSLATION = """\
---
id: {id}
translation_of: ar
title: Interpellation d'un individu pour vol avec violence
summary: Interpellation d'un individu apparu dans une vidéo.
---
Les éléments de la police ont procédé à l'interpellation du suspect.
"""


ENGLISH_CASE = """\
---
id: {id}
translation_of: ar
title: Man arrested for robbery with violence
summary: A man seen in a video was arrested.
---
Police officers arrested the suspect.
"""
# Each test language's own translation of a case (case_files), beside ABOUT's page.
CASE_TEXTS = {"en": ENGLISH_CASE}
# The registries' names in English, by the French name they follow.
NAMES = {
    "Casablanca": "Casablanca",
    "Tanger": "Tangier",
    "Casablanca-Settat": "Casablanca-Settat",
    "Tanger-Tétouan-Al Hoceïma": "Tangier-Tetouan-Al Hoceima",
    "vol avec violence": "robbery with violence",
    "port d'arme blanche": "carrying a bladed weapon",
    "Facebook": "Facebook",
    "TikTok": "TikTok",
    "Préfecture de police de Casablanca": "Casablanca Police Prefecture",
    "Préfecture de police de Tanger": "Tangier Police Prefecture",
    "arme blanche": "bladed weapon",
}


def with_english(text):
    """A registry file with each name also in English (`fr: X}` -> `fr: X, en: Y}`)."""
    for french, english in NAMES.items():
        text = text.replace(f"fr: {french}}}", f"fr: {french}, en: {english}}}")
    return text


def extra_languages():
    """The languages COMMUNIQUES_TEST_LANGUAGES adds to the demo's (codes, comma-separated)."""
    codes = [code for code in os.environ.get(EXTRA, "").split(",") if code.strip()]
    unknown = [code for code in codes if code not in KNOWN]
    if unknown:
        raise ValueError(f"{EXTRA}: no test language {unknown}; known: {sorted(KNOWN)}")
    return [KNOWN[code] for code in codes]


def demo_site():
    """The demo's SITE (pelicanconf.py), read without Pelican: a build run by a test imports
    it only to build (core.uptodate)."""
    return runpy.run_path(str(ROOT / "pelicanconf.py"))["SITE"]


def demo_languages():
    """The demo's languages (pelicanconf.py): those of the repository's content."""
    return list(demo_site()["languages"])


def languages():
    """Every language the tests' sites are configured with: the demo's, then the extra ones."""
    return [*demo_languages(), *extra_languages()]


def codes():
    """The codes of languages(), the default first: what a test site is built in."""
    return [language["code"] for language in languages()]


def catalogued():
    """The codes of languages() that need a catalog: every one but English, the language the
    messages are written in (a site in English shows them as they are)."""
    return [language["code"] for language in languages() if language["locale"] != "en"]


def demo_codes():
    """The codes of the demo's languages: what the repository's content is built in (the demo
    has no text in an extra language)."""
    return [language["code"] for language in demo_languages()]


def case_files(
    case_id="2026-11-27-casablanca-robbery", original=ORIGINAL, translation=TRANSLATION, each=None
):
    """The files of one valid case, one per configured language, keyed by their path under
    content/: the original in Arabic, `translation` in French, the other languages' own text;
    `each` (text -> text), if given, is made to every translation, as an edit every language's
    file needs (an update's note)."""
    year = case_id[:4]
    files = {f"communiques/{year}/{case_id}.ar.md": original.format(id=case_id)}
    for code in codes()[1:]:
        text = translation if code == "fr" else CASE_TEXTS[code]
        text = each(text) if each else text
        files[f"communiques/{year}/{case_id}.{code}.md"] = text.format(id=case_id)
    return files


def translation_paths(case_id="2026-11-27-casablanca-robbery"):
    """The paths, as messages name them, of a case's translations (case_files), in the order
    of the build's messages (by path)."""
    year = case_id[:4]
    return sorted(f"content/communiques/{year}/{case_id}.{code}.md" for code in codes()[1:])


def translation_files(site, case_id="2026-11-27-casablanca-robbery"):
    """The files of a case's translations in `site`: what `invoke update` and `invoke withdraw`
    edit besides the original, one per configured language after the first."""
    folder = site.content / "communiques" / case_id[:4]
    return [folder / f"{case_id}.{code}.md" for code in codes()[1:]]


def case_paths(case_id="2026-11-27-casablanca-robbery"):
    """The paths, as messages name them, of a case's files in every language, in the order of
    the build's messages (by path)."""
    year = case_id[:4]
    return sorted(f"content/communiques/{year}/{case_id}.{code}.md" for code in codes())


def noted(at, note="Correction d’une coquille."):
    """`each` for case_files: the change note of an update at `at` in a translation."""

    def add(text):
        return text.replace(
            "translation_of: ar\n",
            f"translation_of: ar\nupdates:\n  - at: {at}\n    note: {note}\n",
        )

    return add


@dataclass
class Site:
    root: Path

    @property
    def content(self):
        return self.root / "content"

    @property
    def output(self):
        return self.root / "output"

    def write(self, relative, text, raw=False):
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text if raw else textwrap.dedent(text), encoding="utf-8")
        return path

    def build(self, force=False, **override):
        settings = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "CACHE_PATH": str(self.root / "cache"),
            "THEME": str(ROOT / "theme"),
            "SITEURL": "http://localhost:8000",
            "COMMUNIQUES": {"now": "2026-11-28T12:00+01:00"},
        }
        settings.update(configured())
        settings.update(override)
        if "PLUGINS" in settings:
            settings["PLUGINS"] = plugins(*settings["PLUGINS"])
        return build(str(ROOT / "pelicanconf.py"), override=settings, force=force)


def plugins(*names):
    """PLUGINS for a test: the package's plugins named short (`feeds`), as templates and tests
    know them; any other (a test's own probe plugin) as it is."""
    package = ROOT / "plugins" / "communiques_site"
    return [f"communiques_site.{n}" if (package / n).is_dir() else n for n in names]


def registry_text(name):
    """A registry file (REGISTRIES) as make_site writes it: a name in every configured language."""
    text = textwrap.dedent(REGISTRIES[name])
    return with_english(text) if "en" in codes() else text


def make_site(root, files=None, registries=True, pages=True):
    """A site in `root` with the given content files (path under content/ -> text)."""
    site = Site(Path(root))
    if registries:
        for name in REGISTRIES:
            path = site.write(f"data/{name}", registry_text(name))
            # Outside git a registry's date is its file's time, which dates the empty feeds:
            # the same for every site made, so that two sites of the same content are equal.
            os.utime(path, (REGISTRY_TIME, REGISTRY_TIME))
    if pages:
        for code in codes():
            site.write(f"pages/about.{code}.md", ABOUT[code], raw=True)
        for name, text in required_pages().items():
            site.write(f"pages/{name}", text, raw=True)
    for relative, text in (files or {}).items():
        site.write(relative, text, raw=True)
    return site


def required_pages():
    """A short file, in each configured language, for each page the demo's settings require
    besides `about` (ABOUT)."""
    slugs = site_settings()["BILINGUAL"]["required_pages"]
    return {
        f"{slug}.{lang}.md": f"---\ntitle: {slug} {lang}\nsummary: {slug} {lang}\n---\n{slug}.\n"
        for slug in slugs
        for lang in codes()
        if slug != "about"
    }


def demo_settings(**override):
    """The demo's settings (pelicanconf.py), with `override`."""
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"), override=override)


def configured():
    """The settings that give a test site every language of languages(): none with the demo's
    own, SITE with the extra ones."""
    if not extra_languages():
        return {}
    return {"SITE": {**demo_site(), "languages": languages()}}


def configured_source():
    """configured() as lines of a settings file, for a build run by a task or a server hook
    (`invoke publish --config`, the content repository's pelicanconf.py)."""
    return "".join(f"{name} = {value!r}\n" for name, value in configured().items())


def site_settings(**override):
    """The settings of the tests' sites: the demo's, in every language of languages(), with
    `override`."""
    return demo_settings(**{**configured(), **override})


def words():
    """The tests' sites' languages and their words (communiques.wording.Wording)."""
    from communiques_site.communiques.wording import wording

    return wording(site_settings())


def demo_words():
    """The demo's languages and their words: those the repository's own content is read with."""
    from communiques_site.communiques.wording import wording

    return wording(demo_settings())


def load_content(tmp_path, files):
    """(index, messages) of a site made of `files`, read and checked without rendering."""
    from communiques_site.communiques.loading import load

    site = make_site(tmp_path, files)
    settings = site_settings(
        PATH=str(site.content),
        CACHE_PATH=str(Path(tmp_path) / "cache"),
        COMMUNIQUES={"now": "2026-11-28T12:00+01:00"},
    )
    index, problems = load(settings)
    return index, [str(p) for p in problems.sorted()]


def withdrawn(reason="Publié par erreur."):
    """`each` for case_files: the reason of a withdrawal in a translation."""

    def add(text):
        return text.replace(
            "translation_of: ar\n", f"translation_of: ar\nwithdrawn:\n  reason: {reason}\n"
        )

    return add


def with_minor_update(
    case_id="2026-11-27-casablanca-robbery",
    original=ORIGINAL,
    translation=TRANSLATION,
    at="2026-11-28T10:00",
):
    """The files of a case (case_files) with a correction noted in each language's: what a
    change to a published communiqué needs (the record is permanent)."""
    original = original.replace(
        "status: referred-to-prosecutor\n",
        f"status: referred-to-prosecutor\nupdates:\n  - at: {at}\n    kind: minor\n"
        "    note: تصحيح خطأ مادي.\n",
    )
    return case_files(case_id, original, translation, each=noted(at))


def fresh_build(site, **settings):
    """A build in a new process (fresh_build.py): its plugins connect in the order of PLUGINS."""
    script = Path(__file__).resolve().parent / "fresh_build.py"
    done = subprocess.run(
        [sys.executable, str(script), str(site.root), json.dumps(settings)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def read_index(content, tmp_path, settings=None):
    """The index of a site's content (`content` folder), read and checked as the build reads
    it, at the tests' now, with the tests' sites' settings (or `settings`, e.g. the demo's);
    the problems must be none."""
    from communiques_site.communiques.loading import load

    settings = (settings or site_settings)(
        PATH=str(content),
        CACHE_PATH=str(Path(tmp_path) / "cache"),
        COMMUNIQUES={"now": "2026-11-28T12:00+01:00"},
    )
    index, problems = load(settings)
    assert not problems, [str(p) for p in problems.sorted()]
    return index


def feed_path(kind, key):
    """A feed's path under /{lang}/feeds/, without its extension: `all`, `cities/tanger`."""
    return kind if key is None else f"{kind}/{key}"


def every_feed(registries):
    """The path of every feed of a site's registries, beat by beat (feeds.beats.BEATS): the
    tests take the beats from there, so that a new beat is tested as the others are."""
    from communiques_site.feeds import beats

    return [feed_path(beat.kind, key) for beat in beats.BEATS for key in beat.keys(registries)]


def feeds_of_case(case, logs=("changes",)):
    """The paths of the feeds in which `case` is an entry: those of the beats that list it
    (beats.of_case), and the logs (beats without `of_case`) whose entries are among `logs`:
    `changes` has every publication, `updates` the major updates and withdrawals."""
    from communiques_site.feeds import beats

    listed = [feed_path(kind, key) for kind, key in beats.of_case(case)]
    return [*listed, *(b.kind for b in beats.BEATS if b.of_case is None and b.entries in logs)]


@contextmanager
def written():
    """The files a build writes into its staging folder (published in place, the files it
    keeps are not there), as the seal stage leaves them."""
    found: list[str] = []

    def watch(stage, moment, build):
        if (stage, moment) == ("seal", "end"):
            root = Path(build.output_path)
            found.extend(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())

    stages.watchers.append(watch)
    try:
        yield found
    finally:
        stages.watchers.remove(watch)


SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(site):
    """Every address of a built site's sitemap, read as a crawler does, through its index:
    {part's path: {loc: {hreflang: href}}}. Each address in one part only."""
    from urllib.parse import urlparse

    import lxml.etree

    index = lxml.etree.parse(str(Path(site) / "sitemap.xml")).getroot()
    assert index.tag == f"{{{SITEMAP['s']}}}sitemapindex"
    parts, seen = {}, set()
    for loc in index.xpath("s:sitemap/s:loc/text()", namespaces=SITEMAP):
        path = urlparse(loc).path
        root = lxml.etree.parse(str(Path(site) / path.lstrip("/"))).getroot()
        assert root.tag == f"{{{SITEMAP['s']}}}urlset", path
        entries = {}
        for url in root.xpath("s:url", namespaces=SITEMAP):
            address = url.findtext("s:loc", namespaces=SITEMAP)
            assert address not in seen, address
            seen.add(address)
            entries[address] = {
                link.get("hreflang"): link.get("href")
                for link in url.xpath("x:link[@rel='alternate']", namespaces=SITEMAP)
            }
        parts[path] = entries
    return parts


def sitemap_addresses(site):
    """{loc: {hreflang: href}} of every part of the sitemap."""
    return {loc: links for part in sitemap(site).values() for loc, links in part.items()}
