"""The build as a short, visible sequence of stages, and the registries plugins fill.

    start ─ every plugin's settings checked and read into build.options, the staging folder made
      │
    read ──────── the content model reads and validates every file into the index
      │           (every problem of the build is reported together, then the build stops)
    derive ────── capabilities compute from the index once: feeds, figures, open data;
      │           they register pages, head links, menu entries and template context
    render ────── every registered page is written into the staging folder, and the feeds'
      │           and statistics' files
    before swap ─ every page is written (in place: the staging folder holds the new and changed
      │           files): the theme's fingerprinted names (before the signal), the search bundles
    seal ──────── every file is written: compress makes the compressed copies; then the core
      │           writes the manifest, the inventory and what changed (core.pipeline.finish)
    swap ──────── the changed files go live one by one in dependency order (core.inplace), or,
                  for a first build or a forced one, the whole new tree in one step

Plugins connect to these signals in their `register()`; the core sends them in this order.
Within a stage, receivers run in the order of the build's PLUGINS (`ordered`: blinker's own
order is none), but a plugin must not depend on another's receiver of the same stage having
run: the digests of pages are made at the start of render, once every plugin has derived.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple, Protocol, TypedDict

from blinker import NamedSignal, signal

from .deflate import Deflated
from .i18n import Catalogs
from .languages import Languages
from .memo import Memo
from .outputs import Outputs
from .problems import Problems
from .settings import Options, Settings

declare = signal("core.declare")  # -> a settings Schema, at start-up
read = signal("core.read")
derive = signal("core.derive")
render = signal("core.render")
before_swap = signal("core.before_swap")
seal = signal("core.seal")


PACKAGE = __name__.split(".")[0]


def plugin_name(module: str) -> str:
    """A plugin's short name (`feeds`) from the name of any of its modules
    (`communiques_site.feeds.hooks`); a plugin outside the package is named by its top level."""
    return module.removeprefix(f"{PACKAGE}.").split(".")[0]


def enabled(settings: Settings) -> set[str]:
    """The short names of the plugins of this build (what templates test: "search" in plugins)."""
    return {plugin_name(getattr(p, "__name__", p)) for p in settings.get("PLUGINS") or ()}


class Sender(Protocol):
    """Pelican (at start-up) or the Build: what carries the build's settings."""

    @property
    def settings(self) -> Settings: ...


# Who follows a build as it runs: the build task's progress display, which is no plugin and
# must not take part. Each is called with (stage, "start" or "end", sender) around a stage.
watchers: list[Callable[[str, str, Any], None]] = []


def watch(name: str, moment: str, sender: Sender) -> None:
    """Tell the watchers that a stage (or the swap, which is no signal) starts or ends."""
    for watcher in watchers:
        watcher(name, moment, sender)


def send(stage: NamedSignal, sender: Sender) -> list[Any]:
    """Call the stage's receivers that belong to this build's plugins (the signals outlive a
    build: a plugin of an earlier build in the same process must not act in this one). The
    sender, Pelican or the Build, carries the build's settings."""
    name = stage.name.removeprefix("core.")
    watch(name, "start", sender)
    results = [receiver(sender) for receiver in ordered(stage, sender)]
    watch(name, "end", sender)
    return results


def ordered(stage: NamedSignal, sender: Sender) -> list[Callable[[Any], Any]]:
    """The stage's receivers of this build's plugins, in the order of PLUGINS, then of their
    modules and names. Blinker calls receivers in no set order (its sets of receiver ids
    follow their memory addresses): the order changed from one process to another, and with it
    what one receiver found of another's work."""
    plugins = [plugin_name(getattr(p, "__name__", p)) for p in sender.settings.get("PLUGINS") or ()]
    rank = {plugin: number for number, plugin in reversed(list(enumerate(plugins)))}

    def key(receiver: Callable[[Any], Any]) -> tuple[int, str, str]:
        qualname = getattr(receiver, "__qualname__", type(receiver).__qualname__)
        return rank[plugin_name(receiver.__module__)], receiver.__module__, qualname

    found = [r for r in stage.receivers_for(sender) if plugin_name(r.__module__) in rank]
    return sorted(found, key=key)


Subject = tuple[str, str | None]  # (kind, key) of what a page is about: ("communiques", id)
Route = Callable[..., str]  # core.routes: (lang, *keys) -> a URL


