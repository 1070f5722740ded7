"""The build, stage after stage: Pelican's signals start it, one generator runs the stages
that make the site, and the swap puts it live (see core.stages for the sequence)."""

import gc
import logging
from pathlib import Path

from pelican.generators import Generator

from communiques_site.core.problems import ContentError, Problems

from . import assets, atomic, publication, stages, uptodate
from .languages import from_entries
from .languages import problems as language_problems
from .outputs import Outputs, build_digest
from .settings import Option, Schema, check_all

logger = logging.getLogger(__name__)

SCHEMA = Schema(
    "SITE",
    (
        Option(
            "languages",
            (list, tuple),
            (),
            "the site's languages, the first the default",
            check=language_problems,
        ),
    ),
    plugin="core",
)


def schemas(pelican) -> list[Schema]:
    """The core's settings and every plugin's, as the plugins declare them."""
    declared = stages.send(stages.declare, pelican)
    return [SCHEMA, *(schema for schema in declared if schema)]


def start(pelican) -> None:
    """Check every setting (before any content is read), then open the staging folder."""
    declared = schemas(pelican)
    check_all(pelican.settings, declared)
    published = atomic.stage(pelican)
    options = {schema.name: schema.read(pelican.settings) for schema in declared}
    pelican.core_build = stages.Build(
        settings=pelican.settings,
        languages=from_entries(SCHEMA.read(pelican.settings)["languages"]),
        output_path=pelican.output_path,
        published_path=published,
        options=options,
        outputs=Outputs(
            build_digest(pelican.settings, options),
            published if Path(published).is_dir() else None,
            pelican.output_path,
        ),
        inputs=pelican.settings.get(uptodate.SETTING, ""),
        assets=assets.fingerprints(pelican.settings),
    )


class StageGenerator(Generator):
    """Runs read, derive and render; Pelican's StaticGenerator then copies the theme's files."""

    build: stages.Build  # set on the class made for each build by get_generators

    def generate_context(self):
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

    def generate_output(self, writer):
        stages.send(stages.render, self.build)


def get_generators(pelican):
    build = getattr(pelican, "core_build", None)
    if build is None:
        return None
    return type("StageGenerator", (StageGenerator,), {"build": build})


def finish(pelican) -> None:
    """Before swap, swap, after swap."""
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
    # The inventory of the new tree and its difference from the published one: what mirrors
    # receive and caches forget (core.publication).
    previous = publication.read(build.published_path)
    files = publication.inventory(build.output_path, build.published_path, previous)
    publication.write(build.output_path, files)
    steps = publication.plan(previous, publication.complete(build.output_path))
    atomic.swap(pelican)
    build.output_path = str(Path(pelican.output_path))
    build.results["publication"] = steps
    publication.write_purge_list(build.output_path, publication.urls(steps))
    stages.send(stages.after_swap, build)
