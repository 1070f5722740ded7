"""The build as a short, visible sequence of stages, and the registries plugins fill.

    start ─ settings checked, staging folder made
      │
    read ──────── the content model reads and validates every file into the index
      │           (every problem of the build is reported together, then the build stops)
    derive ────── capabilities compute from the index once: feeds, figures, open data;
      │           they register pages, head links and files
    render ────── every registered page is written into the staging folder
      │
    before swap ─ every page is written: search index, hashes
      │
    seal ──────── every file is written: what is made from all of them (compressed copies)
      │
    swap ──────── the changed files go live one by one in dependency order (core.inplace),
      │           or, first or forced, the whole new tree in one step
      │
    after swap ── what needs the live site: WebSub pings

Plugins connect to these signals in their `register()`; the core sends them in this order,
whatever the order of PLUGINS.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from blinker import signal

declare = signal("core.declare")  # -> a settings Schema, at start-up
read = signal("core.read")
derive = signal("core.derive")
render = signal("core.render")
before_swap = signal("core.before_swap")
seal = signal("core.seal")
after_swap = signal("core.after_swap")

ORDER = ("read", "derive", "render", "before_swap", "seal", "after_swap")


def enabled(settings) -> set[str]:
    """The top-level names of the plugins of this build."""
    return {getattr(p, "__name__", p).split(".")[0] for p in settings.get("PLUGINS") or ()}


# Who follows a build as it runs: the build task's progress display, which is no plugin and
# must not take part. Each is called with (stage, "start" or "end", sender) around a stage.
watchers: list[Callable[[str, str, object], None]] = []


def send(stage, sender) -> list:
    """Call the stage's receivers that belong to this build's plugins (the signals outlive a
    build: a plugin of an earlier build in the same process must not act in this one). The
    sender, Pelican or the Build, carries the build's settings."""
    plugins = enabled(sender.settings)
    name = stage.name.removeprefix("core.")
    for watch in watchers:
        watch(name, "start", sender)
    results = [
        receiver(sender)
        for receiver in stage.receivers_for(sender)
        if receiver.__module__.split(".")[0] in plugins
    ]
    for watch in watchers:
        watch(name, "end", sender)
    return results


@dataclass(frozen=True)
class Page:
    """One HTML page in one language (or the language-neutral landing page: lang None)."""

    lang: str | None
    template: str
    url: str
    alternates: dict  # language -> URL of the same page in that language
    context: dict = field(default_factory=dict)
    digest: str = ""  # what the page depends on, when it can be reused from the published site
    subjects: tuple = ()  # (kind, key) of what the page is about, for its head links


@dataclass
class Build:
    """What one build knows and what its plugins contribute; made at start, gone at the end."""

    settings: dict
    languages: object  # core.languages.Languages
    output_path: str  # the staging folder
    published_path: str | None  # the live site, which pages may be reused from
    options: dict = field(default_factory=dict)  # every plugin's settings, checked, by name
    problems: object = None  # core.problems.Problems of the read stage
    index: object = None  # the content model's index of cases, once read
    pages: list[Page] = field(default_factory=list)
    head_links: list[Callable] = field(default_factory=list)  # (lang, subjects) -> [(rel, ...)]
    # What a plugin's template globals (`context`) show about a page's subjects, for the digest
    # of a page whose template reads them: (lang, subjects) -> a plain value, or None.
    page_inputs: list[Callable] = field(default_factory=list)
    context: dict = field(default_factory=dict)  # what templates read, by name (stats, feeds…)
    nav: list = field(default_factory=list)  # (position, label, route): the main menu's entries
    state: dict = field(default_factory=dict)  # each plugin's own data between its stages
    results: dict = field(default_factory=dict)  # what after-swap steps report, by name
    outputs: object = None  # core.outputs.Outputs: files reused from the published build
    inputs: str = ""  # core.uptodate.key of this build, when its runner computed it
    expires: object = None  # the first moment this build's output is out of date (an embargo)
    assets: dict = field(default_factory=dict)  # theme file -> its fingerprinted name (assets)

    def expire_at(self, moment) -> None:
        """The output is out of date at `moment` (when an embargoed communiqué comes out)."""
        if moment is not None and (self.expires is None or moment < self.expires):
            self.expires = moment

    def add_page(self, page: Page) -> None:
        self.pages.append(page)

    def links_for(self, lang: str, subjects: tuple) -> list:
        """The head's links and metadata of a page, in an order that does not depend on the
        order of PLUGINS: by the module of the provider (feeds' links, then share's data)."""
        providers = sorted(self.head_links, key=_name)
        return [link for provider in providers for link in provider(lang, subjects)]

    def inputs_for(self, lang: str, subjects: tuple) -> list:
        return [provider(lang, subjects) for provider in self.page_inputs]

    def each(self, route: Callable, *args) -> dict:
        """{language: URL} of one page in every language (its alternates)."""
        return {language.code: route(language.code, *args) for language in self.languages}


def _name(provider: Callable) -> str:
    """A function's or an object's module and name: `feeds.hooks.HeadLinks`."""
    name = getattr(provider, "__qualname__", type(provider).__qualname__)
    return f"{provider.__module__}.{name}"
