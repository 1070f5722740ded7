"""Every HTML page of every language: registered in the derive stage (the site's own, and
those other plugins add), rendered in the render stage, then the sitemap."""

import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, cast

import jinja2
from markupsafe import Markup

from communiques_site.communiques.model import Case
from communiques_site.communiques.registry import City, Entry, Kind
from communiques_site.communiques.settings import CommuniquesOptions
from communiques_site.core import routes, stages
from communiques_site.core.assets import Routes
from communiques_site.core.forking import fork_map
from communiques_site.core.i18n import ZONE, Formats, fast_gettext
from communiques_site.core.labels import LABELS, N_
from communiques_site.core.languages import Language
from communiques_site.core.stages import Build, NavEntry, Page, Subject

from . import collation, descriptions, pages, sitemap
from .digests import describe, page_digest
from .pages import load_pages
from .pagination import Cuts, paginate
from .pagination import Page as ListingPage
from .settings import BilingualOptions

logger = logging.getLogger(__name__)


def site_pages(
    content: Path, conf: BilingualOptions, build: Build
) -> dict[str, dict[str, pages.Page]]:
    """{slug: {lang: pages.Page}}, every required page in every language."""
    root = content.parent
    folder = content / conf.pages
    pages = load_pages(folder, build.problems, lambda p: str(Path(p).resolve().relative_to(root)))
    for slug in conf.required_pages:
        pages.setdefault(slug, {})
    for slug, by_lang in pages.items():
        for language in build.languages:
            name = f"{slug}.{language.code}.md"
            if language.code not in by_lang and not (folder / name).exists():
                build.problems.add(
                    f"{content.name}/{conf.pages}/{name}",
                    1,
                    "file",
                    f"is missing; every page exists in every language of the site "
                    f"({language.english} too): write this one's text",
                )
    return pages


NAV = (
    NavEntry(0, N_("Latest"), routes.home),
    NavEntry(10, N_("Cities"), routes.cities),
    NavEntry(15, N_("Offences"), routes.offences),
    NavEntry(50, N_("Changes"), routes.changes),
    NavEntry(90, N_("About"), lambda lang: routes.page(lang, "about")),
)


def register_pages(build: Build) -> None:
    """The site's own pages: listings, communiqués, registries, site pages, landing, 404."""
    conf, index = build.options[BilingualOptions], build.index
    build.nav.extend(NAV)
    # The same for every language: computed once. Listings are cut over every published case,
    # withdrawn ones included, so that a withdrawal moves no page (pagination.py).
    # Each case's month once (a time zone conversion: 400,000 of them at 50,000 cases when
    # every listing and sitemap part asked again).
    month = build.state["case-months"] = {case.id: month_of(case) for case in index.cases}
    months, changes = months_of(index.listed, month), changes_of(index.cases)
    # The listings' parts as the published site froze them: a communiqué dated in the past
    # joins the part of its dates and moves no other page (pagination.py).
    cuts = build.state["listing-parts"] = Cuts(build.published_path)
    size = conf.page_size
    every_by_city: dict[str, list[Case]] = {}
    every_by_offence: dict[str, list[Case]] = {}
    for case in index.cases:
        every_by_city.setdefault(case.city, []).append(case)
        for key in case.offences:
            every_by_offence.setdefault(key, []).append(case)
    home_parts = cuts.parts("home", index.cases, size, case_key)
    by_city = _registry_counts(index.registries["cities"], every_by_city, month)
    by_offence = _registry_counts(index.registries["offences"], every_by_offence, month)
    for language in build.languages:
        lang = language.code
        for page in paginate(home_parts, size, partial(routes.home, lang), _listed):
            build.add_page(
                Page(
                    lang,
                    "home.html",
                    page.url,
                    build.each(routes.home, page.number),
                    {
                        "page": page,
                        "meta_description": descriptions.of_listing(descriptions.SITE, page),
                    },
                    subjects=(("home", None),) if page.number is None else (),
                )
            )
        for case in index.cases:
            build.add_page(
                Page(
                    lang,
                    "communique.html",
                    routes.communique(lang, case.id),
                    build.each(routes.communique, case.id),
                    {"case": case, "text": case.texts[lang]},
                    "",  # made at render (_with_digest), once every plugin has derived
                    # Its feeds (city, type, offences…) are the feeds plugin's to say.
                    (("communiques", case.id),),
                )
            )
        _registry_pages(
            build, lang, "cities", "city", every_by_city, by_city, routes.cities, routes.city
        )
        _registry_pages(
            build,
            lang,
            "offences",
            "offence",
            every_by_offence,
            by_offence,
            routes.offences,
            routes.offence,
        )
        _archive_pages(build, lang, months)
        _changes_pages(build, lang, changes)
        for slug, by_lang in build.state["bilingual"].items():
            build.add_page(
                Page(
                    lang,
                    "page.html",
                    routes.page(lang, slug),
                    build.each(routes.page, slug),
                    {"page": by_lang[lang]},
                )
            )
        if build.options[CommuniquesOptions].preview:
            build.add_page(
                Page(
                    lang,
                    "press-office.html",
                    routes.press_office(lang),
                    build.each(routes.press_office),
                    {
                        "index": index,
                        "meta_description": descriptions.Description(descriptions.PRESS_OFFICE),
                    },
                )
            )
        build.add_page(
            Page(
                lang,
                "translations.html",
                routes.translations(lang),
                build.each(routes.translations),
                {
                    "stale": index.stale,
                    "meta_description": descriptions.Description(descriptions.TRANSLATIONS),
                },
            )
        )
    build.add_page(Page(None, "landing.html", routes.landing(), build.each(routes.home)))
    build.add_page(Page(None, "404.html", routes.not_found(), {}))


