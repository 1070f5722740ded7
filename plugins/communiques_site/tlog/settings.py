"""The log's settings: LOG = {"key": ...} (publishconf.py names the publishing server's key).

The key is the signer key of the log, in the form Go's sumdb/note writes it
(PRIVATE+KEY+<name>+<hash>+<key>): a file's path, or "env:<VARIABLE>" for a variable that holds
it. None, the default, signs with the throw-away key of this folder, committed on purpose so
that local, demo and test builds all give the same log; its name says it is not official.
"""

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from communiques_site.core.settings import Schema, option

from .note import NoteError, Signer, parse_signer

THROWAWAY = Path(__file__).with_name("throwaway.key")
HOW = "create one with deploy/hooks/install.py --log-key PATH --log-name ORIGIN"


def key_text(value: str | None) -> tuple[str, str]:
    """(the key's text, where it came from); OSError or KeyError when it cannot be read."""
    if value is None:
        return THROWAWAY.read_text(encoding="utf-8"), str(THROWAWAY)
    if value.startswith("env:"):
        name = value[4:]
        return os.environ[name], f"the variable {name}"
    return Path(value).read_text(encoding="utf-8"), value


def _key_problems(value: object) -> list[str]:
    if value is not None and not isinstance(value, str):
        return [f"{value!r} is not a path or env:VARIABLE; {HOW}"]
    try:
        text, where = key_text(value)
    except KeyError:
        variable = str(value)[4:]  # key_text raises KeyError only for env:VARIABLE
        return [f"the variable {variable} is not set; set it to the log's signing key, or {HOW}"]
    except OSError as error:
        return [f"{value} cannot be read ({error.strerror}); {HOW}"]
    if value is not None and not value.startswith("env:"):
        mode = Path(value).stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            return [
                f"{value} can be read by others (mode {stat.S_IMODE(mode):o}); "
                f"only the publishing user may read it: chmod 600 {value}"
            ]
    try:
        parse_signer(text)
    except NoteError as error:
        return [f"{where} {error}; {HOW}"]
    return []


@dataclass(frozen=True)
class LogOptions:
    key: str | None = option(
        None,
        "the log's signing key: a file's path or env:VARIABLE; None signs with the "
        "throw-away key (not official)",
        check=_key_problems,
    )


SCHEMA = Schema("LOG", LogOptions, plugin="tlog")


def signer(options: LogOptions) -> Signer:
    return parse_signer(key_text(options.key)[0])
