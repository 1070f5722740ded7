"""Which feeds exist: for each language, every beat of the URL contract."""

from dataclasses import dataclass

FORMATS = ("atom", "rss", "json")
TYPES = ("arrest", "clarification", "search")


@dataclass(frozen=True)
class Feed:
    """One beat in one language; its three files share the same entries."""

    lang: str
    kind: str  # all | cities | offences | types | updates
    key: str | None = None

    @property
    def path(self):
        """The URL path without the extension, e.g. /ar/feeds/cities/tanger."""
        if self.kind in ("all", "updates"):
            return f"/{self.lang}/feeds/{self.kind}"
        return f"/{self.lang}/feeds/{self.kind}/{self.key}"

    def url(self, fmt):
        return f"{self.path}.{fmt}"

    @property
    def slug(self):
        """Stable part of the feed's id: never derived from a title."""
        return self.path.removeprefix(f"/{self.lang}/feeds/")


def all_feeds(lang, registries):
    yield Feed(lang, "all")
    yield Feed(lang, "updates")
    for kind in TYPES:
        yield Feed(lang, "types", kind)
    for key in registries["cities"]:
        yield Feed(lang, "cities", key)
    for key in registries["offences"]:
        yield Feed(lang, "offences", key)


def feeds_of_case(lang, case):
    """The feeds a case's page is about, for autodiscovery."""
    yield Feed(lang, "cities", case.city)
    for offence in case.offences:
        yield Feed(lang, "offences", offence)
    yield Feed(lang, "types", case.type)


def beat_members(cases):
    """{(kind, key): cases newest first} for every feed but the updates feed, withdrawn cases
    included (the feeds show where they were)."""
    members = {("all", None): list(cases)}
    for case in cases:
        for feed in feeds_of_case(None, case):
            members.setdefault((feed.kind, feed.key), []).append(case)
    return members


def describe(feed, gettext, registries):
    """(title, one-line description) of a feed, in its language."""
    _ = gettext
    if feed.kind == "all":
        return _("All communiqués"), _("Every communiqué, newest first.")
    if feed.kind == "updates":
        return _("Updates and corrections"), _(
            "Major updates, corrections and withdrawals of communiqués already published."
        )
    if feed.kind == "types":
        from bilingual.labels import LABELS

        label = _(LABELS["type"][feed.key])
        return label, _("Communiqués of this type: %(type)s.", type=label)
    kind = {"cities": "cities", "offences": "offences"}[feed.kind]
    name = registries[kind][feed.key].name[feed.lang]
    if feed.kind == "cities":
        return name, _("Communiqués about videos from %(city)s.", city=name)
    return name, _("Communiqués naming this offence: %(offence)s.", offence=name)
