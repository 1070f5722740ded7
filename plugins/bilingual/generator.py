"""Renders both languages of the site from the one index of cases."""

import logging
import os
from pathlib import Path

import jinja2
from markupsafe import Markup
from pelican.generators import Generator

from communiques.problems import ContentError, Problems
from communiques.settings import merged

from . import sitemap, urls
from .i18n import DIRECTIONS, Formats, fast_gettext, load_translations
from .labels import LABELS
from .pages import load_pages
from .pagination import paginate
from .parallel import Job, render_all
from .reuse import PageReuse

logger = logging.getLogger(__name__)

DEFAULTS = {
    "languages": ("ar", "fr"),
    "page_size": 20,  # communiqués per page of a listing
    "pages": "pages",  # under PATH: the site's own pages
    "required_pages": ("about",),  # linked from every page: the build needs them
    "workers": min(2, os.cpu_count() or 1),  # processes that render pages
    "parallel_from": 400,  # fewer pages than this render in one process: forking costs more
}


def config(settings):
    """The plugin's settings merged with their defaults."""
    return merged(settings, "BILINGUAL", DEFAULTS)


class SiteGenerator(Generator):
    """Every HTML page of both languages, the landing page, the sitemap and robots.txt."""

    def generate_context(self):
        self.conf = config(self.settings)
        problems = Problems()
        content = Path(self.settings["PATH"]).resolve()
        self.pages = load_pages(
            content / self.conf["pages"],
            problems,
            lambda p: str(Path(p).resolve().relative_to(content.parent)),
        )
        for slug in self.conf["required_pages"]:
            self.pages.setdefault(slug, {})
        folder = content / self.conf["pages"]
        for slug, by_lang in self.pages.items():
            for lang in self.conf["languages"]:
                if lang not in by_lang and not (folder / f"{slug}.{lang}.md").exists():
                    problems.add(
                        f"{content.name}/{self.conf['pages']}/{slug}.{lang}.md",
                        1,
                        "file",
                        "is missing; every page exists in both languages: write this one's text",
                    )
        if problems:
            raise ContentError(problems)

    def _environment(self, lang):
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(Path(self.theme) / "templates")),
            extensions=["jinja2.ext.i18n"],
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,  # one build: no need to stat every template at every page
        )
        translations = load_translations(self.theme, lang)
        env.install_gettext_translations(translations, newstyle=True)
        env.globals["_"] = env.globals["gettext"] = fast_gettext(translations)
        formats = Formats(lang)
        env.filters.update(
            date=formats.date,
            short_date=formats.short_date,
            time=formats.time,
            when=formats.when,
            hours=formats.hours,
            years=formats.years,
            join_list=formats.join,
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
            FEED_TYPES=self.context.get("feed_types", {}),
            has_feeds="feeds" in self.context,
            formats=formats,
            stats=self.context.get("stats"),
            stats_definitions=self.context.get("stats_definitions", {}),
            stats_charts=self.context.get("stats_charts"),
            anchor=lambda figure: "def-" + figure.replace("_", "-"),
        )
        return env

    # Output: a list of pages to render (jobs), rendered here or, when large, by forked workers.

    def generate_output(self, writer):
        index = self.context["communiques"]
        # Made here, once every generator has put what the pages show into the context.
        self.environments = {lang: self._environment(lang) for lang in self.conf["languages"]}
        self.feeds = {
            (feed.lang, feed.kind, feed.key): (feed, title, description)
            for feeds in self.context.get("feeds", {}).values()
            for feed, title, description in feeds
        }
        self.feed_links = {key: self._feed_links(*item) for key, item in self.feeds.items()}
        self.reuse = PageReuse(
            self.settings, self.theme, self.settings.get("PUBLISHED_OUTPUT"), self.output_path
        )
        jobs = []
        for lang in self.conf["languages"]:
            jobs.extend(self._language(lang, index))
        jobs.append(Job(None, "landing.html", urls.landing(), self._each(urls.home), {}))
        jobs.append(Job(None, "404.html", "/404.html", None, {}))
        render_all(jobs, self._render, self.conf["workers"], self.conf["parallel_from"])
        self.reuse.save()
        written = [(job.url, job.alternates) for job in jobs if job.url.endswith("/")]
        sitemap.write(self.output_path, self.settings["SITEURL"], written)
        logger.info("bilingual: wrote %d pages", len(jobs))

    def _feed_links(self, feed, title, description):
        """A feed's autodiscovery links, written once: many pages announce the same feed."""
        siteurl = self.settings["SITEURL"].rstrip("/")
        types = self.context.get("feed_types", {})
        return Markup("").join(
            Markup('<link rel="alternate" type="{}" href="{}" title="{} ({})">\n').format(
                media_type, siteurl + feed.url(fmt), title, fmt.upper()
            )
            for fmt, media_type in sorted(types.items())
        )

    def _feeds(self, lang, *beats):
        """The feeds a page is about (autodiscovery); always the language's whole feed."""
        keys = [(lang, "all", None), *((lang, kind, key) for kind, key in beats)]
        return Markup("").join(self.feed_links[key] for key in keys if key in self.feed_links)

    def _case_feeds(self, lang, case):
        beats = [("cities", case.city), ("types", case.type)]
        return self._feeds(lang, *beats, *(("offences", key) for key in case.offences))

    def _each(self, url_for, *args):
        return {lang: url_for(lang, *args) for lang in self.conf["languages"]}

    def _language(self, lang, index):
        size = self.conf["page_size"]
        each = self._each
        for page in paginate(index.listed, size, lambda n: urls.home(lang, n)):
            yield Job(lang, "home.html", page.url, each(urls.home, page.number), {"page": page})
        for case in index.cases:
            yield Job(
                lang,
                "communique.html",
                urls.communique(lang, case.id),
                each(urls.communique, case.id),
                {"case": case, "text": case.texts[lang], "feeds": self._case_feeds(lang, case)},
                self.reuse.digest(urls.communique(lang, case.id), case.digest),
            )
        yield from self._registry_pages(
            lang, "cities", "city", index.by_city, urls.cities, urls.city
        )
        yield from self._registry_pages(
            lang, "offences", "offence", index.by_offence, urls.offences, urls.offence
        )
        for slug, by_lang in self.pages.items():
            yield Job(
                lang,
                "page.html",
                urls.page(lang, slug),
                each(urls.page, slug),
                {"page": by_lang[lang]},
            )
        yield Job(
            lang,
            "translations.html",
            urls.translations(lang),
            each(urls.translations),
            {"stale": index.stale},
        )
        for template, url_for, context in self.context.get("site_pages", []):
            yield Job(lang, template, url_for(lang), each(url_for), dict(context))
        if self.feeds:
            listed = [item for key, item in self.feeds.items() if key[0] == lang]
            yield Job(
                lang,
                "feeds.html",
                urls.feeds(lang),
                each(urls.feeds),
                {
                    "listed": listed,
                    "feeds": self._feeds(lang, ("updates", None)),
                    "feed_size": self.context["feed_size"],
                    "feed_rights": self.context["feed_rights"],
                    "example": index.listed[0] if index.listed else None,
                },
            )

    def _registry_pages(self, lang, kind, one, cases_by_key, index_url, url_for):
        """The index of a registry (cities, offences) and each entry's paginated listing."""
        entries = self.context["communiques"].registries[kind]
        counts = {key: len(cases_by_key.get(key, ())) for key in entries}
        ordered = sorted(entries.values(), key=lambda entry: entry.name[lang])
        yield Job(
            lang,
            f"{kind}.html",
            index_url(lang),
            self._each(index_url),
            {kind: ordered, "counts": counts},
        )
        for key, entry in entries.items():
            cases = cases_by_key.get(key, [])
            pages = paginate(cases, self.conf["page_size"], lambda n, k=key: url_for(lang, k, n))
            for page in pages:
                yield Job(
                    lang,
                    f"{one}.html",
                    page.url,
                    self._each(url_for, key, page.number),
                    {one: entry, "page": page, "feeds": self._feeds(lang, (kind, key))},
                )

    def _render(self, job):
        if job.digest and self.reuse.link(job.url, job.digest):
            return
        env = self.environments[job.lang or self.conf["languages"][0]]
        context = {"feeds": self._feeds(job.lang) if job.lang else Markup("")}
        context.update(job.context)
        html = env.get_template(job.template).render(
            url=job.url, alternates=job.alternates, **context
        )
        path = Path(self.output_path) / urls.output_file(job.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


def get_generators(pelican):
    return SiteGenerator