# Templates that show nothing but their context, the registries and the theme, so that their
# pages can be reused (digests.py). A city's own page also shows what other plugins give the
# templates about the city (its figures and charts): their page inputs join its digest.
SELF_CONTAINED = {"home.html", "offence.html", "changes.html", "archive.html", "page.html"}


def _with_digest(build: Build, page: Page, seen: dict[int, str]) -> Page:
    if page.digest:
        return page
    context = page.context
    if page.template == "communique.html":
        # What other plugins show of this communiqué on its page (its share images, its code)
        # joins its digest; of its own subject only, not of its city's (the city's figures).
        assert page.lang is not None
        shown = describe(build.inputs_for(page.lang, page.subjects))
        digest = build.outputs.digest("communique", page.url, context["case"].digest, shown)
        return replace(page, digest=digest)
    if page.template == "city.html" and context["page"].number is None:
        assert page.lang is not None  # a city's page is in one language
        context = {**context, "inputs": build.inputs_for(page.lang, page.subjects)}
    elif page.template not in SELF_CONTAINED and page.template != "city.html":
        return page
    digest = page_digest(build.outputs, page.template, page.url, page.alternates, context, seen)
    return replace(page, digest=digest)


def _sitemap_part(build: Build, page: Page) -> str:
    """A communiqué's page goes in its month's part of the sitemap, every other in `pages`."""
    if page.template != "communique.html":
        return "pages"
    year, month = build.state["case-months"][dict(page.subjects)["communiques"]]
    return f"communiques/{year:04d}-{month:02d}"


def _listed(case: Case) -> bool:
    return case.listed


def months_of(
    cases: Iterable[Case], month: Mapping[str, tuple[int, int]]
) -> dict[tuple[int, int], list[Case]]:
    """{(year, month): cases newest first}, by the month of publication in Moroccan time (as
    the statistics count them), newest month first; `month`: each case's (month_of)."""
    months: dict[tuple[int, int], list[Case]] = {}
    for case in cases:
        months.setdefault(month[case.id], []).append(case)
    return dict(sorted(months.items(), reverse=True))


