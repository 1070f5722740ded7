"""After an upload: find the feeds that changed since the last publication and ping the hubs.

The manifest of published feed hashes is saved after the pings; a feed whose ping failed keeps
its previous hash, so that the next publication pings it again.
"""

from pathlib import Path

from .settings import SCHEMA
from .websub import changed_feeds, feed_hashes, load_manifest, ping_hubs, save_manifest


def push_changes(output, settings, **ping_options):
    """(changed feed paths, pings) for the site built in `output`."""
    output = Path(output)
    # The feeds themselves: not their compressed copies (plugins/compress), the same feed.
    paths = sorted(
        p.relative_to(output).as_posix()
        for p in output.glob("*/feeds/**/*.*")
        if p.suffix not in (".gz", ".br")
    )
    current = feed_hashes(output, paths)
    manifest = Path(settings.get("CACHE_PATH", "cache")) / "published-feeds.json"
    previous = load_manifest(manifest)
    changed = changed_feeds(previous, current)
    hubs = list(SCHEMA.read(settings)["hubs"])
    siteurl = settings["SITEURL"].rstrip("/")
    urls = {f"{siteurl}/{path}": path for path in changed}
    pings = ping_hubs(hubs, list(urls), **ping_options) if hubs and urls else []
    kept = dict(current)
    for ping in pings:
        if not ping.ok:
            path = urls[ping.feed_url]
            if path in previous:
                kept[path] = previous[path]
            else:
                kept.pop(path, None)
    save_manifest(manifest, kept)
    return changed, pings
