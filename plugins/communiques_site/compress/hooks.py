"""The compressed copies of a build: taken from the published site with their file when the
build took the file from it (the same inode: core.outputs hard-linked it), made otherwise."""

import os
from concurrent.futures import ThreadPoolExecutor

from communiques_site.core.forking import fork_map
from communiques_site.core.settings import Schema
from communiques_site.core.stages import Build

from .making import COPIES, compress, same_bytes, wanted
from .settings import SCHEMA, CompressOptions


def declare(pelican: object) -> Schema:
    return SCHEMA


def candidates(root: str, threshold: int) -> list[str]:
    """The files under `root` (relative paths) that get copies; dot files are never served."""
    found = []
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            if wanted(name, os.stat(path).st_size, threshold):
                found.append(os.path.relpath(path, root))
    return sorted(found)


def _same_file(a: str, b: str) -> bool:
    try:
        one, two = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (one.st_dev, one.st_ino) == (two.st_dev, two.st_ino)


def _same_bytes(a: str, b: str) -> bool:
    """The same file, or another with the same bytes: the theme's files, copied again by
    every build, and a page or bundle made again identical."""
    if _same_file(a, b):
        return True
    try:
        if os.stat(a).st_size != os.stat(b).st_size:
            return False
        with open(a, "rb") as one, open(b, "rb") as two:
            return one.read() == two.read()
    except OSError:
        return False


def _link_copies(published: str | None, staging: str, name: str) -> bool:
    """Link the published copies of `name` when the staging file has the published bytes."""
    if not published or not _same_bytes(f"{published}/{name}", f"{staging}/{name}"):
        return False
    made: list[str] = []
    for suffix in COPIES:
        try:
            os.link(f"{published}/{name}{suffix}", f"{staging}/{name}{suffix}")
        except FileExistsError:
            if not _same_file(f"{published}/{name}{suffix}", f"{staging}/{name}{suffix}"):
                return False
        except OSError:
            for path in made:
                os.unlink(path)
            return False
        made.append(f"{staging}/{name}{suffix}")
    return True


def seal(build: Build) -> None:
    conf = build.options[CompressOptions]
    staging = build.output_path
    published = build.published_path if build.outputs.published else None
    names = candidates(staging, conf.threshold)
    to_make = [name for name in names if not _link_copies(published, staging, name)]
    # The files whose maker compressed them in parts (core.deflate): their gzip copy is made.
    made = {name: build.deflated[name] for name in to_make if name in build.deflated}
    groups = same_bytes(staging, [name for name in to_make if name not in made])
    if len(groups) >= conf.parallel_from:
        fork_map(compress, groups, conf.workers)
        groups = []
    jobs: list[tuple[list[str], bytes | None]] = [(group, None) for group in groups]
    jobs += [([os.path.join(staging, name)], deflated.gzip()) for name, deflated in made.items()]
    # A publication's few files: the open data's are megabytes each. zlib and Brotli let go of
    # the interpreter while they work, so threads share them out without forking the build
    # (measured on the 10,000-case communiques.json: two at once in 0.6 of the time of one
    # after the other). The largest first, so that no thread is left with one at the end.
    jobs.sort(key=lambda job: -os.stat(job[0][0]).st_size)
    if jobs:
        with ThreadPoolExecutor(conf.workers) as pool:
            list(pool.map(compress, *zip(*jobs, strict=True)))