def month_of(case: Case) -> tuple[int, int]:
    """(year, month) of the case's publication in Moroccan time: its archive and sitemap part."""
    local = case.published.astimezone(ZONE)
    return local.year, local.month


def _archive_pages(build: Build, lang: str, months: Mapping[tuple[int, int], list[Case]]) -> None:
    """The month pages (stable URLs: a month's page never moves) and their index."""
    formats = Formats(build.languages[lang])
    build.add_page(
        Page(
            lang,
            "archives.html",
            routes.archives(lang),
            build.each(routes.archives),
            {"months": months},
        )
    )
    keys = list(months)
    for position, ((year, month), cases) in enumerate(months.items()):
        newer = keys[position - 1] if position > 0 else None
        older = keys[position + 1] if position + 1 < len(keys) else None
        by_city = _by_city(cases, build.index.registries["cities"], build.languages[lang])
        build.add_page(
            Page(
                lang,
                "archive.html",
                routes.archive(lang, year, month),
                build.each(routes.archive, year, month),
                {
                    "year": year,
                    "month": month,
                    "cases": cases,
                    "by_city": by_city,
                    "newer": newer,
                    "older": older,
                    "meta_description": descriptions.Description(
                        descriptions.MONTH, {"month": formats.month_name(year, month)}
                    ),
                },
            )
        )


CHANGES_PAGE_SIZE = 100


@dataclass(frozen=True)
class Change:
    """One line of the public log: a case published, updated, corrected or withdrawn."""

    at: datetime
    kind: str  # published | update | correction | withdrawn
    case: Case
    note: dict[str, str] | None = None  # language -> note or reason
    status: str | None = None

    def described(self) -> str:
        """Its text for the digest of the pages that list it (digests.describe): every field,
        its case as the digest of its files, without the generic path (some 13,000 changes
        in a build at 10,000 cases)."""
        case, note = self.case, describe(self.note)
        at = self.at.isoformat()
        return f"Change {at} {self.kind} {case.id} {case.digest} {note} {self.status!r}"


def changes_of(cases: Iterable[Case]) -> list[Change]:
    """The record of every published case, newest first (withdrawn cases included)."""
    changes = []
    for case in cases:
        changes.append(Change(case.published, "published", case))
        for update in case.updates:
            kind = "update" if update.kind == "major" else "correction"
            changes.append(Change(update.at, kind, case, update.note, update.status))
        if case.withdrawn:
            changes.append(Change(case.withdrawn.at, "withdrawn", case, case.withdrawn.reason))
    return sorted(changes, key=change_key, reverse=True)


def case_key(case) -> tuple:
    """A communiqué's place in a listing: the order of the index (model: published, id)."""
    return (case.published.timestamp(), case.id)


def change_key(change: Change) -> tuple:
    return (change.at.timestamp(), change.case.id, change.kind)


def _changes_pages(build: Build, lang: str, changes: Sequence[Change]) -> None:
    cut_parts = build.state["listing-parts"].parts(
        "changes", changes, CHANGES_PAGE_SIZE, change_key
    )
    pages = paginate(cut_parts, CHANGES_PAGE_SIZE, lambda n: routes.changes(lang, n))
    for page in pages:
        build.add_page(
            Page(
                lang,
                "changes.html",
                page.url,
                build.each(routes.changes, page.number),
                {"page": page},
                subjects=(("changes", None),),
            )
        )


def _by_city(
    cases: Iterable[Case], cities: Mapping[str, Entry], language: Language
) -> list[tuple[str, list[Case]]]:
    """[(city, its cases)], the cities in the language's alphabetical order."""
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(case.city, []).append(case)
    return collation.collated(
        groups.items(), language, lambda item: cities[item[0]].name[language.code]
    )


# The descriptions of a registry's index and of each entry's page.
REGISTRY_DESCRIPTIONS = {
    "cities": (descriptions.CITIES, descriptions.CITY),
    "offences": (descriptions.OFFENCES, descriptions.OFFENCE),
}


