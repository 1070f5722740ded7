"""The share images' settings: SHARE = {...} in pelicanconf.py."""

import subprocess
from dataclasses import dataclass

from communiques_site.core.settings import Schema, at_least_one, option

STYLES = ("Regular", "Bold")


def font_file(family: str, style: str) -> str | None:
    """The file of an installed font (fontconfig), or None: fontconfig answers any question
    with its nearest font, so the family it found is compared with the one asked."""
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{family}\t%{style}\t%{file}", f"{family}:style={style}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    families, styles, path = [*found.split("\t"), "", ""][:3]
    if family not in families.split(",") or style not in styles.split(","):
        return None
    return path


def _installed(family: str) -> list[str]:
    missing = [style for style in STYLES if font_file(family, style) is None]
    if not missing:
        return []
    return [
        f"{family!r} is not installed in {' and '.join(missing)} (fc-list shows the fonts of "
        "this machine); install fonts-noto-core (scripts/system-deps.sh does) or name "
        "an installed family"
    ]


@dataclass(frozen=True)
class ShareOptions:
    arabic_font: str = option(
        "Noto Naskh Arabic",
        "the font of Arabic text on the images, the site's own",
        check=_installed,
    )
    latin_font: str = option(
        "Noto Sans", "the font of Latin text on the images, the site's own", check=_installed
    )
    workers: int = option(2, "processes that draw the images", check=at_least_one)
    parallel_from: int = option(8, "fewer images than this are drawn in one process")


SCHEMA = Schema("SHARE", ShareOptions, plugin="share")
