"""The log of one build: the published log read back and checked, the new events appended.

The published checkpoint must verify with the build's key and the published entries must hash
to its root; every published entry must still be an event of the content (a removed or
re-dated event is refused, naming it). New events are appended after the published ones, in
the log's order (entries.py): a build from nothing puts all events in that order, so an
incremental build is that build unless an event dated before the last logged one comes out
later (a translation added afterwards, a case written with an earlier date): the log keeps
the order in which events were logged, which a build from nothing cannot know.
"""

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from communiques_site.core.problems import Problems

from . import tiles
from .entries import Event, key_of
from .note import Checkpoint, NoteError, Signer

FOLDER = "log"  # under the site's root: log/checkpoint, log/tile/…


class Log:
    """The entries and tree of this build's log, and what it found wrong."""

    def __init__(
        self,
        signer: Signer,
        published_path: str | None,
        events: Sequence[Event],
        texts: Mapping[tuple[str, str], tuple[str, str]],
    ) -> None:
        """`texts`: {(case id, lang): (the content file as messages show it, its path)}."""
        self.signer = signer
        self.problems = Problems()
        self.published = self._read_published(published_path)
        old = self.published
        keys = [key_of(entry) for entry in old]
        logged = set(keys)
        now = {event.key for event in events}
        for n, key in enumerate(keys):
            if key not in now:
                self._removed(n, old[n], texts)
        self.entries = list(old) + [event.entry for event in events if event.key not in logged]
        self.tree = tiles.extend(self._published_tree, [tiles.leaf_hash(e) for e in self.new])

    @property
    def new(self) -> list[bytes]:
        return self.entries[len(self.published) :]

    @property
    def size(self) -> int:
        return len(self.entries)

    def checkpoint(self) -> str:
        """The signed note of the tree head."""
        text = Checkpoint(self.signer.name, self.size, tiles.root(self.tree)).text()
        return self.signer.sign(text)

    def _read_published(self, folder: str | None) -> list[bytes]:
        self._published_tree = []
        path = Path(folder or "") / FOLDER / "checkpoint"
        if not folder or not path.exists():
            return []
        shown = f"{FOLDER}/checkpoint"
        verifier = self.signer.verifier
        try:
            head = Checkpoint.parse(verifier.open(path.read_text(encoding="utf-8")))
        except (NoteError, UnicodeDecodeError) as error:
            self.problems.add(
                shown,
                1,
                "signature",
                f"the published checkpoint {error}; a log signed with another key "
                "(LOG['key']) cannot be extended: see 'Rotating the key' in README.md",
            )
            return []
        entries = []
        for n in range((head.size + tiles.WIDTH - 1) // tiles.WIDTH):
            width = min(tiles.WIDTH, head.size - n * tiles.WIDTH)
            name = f"{FOLDER}/{tiles.tile_path('entries', n, width)}"
            try:
                entries += tiles.unbundle((Path(folder) / name).read_bytes())
            except (OSError, ValueError) as error:
                self.problems.add(
                    name,
                    1,
                    "entries",
                    f"the published entry bundle cannot be read ({error}); restore the "
                    "published log from the last publication before building",
                )
                return []
        tree = tiles.levels([tiles.leaf_hash(entry) for entry in entries])
        if len(entries) != head.size or tiles.root(tree) != head.root:
            self.problems.add(
                shown,
                2,
                "root",
                f"the published entries do not hash to the checkpoint's root (size "
                f"{head.size}, {len(entries)} entries read): the published log was altered; "
                "restore it from the last publication before building",
            )
            return []
        self._published_tree = tree
        return entries

    def _removed(
        self, n: int, entry: bytes, texts: Mapping[tuple[str, str], tuple[str, str]]
    ) -> None:
        value = json.loads(entry)
        shown, path = texts.get((value["id"], value["lang"]), (None, None))
        line = _line_of(path, _FIELDS[value["kind"]]) if path else 1
        what = f"{value['kind']} of {value['at']}"
        self.problems.add(
            shown or f"{FOLDER}/{tiles.tile_path('entries', n // tiles.WIDTH)}",
            line,
            _FIELDS[value["kind"]],
            f"the public log holds this communiqué's {what} ({value['lang']}, entry {n}), "
            "which the content no longer has; the log cannot be rewritten: restore the date "
            "as it was published and say what changed with an update",
        )

    def files(self) -> Iterator[tuple[str, bytes, bool]]:
        """(path under the site, bytes, full): every tile and bundle of the log."""
        for path, data, full in tiles.hash_tiles(self.tree):
            yield f"{FOLDER}/{path}", data, full
        for path, data, full in tiles.entry_bundles(self.entries):
            yield f"{FOLDER}/{path}", data, full


_FIELDS = {
    "publication": "published",
    "update-minor": "updates",
    "update-major": "updates",
    "withdrawal": "withdrawn",
}


def _line_of(path: str, field: str) -> int:
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except OSError:
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{field}:")), 1)


def write(
    folder: str | Path, log: Log, published: str | None, link: Callable[[str], bool] | None = None
) -> int:
    """Write the log's files under `folder`; full tiles the published site has already are
    taken from it with `link(name)` (core.outputs: they never change; hard-linked into
    `folder` when no `link` is given). The number of files written."""
    if link is None:

        def link(name: str) -> bool:
            assert published is not None  # asked only of a tile the published site has
            (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / name).hardlink_to(Path(published) / name)
            return True

    written = 0
    for name, data, full in log.files():
        source = Path(published) / name if published else None
        if full and source and _same(source, data) and link(name):
            continue
        target = Path(folder) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    (Path(folder) / FOLDER).mkdir(parents=True, exist_ok=True)  # an empty log has no tile
    (Path(folder) / FOLDER / "checkpoint").write_text(log.checkpoint(), encoding="utf-8")
    return written + 1


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False