def _entry_description(
    kind: str, entry: Entry, lang: str, page: ListingPage
) -> descriptions.Description:
    """A city's page names its region too: two cities may share a name, not a region."""
    message = REGISTRY_DESCRIPTIONS[kind][1]
    if isinstance(entry, City):  # the entries of "cities"
        return descriptions.of_listing(
            message, page, city=entry.name[lang], region=entry.region[lang]
        )
    return descriptions.of_listing(message, page, offence=entry.name[lang])


def _registry_counts(
    entries: Mapping[str, Any],
    cases_by_key: Mapping[str, list[Case]],
    month: Mapping[str, tuple[int, int]],
) -> dict[str, tuple[int, dict[tuple[int, int], int]]]:
    """{key: (its listed cases, {month: how many})} of a registry: the same in every language,
    counted once."""
    counted = {}
    for key in entries:
        listed = [case for case in cases_by_key.get(key, ()) if case.listed]
        months = {when: len(of_month) for when, of_month in months_of(listed, month).items()}
        counted[key] = (len(listed), months)
    return counted


def _registry_pages(
    build: Build,
    lang: str,
    kind: Kind,
    one: str,
    cases_by_key: Mapping[str, list[Case]],
    counted: Mapping[str, tuple[int, dict[tuple[int, int], int]]],
    index_route: Callable[..., str],
    route: Callable[..., str],
) -> None:
    """The index of a registry (cities, offences) and each entry's paginated listing."""
    entries = build.index.registries[kind]
    counts = {key: counted[key][0] for key in entries}
    ordered = collation.collated(
        entries.values(), build.languages[lang], lambda entry: entry.name[lang]
    )
    build.add_page(
        Page(
            lang,
            f"{kind}.html",
            index_route(lang),
            build.each(index_route),
            {
                kind: ordered,
                "counts": counts,
                "meta_description": descriptions.Description(REGISTRY_DESCRIPTIONS[kind][0]),
            },
        )
    )
    size = build.options[BilingualOptions].page_size
    for key, entry in entries.items():
        cases = cases_by_key.get(key, [])
        # The months of the entry's cases: links to its part of each month's archive page.
        months = counted[key][1]
        cut_parts = build.state["listing-parts"].parts(f"{kind}/{key}", cases, size, case_key)
        for page in paginate(cut_parts, size, partial(route, lang, key), _listed):
            build.add_page(
                Page(
                    lang,
                    f"{one}.html",
                    page.url,
                    build.each(route, key, page.number),
                    {
                        one: entry,
                        "page": page,
                        # On the entry's own page only: the numbered ones never change.
                        "months": months if page.number is None else {},
                        "meta_description": _entry_description(kind, entry, lang, page),
                    },
                    subjects=((kind, key),),
                )
            )


ENVIRONMENT: dict[str, Any] = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "undefined": jinja2.StrictUndefined,
    "auto_reload": False,  # one build: no need to stat every template at every page
}


def compiled_templates(cache: str) -> jinja2.FileSystemBytecodeCache:
    """The templates compiled by earlier builds (Jinja checks each against its source): a
    publication renders a few pages of a dozen templates, and compiling them cost more than
    rendering. The folder is named by what the compiled code depends on beyond the source."""
    # newstyle gettext (installed below) changes the code compiled for {% trans %} too.
    made_with = f"{jinja2.__version__} newstyle {sorted(ENVIRONMENT.items(), key=str)}"
    name = hashlib.blake2b(made_with.encode(), digest_size=6).hexdigest()
    folder = Path(cache) / f"templates-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


