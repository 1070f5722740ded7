"""The images saved as palette PNGs: an image of text in a few inks holds some 1,300 colours
(each ink's edges, smoothed, and the emblem), one byte a pixel encodes in a quarter of the time
of three and takes half the room. The palette is made of each ink's ramp from its ground and of
the letterhead's own colours, so that no pixel moves by more than a step of a ramp (2 of 255),
which no reader can see."""

import hashlib

from PIL import Image

from .draw import BLUE, GOLD, GREY, INK, PAPER, WHITE

# (ground, ink, steps): the text each image sets, smoothed at its edges from ground to ink.
RAMPS = (
    (PAPER, INK, 80),
    (PAPER, GREY, 48),
    (PAPER, BLUE, 32),
    (BLUE, WHITE, 48),
)
SOLID = (PAPER, INK, GREY, BLUE, GOLD, WHITE, (0, 0, 0))  # the QR code is black on white
COLOURS = 256


def _ramp(ground, ink, steps) -> list[tuple[int, ...]]:
    return [
        tuple(round(g + (i - g) * step / (steps - 1)) for g, i in zip(ground, ink, strict=True))
        for step in range(steps)
    ]


def _slot(colour) -> tuple[int, ...]:
    """Where Pillow looks a colour up: its palette cache reads each channel at 6 bits."""
    return tuple(value & ~3 for value in colour)


def _distance(one, other) -> int:
    return sum((a - b) ** 2 for a, b in zip(one, other, strict=True))


def palette_of(band: Image.Image) -> Image.Image:
    """The palette of the images whose letterhead is `band`: the inks' ramps, then as many of
    the letterhead's colours (the emblem's) as are left. A ramp's step that Pillow would take
    for a solid colour (the paper, the band) is left out: those stay exactly as drawn."""
    ramps = [c for ramp in RAMPS for c in _ramp(*ramp)]
    ramps = [
        colour
        for colour in ramps
        if colour in SOLID
        or all(_distance(colour, _slot(s)) > _distance(s, _slot(s)) + 12 for s in SOLID)
    ]
    colours = list(dict.fromkeys([*SOLID, *ramps]))
    room = COLOURS - len(colours)
    reduced = band.convert("RGB").quantize(
        room, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE
    )
    flat = reduced.getpalette()[: 3 * room]
    found = [tuple(flat[i : i + 3]) for i in range(0, len(flat), 3)]
    colours += [
        colour
        for colour in found
        if all(_distance(colour, _slot(s)) > _distance(s, _slot(s)) + 12 for s in SOLID)
    ]
    colours = list(dict.fromkeys(colours))[:COLOURS]
    colours += [PAPER] * (COLOURS - len(colours))
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in colours for value in colour])
    return palette


def in_palette(image: Image.Image, band: int, cache: dict) -> Image.Image:
    """`image` in the palette of its letterhead (its top `band` rows, the same on every image
    of a size in a build: the palette is made once per worker and depends on nothing else)."""
    top = image.crop((0, 0, image.width, band))
    key = ("palette", image.size, hashlib.blake2b(top.tobytes(), digest_size=16).digest())
    if key not in cache:
        cache[key] = palette_of(top)
    return image.quantize(palette=cache[key], dither=Image.Dither.NONE)
