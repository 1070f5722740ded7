"""Run one build of the site from code (the tasks and the tests use this)."""

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.log import console
from pelican.settings import read_settings

from core.problems import ContentError, Problem

from .atomic import discard
from .settings import SettingsError


@dataclass
class Result:
    ok: bool
    problems: list = field(default_factory=list)  # core.problems.Problem
    output_path: str = ""
    seconds: float = 0.0


def build(settings_file: str = "pelicanconf.py", override: dict | None = None) -> Result:
    """Build the site; a Result whose `problems` are every problem of the content when not ok."""
    settings = read_settings(settings_file, override=override or {})
    try:
        pelican = Pelican(settings)
    except SettingsError as error:
        return Result(False, settings_problems(settings_file, error), settings["OUTPUT_PATH"])
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


def settings_problems(settings_file: str, error: SettingsError) -> list[Problem]:
    """The settings' problems as the content's are shown: file, line, setting, message."""
    path = Path(settings_file)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    problems = []
    for setting, message in error.problems:
        name = setting.split("[", 1)[0]
        line = next((n for n, text in enumerate(lines, start=1) if text.startswith(f"{name} =")), 1)
        problems.append(Problem(path.name, line, setting, message))
    return sorted(problems)