class Renderer:
    """One Jinja environment per language; renders (or reuses) and writes pages."""

    def __init__(self, build: Build) -> None:
        self.build = build
        self.output = Path(build.output_path)
        self.compiled = compiled_templates(build.settings.get("CACHE_PATH", "cache"))
        self.environments = {
            language.code: self._environment(language) for language in build.languages
        }
        # (lang, subjects) -> Markup: many pages announce the same feeds
        self.head: dict[tuple[str, tuple[Subject, ...]], Markup] = {}

    def _environment(self, language: Language) -> jinja2.Environment:
        build, lang = self.build, language.code
        theme = Path(build.settings["THEME"])
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(theme / "templates")),
            bytecode_cache=self.compiled,
            **ENVIRONMENT,
        )
        translations = build.catalogs[lang]
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        env.globals["_"] = env.globals["gettext"] = fast_gettext(translations)
        formats = Formats(language)
        env.filters.update(
            date=formats.date,
            short_date=formats.short_date,
            time=formats.time,
            when=formats.when,
            hours=formats.hours,
            years=formats.years,
            join_list=formats.join,
            collate=collation.template_filter(language),
            number=formats.number,
            iso=lambda moment: moment.isoformat(),
        )
        index = build.index
        env.globals.update(build.context)  # what the other plugins give the templates
        env.globals.update(
            lang=lang,
            language=language,
            dir=language.direction,
            languages=build.languages,
            routes=Routes(build.assets),
            labels=LABELS,
            registries=index.registries,
            name=lambda kind, key: index.registries[kind][key].name[lang],
            SITEURL=build.settings["SITEURL"].rstrip("/"),
            nav=sorted(build.nav, key=lambda item: item[0]),
            plugins=stages.enabled(build.settings),
            formats=formats,
            in_language=self._in_language,
            footer_pages=self._footer_pages,
        )
        return env

    def _footer_pages(self, code: str) -> list[tuple[str, str]]:
        """[(URL, title)] of the pages linked from every page (required_pages), in a language;
        a function of the language: the landing page's footer speaks every language."""
        pages = self.build.state["bilingual"]
        return [
            (routes.page(code, slug), pages[slug][code].title)
            for slug in self.build.options[BilingualOptions].required_pages
        ]

    def _in_language(self, code: str) -> Callable[..., Markup]:
        """The gettext of another language, for the pages that speak every language."""
        return cast("Callable[..., Markup]", self.environments[code].globals["_"])

    def head_links(self, lang: str, subjects: tuple[tuple[str, str | None], ...]) -> Markup:
        key = (lang, subjects)
        if key not in self.head:
            self.head[key] = Markup("").join(self.build.links_for(lang, subjects))
        return self.head[key]

    def render(self, page: Page) -> None:
        build = self.build
        env = self.environments[page.lang or build.languages.default.code]
        context = {
            "head_links": self.head_links(page.lang, page.subjects) if page.lang else Markup("")
        }
        context.update(page.context)
        html = env.get_template(page.template).render(
            url=page.url, alternates=page.alternates, **context
        )
        path = self.output / routes.output_file(page.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


def render_pages(build: Build) -> None:
    # Digests are made here, once every plugin has derived: a city's page is judged by the
    # figures the statistics register for it, whatever the order of PLUGINS.
    seen: dict[int, str] = {}
    build.pages[:] = [_with_digest(build, page, seen) for page in build.pages]
    conf = build.options[BilingualOptions]
    renderer = Renderer(build)
    outputs = build.outputs
    reused, made = {}, []
    for page in build.pages:
        name = routes.output_file(page.url)
        if page.digest and outputs.expect(name, page.digest):
            reused[name] = page
        else:
            made.append(page)
    # A page that could not be linked (removed from the published site by hand) is rendered.
    made += [reused[name] for name in outputs.link_all(reused)]
    workers = conf.workers if len(made) >= conf.parallel_from else 1
    fork_map(renderer.render, made, workers)
    listed = [
        (_sitemap_part(build, page), (page.url, page.alternates))
        for page in build.pages
        if page.url.endswith("/") and page.lang
    ]
    listed.append(("pages", (routes.landing(), build.each(routes.home))))
    sitemap.write(build.output_path, build.settings["SITEURL"], listed, build.languages, outputs)
    build.state["listing-parts"].write(build.output_path)
    logger.info("bilingual: %d pages, %d rendered", len(build.pages), len(made))