@dataclass(frozen=True)
class Page:
    """One HTML page in one language (or the language-neutral landing page: lang None)."""

    lang: str | None
    template: str
    url: str
    alternates: dict[str, str]  # language -> URL of the same page in that language
    context: dict[str, Any] = field(default_factory=dict)  # what its template reads
    digest: str = ""  # what the page depends on, when it can be reused from the published site
    subjects: tuple[Subject, ...] = ()  # what the page is about, for its head links


class NavEntry(NamedTuple):
    """An entry of the main menu: its place (smaller first), its label (a catalog message),
    the route of the page it opens in each language."""

    position: int
    label: str
    route: Route


# The head's links and metadata of a page in a language: (lang, subjects) -> markup strings.
HeadLinks = Callable[[str, tuple[Subject, ...]], Sequence[str]]
# What a plugin's template globals show about a page's subjects, for the digest of a page whose
# template reads them: (lang, subjects) -> a plain value (JSON), or None.
PageInputs = Callable[[str, tuple[Subject, ...]], object]


class Context(TypedDict, total=False):
    """What the plugins give the templates and each other, by name."""

    verification_code: Callable[[str], str]  # tlog: a case's code, "" when it has none
    share: object  # share.hooks.Shared: the images of each page, read by the templates
    # stats: its figures and what the templates need to show them (stats.hooks.derive)
    stats: object
    stats_definitions: object
    stats_titles: dict[str, str]
    stats_block: object
    stats_columns: object
    stats_charts: object
    anchor: Callable[[str], str]


@dataclass
class Build:
    """What one build knows and what its plugins contribute; made at start, gone at the end."""

    settings: dict[str, Any]
    languages: Languages
    output_path: str  # the staging folder
    published_path: str | None  # the live site, which pages may be reused from
    options: Options  # every plugin's settings, checked and typed: options[FeedsOptions]
    catalogs: Catalogs  # each language's gettext catalog, compiled once
    outputs: Outputs  # files reused from the published build
    problems: Problems = field(default_factory=Problems)  # those of the read stage
    # communiques.index.CaseIndex, once read: every plugin reads it, and the core, which may
    # not import the content model, holds it without knowing its type.
    index: Any = None
    pages: list[Page] = field(default_factory=list)
    head_links: list[HeadLinks] = field(default_factory=list)
    page_inputs: list[PageInputs] = field(default_factory=list)
    context: Context = field(default_factory=lambda: Context())
    nav: list[NavEntry] = field(default_factory=list)
    # Each plugin's own data between its stages, under its name: no other plugin reads it.
    state: dict[str, Any] = field(default_factory=dict)
    inputs: str = ""  # core.uptodate.key of this build, when its runner computed it
    expires: datetime | None = None  # the first moment its output is out of date (an embargo)
    assets: dict[str, str] = field(default_factory=dict)  # theme file -> fingerprinted name
    memos: dict[str, Memo] = field(default_factory=dict)  # by plugin and kind: see memo()
    # Files written with their compression made of parts (core.deflate), by path in the
    # staging folder: their gzip copy is that, not compressed again (compress).
    deflated: dict[str, Deflated] = field(default_factory=dict)

    def expire_at(self, moment: datetime | None) -> None:
        """The output is out of date at `moment` (when an embargoed communiqué comes out)."""
        if moment is not None and (self.expires is None or moment < self.expires):
            self.expires = moment

    def memo(self, name: str) -> Memo:
        """What a plugin derived from each item in earlier builds (core.memo), under `name`
        (its own: "share", "tlog-entries"); kept when the build is published."""
        if name not in self.memos:
            self.memos[name] = Memo(self.settings["CACHE_PATH"], name, self.outputs.base)
        return self.memos[name]

    def add_page(self, page: Page) -> None:
        self.pages.append(page)

    def links_for(self, lang: str, subjects: tuple[Subject, ...]) -> list[str]:
        """The head's links and metadata of a page, in an order that does not depend on the
        order of PLUGINS: by the module of the provider (feeds' links, then share's data)."""
        providers = sorted(self.head_links, key=_name)
        return [link for provider in providers for link in provider(lang, subjects)]

    def inputs_for(self, lang: str, subjects: tuple[Subject, ...]) -> list[object]:
        return [provider(lang, subjects) for provider in self.page_inputs]

    def each(self, route: Route, *args: object) -> dict[str, str]:
        """{language: URL} of one page in every language (its alternates)."""
        return {language.code: route(language.code, *args) for language in self.languages}


def _name(provider: Callable[..., object]) -> str:
    """A function's or an object's module and name: `feeds.hooks.HeadLinks`."""
    name = getattr(provider, "__qualname__", type(provider).__qualname__)
    return f"{provider.__module__}.{name}"
