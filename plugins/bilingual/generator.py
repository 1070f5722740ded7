"""Renders both languages of the site from the one index of cases."""

import logging
from pathlib import Path

import jinja2
from pelican.generators import Generator

from communiques.problems import ContentError, Problems

from . import sitemap, urls
from .i18n import DIRECTIONS, Formats, load_translations
from .labels import LABELS
from .pages import load_pages
from .pagination import paginate

logger = logging.getLogger(__name__)

DEFAULTS = {
    "languages": ("ar", "fr"),
    "page_size": 20,  # communiqués per page of a listing
    "pages": "pages",  # under PATH: the site's own pages
}


def config(settings):
    merged = dict(DEFAULTS, **settings.get("BILINGUAL", {}))
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"bilingual: unknown settings {sorted(unknown)}")
    return merged


class SiteGenerator(Generator):
    """Every HTML page of both languages, the landing page, the sitemap and robots.txt."""

    def generate_context(self):
        self.conf = config(self.settings)
        problems = Problems()
        content = Path(self.settings["PATH"]).resolve()
        self.pages = load_pages(
            content / self.conf["pages"],
            self.settings.get("CACHE_PATH", "cache"),
            problems,
            lambda p: str(Path(p).resolve().relative_to(content.parent)),
        )
        for slug, by_lang in self.pages.items():
            for lang in self.conf["languages"]:
                if lang not in by_lang:
                    problems.add(
                        f"{content.name}/{self.conf['pages']}/{slug}.{lang}.md",
                        1,
                        "file",
                        "is missing; every page exists in both languages",
                    )
        if problems:
            raise ContentError(problems)
        self.environments = {lang: self._environment(lang) for lang in self.conf["languages"]}
        self.written = []  # URLs of the HTML pages, for the sitemap

    def _environment(self, lang):
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(Path(self.theme) / "templates")),
            extensions=["jinja2.ext.i18n"],
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        env.install_gettext_translations(load_translations(self.theme, lang), newstyle=True)
        formats = Formats(lang)
        env.filters.update(
            date=formats.date,
            short_date=formats.short_date,
            time=formats.time,
            hours=formats.hours,
            years=formats.years,
            number=formats.number,
            iso=lambda moment: moment.isoformat(),
        )
        index = self.context["communiques"]
        env.globals.update(
            lang=lang,
            dir=DIRECTIONS[lang],
            languages=self.conf["languages"],
            urls=urls,
            labels=LABELS,
            registries=index.registries,
            name=lambda kind, key: index.registries[kind][key].name[lang],
            SITEURL=self.settings["SITEURL"].rstrip("/"),
            DIRECTIONS=DIRECTIONS,
        )
        return env

    # Output

    def generate_output(self, writer):
        index = self.context["communiques"]
        for lang in self.conf["languages"]:
            self._language(lang, index)
        self._write(None, "landing.html", urls.landing(), alternates=self._each(urls.home))
        self._write(None, "404.html", "/404.html", alternates=None)
        sitemap.write(self.output_path, self.settings["SITEURL"], self.written)
        logger.info("bilingual: wrote %d pages", len(self.written))

    def _each(self, url_for, *args):
        return {lang: url_for(lang, *args) for lang in self.conf["languages"]}

    def _language(self, lang, index):
        size = self.conf["page_size"]
        for page in paginate(index.listed, size, lambda n: urls.home(lang, n)):
            self._write(
                lang,
                "home.html",
                page.url,
                alternates=self._each(urls.home, page.number),
                page=page,
            )
        for case in index.cases:
            self._write(
                lang,
                "communique.html",
                urls.communique(lang, case.id),
                alternates=self._each(urls.communique, case.id),
                case=case,
                text=case.texts[lang],
            )
        cities = index.registries["cities"]
        self._write(
            lang,
            "cities.html",
            urls.cities(lang),
            alternates=self._each(urls.cities),
            cities=sorted(cities.values(), key=lambda c: c.name[lang]),
            counts={key: len(index.by_city.get(key, ())) for key in cities},
        )
        for key, city in cities.items():
            cases = index.by_city.get(key, [])
            for page in paginate(cases, size, lambda n, k=key: urls.city(lang, k, n)):
                self._write(
                    lang,
                    "city.html",
                    page.url,
                    alternates=self._each(urls.city, key, page.number),
                    city=city,
                    page=page,
                )
        offences = index.registries["offences"]
        self._write(
            lang,
            "offences.html",
            urls.offences(lang),
            alternates=self._each(urls.offences),
            offences=sorted(offences.values(), key=lambda o: o.name[lang]),
            counts={key: len(index.by_offence.get(key, ())) for key in offences},
        )
        for key, offence in offences.items():
            cases = index.by_offence.get(key, [])
            for page in paginate(cases, size, lambda n, k=key: urls.offence(lang, k, n)):
                self._write(
                    lang,
                    "offence.html",
                    page.url,
                    alternates=self._each(urls.offence, key, page.number),
                    offence=offence,
                    page=page,
                )
        for slug, by_lang in self.pages.items():
            self._write(
                lang,
                "page.html",
                urls.page(lang, slug),
                alternates=self._each(urls.page, slug),
                page=by_lang[lang],
            )
        self._write(
            lang,
            "translations.html",
            urls.translations(lang),
            alternates=self._each(urls.translations),
            stale=index.stale,
        )

    def _write(self, lang, template, url, alternates, **context):
        env = self.environments[lang or self.conf["languages"][0]]
        html = env.get_template(template).render(url=url, alternates=alternates, **context)
        path = Path(self.output_path) / urls.output_file(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        if url.endswith("/"):
            self.written.append((url, alternates))


def get_generators(pelican):
    return SiteGenerator
