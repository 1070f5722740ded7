"""Run one build of the site from code (the tasks and the tests use this)."""

import logging
import time
from dataclasses import dataclass, field

from pelican import Pelican
from pelican.log import console
from pelican.settings import read_settings

from communiques.problems import ContentError

from .atomic import discard


@dataclass
class Result:
    ok: bool
    problems: list = field(default_factory=list)  # communiques.problems.Problem
    output_path: str = ""
    seconds: float = 0.0


def build(settings_file="pelicanconf.py", override=None):
    """Build the site; a Result whose `problems` are every problem of the content when not ok."""
    settings = read_settings(settings_file, override=override or {})
    pelican = Pelican(settings)
    start = time.perf_counter()
    # Pelican's own summary counts its articles and pages, of which this site has none.
    quiet, console.quiet = console.quiet, True
    try:
        pelican.run()
    except ContentError as error:
        discard(pelican)
        return Result(False, error.problems, settings["OUTPUT_PATH"])
    except BaseException:
        discard(pelican)
        raise
    finally:
        console.quiet = quiet
    logging.getLogger(__name__).debug("built %s", settings["OUTPUT_PATH"])
    return Result(True, [], settings["OUTPUT_PATH"], time.perf_counter() - start)
