"""Run one build of the site from code (the tasks and the tests use this)."""

import atexit
import errno
import gc
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communiques_site.core.problems import ContentError, Problem

from . import uptodate
from .atomic import discard
from .inplace import recover
from .settings import SettingsError

# The errors of the output's file system rather than of the content: the officer can do nothing
# about them in a Markdown file, so they get one sentence, not a traceback.
NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
NOT_WRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)
# The collector's thresholds during a build (Python's: 700, 10, 10).
COLLECTOR = (100_000, 50, 100)


@dataclass
class Result:
    ok: bool
    problems: Sequence["Problem | OutputProblem"] = field(default_factory=list)
    output_path: str = ""
    seconds: float = 0.0
    current: bool = False  # nothing changed: the published site was left as it was


def build(
    settings_file: str = "pelicanconf.py",
    override: dict[str, Any] | None = None,
    force: bool = False,
) -> Result:
    """Build the site; a Result whose `problems` are every problem of the content when not ok.
    Nothing is done when nothing changed since the published build (core.uptodate), unless
    `force`."""
    # Pelican is imported once the build is known to be needed: its import (0.16 s, its readers
    # bring docutils) was a third of what "nothing changed" took at 50,000 cases.
    given = uptodate.given(settings_file, override or {})
    output = given["OUTPUT_PATH"]
    # A publication a run left half-done goes out first: the site it describes is the one
    # the published inputs are of.
    recover(Path(output).resolve())
    inputs = uptodate.key(given)
    if not force and uptodate.is_current(given, inputs):
        logging.getLogger(__name__).info("nothing changed since the published build of %s", output)
        return Result(True, [], output, 0.0, current=True)
    from pelican import Pelican
    from pelican.log import console
    from pelican.settings import read_settings

    from .pipeline import WHOLE

    settings = read_settings(settings_file, override=override or {})
    settings[uptodate.SETTING] = inputs
    settings[WHOLE] = force  # forced: the whole tree made and swapped in, as from nothing
    try:
        pelican = Pelican(settings)  # makes the staging folder beside the output
    except SettingsError as error:
        return Result(False, settings_problems(settings_file, error), output)
    except OSError as error:
        return unwritable(error, output)
    start = time.perf_counter()
    # Pelican's own summary counts its articles and pages, of which this site has none.
    quiet, console.quiet = console.quiet, True
    # A build holds hundreds of thousands of objects for its whole length: at Python's
    # thresholds the collector walked them again and again (at 10,000 cases 2.2 s of one
    # publication in some 2,150 collections, 13 of them full; 0.3 s with these).
    thresholds = gc.get_threshold()
    gc.set_threshold(*COLLECTOR)
    try:
        pelican.run()
    except ContentError as error:
        discard(pelican)
        return Result(False, error.problems, output)
    except OSError as error:
        discard(pelican)
        return unwritable(error, output)
    except BaseException:
        discard(pelican)
        raise
    finally:
        console.quiet = quiet
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    logging.getLogger(__name__).debug("built %s", output)
    return Result(True, [], output, time.perf_counter() - start)


def freeze_at_exit() -> None:
    """For a process that ends with its builds (the tasks, the benchmark's): at its exit, the
    collector does not walk the builds' objects one last time. The interpreter's final
    collection comes after the atexit functions and skips frozen objects; it took 3.4 s after
    a 22 s publication at 50,000 cases, 0.5 s after 3.8 s at 10,000. Nothing is lost: every
    file a build writes is closed when build() returns, and the standard streams are flushed
    at exit whatever the collector does."""
    atexit.register(gc.freeze)


def unwritable(error: OSError, output: str) -> Result:
    """The Result of a build whose output could not be written; any other OSError is a bug
    and keeps its traceback."""
    if error.errno not in NO_SPACE + NOT_WRITABLE:
        raise error
    return Result(False, [OutputProblem.of(error, output)], output)


@dataclass(frozen=True, order=True)
class OutputProblem:
    """The output could not be written (disk full, read-only, no permission): not a problem of
    any content file, so it names the file being written and what readers still see."""

    path: str
    what: str  # "no space left while writing" or "cannot write"
    why: str = ""  # the system's words, when they add something

    @classmethod
    def of(cls, error: OSError, output: str) -> "OutputProblem":
        path = str(error.filename or output)
        if error.errno in NO_SPACE:
            return cls(path, "no space left while writing")
        return cls(path, "cannot write", error.strerror or "")

    def __str__(self) -> str:
        why = f" ({self.why})" if self.why else ""
        return f"{self.what} {self.path}{why}; the published site is unchanged"


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
