"""The build, stage after stage: Pelican's signals start it, one generator runs the stages
that make the site, and the publication puts it live (see core.stages for the sequence): in
place, file by file, when a site is published (core.inplace); the whole tree swapped in for a
first build or when the runner says so (WHOLE: `invoke build --force`)."""

import gc
import logging
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.generators import Generator
from pelican.writers import Writer

from communiques_site.core.problems import ContentError, Problems

from . import assets, atomic, inplace, publication, stages, uptodate
from . import memo as memo_files
from .i18n import Catalogs
from .languages import SCHEMA, SiteOptions
from .outputs import Outputs, build_digest
from .settings import Schema, read_all

logger = logging.getLogger(__name__)

WHOLE = "CORE_WHOLE"  # the runner asks for the whole tree to be made and swapped in


def schemas(pelican: Pelican) -> list[Schema[Any]]:
    """The core's settings and every plugin's, as the plugins declare them."""
    declared = stages.send(stages.declare, pelican)
    return [SCHEMA, *(schema for schema in declared if schema)]


def start(pelican: Pelican) -> None:
    """Complete a publication a run left half-done, check every setting and read them, once,
    into the build's options (before any content is read), then open the staging folder."""
    inplace.recover(Path(pelican.output_path).resolve())
    options = read_all(pelican.settings, schemas(pelican))
    published = atomic.stage(pelican)
    live = Path(published).is_dir()
    # In place needs the published inventory: the list of files the new site keeps.
    inventory = publication.read(published) if live else {}
    in_place = inventory if inventory and not pelican.settings.get(WHOLE) else None
    pelican.core_build = stages.Build(
        settings=pelican.settings,
        languages=options[SiteOptions].languages,
        output_path=pelican.output_path,
        published_path=published,
        options=options,
        catalogs=Catalogs(pelican.settings["THEME"]),
        outputs=Outputs(
            build_digest(pelican.settings, options.as_dicts()),
            published if live else None,
            pelican.output_path,
            in_place,
        ),
        inputs=pelican.settings.get(uptodate.SETTING, ""),
        assets=assets.fingerprints(pelican.settings),
    )


class StageGenerator(Generator):  # type: ignore[misc]  # Pelican has no types
    """Runs read, derive and render; Pelican's StaticGenerator then copies the theme's files."""

    build: stages.Build  # set on the class made for each build by get_generators

    def generate_context(self) -> None:
        build = self.build
        build.output_path = self.output_path
        build.problems = Problems()
        stages.send(stages.read, build)
        if build.problems:
            raise ContentError(build.problems)
        # The index lives until the end of the build: the collector need not walk its tens of
        # thousands of objects at every collection (core.build unfreezes them).
        gc.freeze()
        stages.send(stages.derive, build)

    def generate_output(self, writer: Writer) -> None:
        stages.send(stages.render, self.build)


def get_generators(pelican: Pelican) -> type[StageGenerator] | None:
    build = getattr(pelican, "core_build", None)
    if build is None:
        return None
    return type("StageGenerator", (StageGenerator,), {"build": build})


def finish(pelican: Pelican) -> None:
    """Before swap, seal, the manifest and inventory, then the publication: in place, or the
    whole tree swapped in."""
    build = getattr(pelican, "core_build", None)
    if build is None:
        return
    # Before the other plugins' last steps: the compressed copies include these names.
    assets.link(build.output_path, build.settings, build.assets)
    stages.send(stages.before_swap, build)
    stages.send(stages.seal, build)
    build.outputs.save()
    if build.inputs:
        uptodate.write(build.output_path, build.inputs, build.expires)
    # The inventory of the new tree and its difference from the published one: what goes out,
    # what mirrors receive and caches forget (core.publication).
    outputs = build.outputs
    # In place, the published inventory was read at the start (under the lock: it is the same).
    previous = outputs.live if outputs.live is not None else publication.read(build.published_path)
    files = publication.inventory(build.output_path, build.published_path, previous)
    if outputs.in_place:
        files = publication.merge(previous, files, outputs.kept)
    written = publication.write(build.output_path, files)
    steps = publication.plan(previous, {**files, publication.INVENTORY: written})
    stages.watch("swap", "start", build)
    if outputs.in_place:
        final = getattr(pelican, atomic.STAGING_ATTRIBUTE)
        # From the journal on, the staging folder is the publication's: a failure must not
        # discard it, the next run completes it.
        setattr(pelican, atomic.STAGING_ATTRIBUTE, None)
        inplace.publish(final, build.output_path, steps)
        pelican.output_path = str(final)
    else:
        atomic.swap(pelican)
        publication.write_purge_list(pelican.output_path, publication.urls(steps))
    build.output_path = str(Path(pelican.output_path))
    stages.watch("swap", "end", build)
    for memo in build.memos.values():  # published: what it derived serves the next build
        memo.save()
    memo_files.prune(build.settings["CACHE_PATH"], build.outputs.base)
