"""What the statistics templates call: charts and the map, drawn in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from communiques_site.core.i18n import Formats
from communiques_site.core.labels import LABELS, N_

from . import charts
from . import map as country_map
from .figures import Figures, Stats

if TYPE_CHECKING:
    from communiques_site.communiques.index import CaseIndex

Gettext = Callable[..., object]  # the templates' gettext(message, **values): Markup or text

# The labels of the figures' spans (figures.RESPONSE_SPANS); each span includes its upper bound.
RESPONSE_LABELS = {
    "0-6h": N_("≤ 6 h"),
    "6-12h": N_("6–12 h"),
    "12-24h": N_("12–24 h"),
    "24-48h": N_("1–2 d"),
    "48-72h": N_("2–3 d"),
    "72-168h": N_("3–7 d"),
    "over-168h": N_("> 7 d"),
}


class ChartKit:
    def __init__(self, index: CaseIndex, stats: Stats) -> None:
        self.index = index
        self.stats = stats

    @staticmethod
    def _text(gettext: Gettext) -> Callable[..., str]:
        """Plain text: the charts escape what they draw, and so do the templates."""
        return lambda message, **values: str(gettext(message, **values))

    @staticmethod
    def _pair(gettext: Callable[..., str]) -> charts.Pair:
        return lambda label, value: gettext("%(label)s: %(value)s", label=label, value=value)

    def _scope(self, city: str | None) -> Figures:
        return self.stats["cities"][city] if city else self.stats["national"]

    def monthly(self, city: str | None, formats: Formats, gettext: Gettext) -> charts.Chart:
        gettext = self._text(gettext)
        labels = {kind: gettext(LABELS["type"][kind]) for kind in LABELS["type"]}
        place = self._place(city, formats.lang, gettext)
        return charts.monthly(
            self._scope(city)["by_month"],
            formats,
            labels,
            gettext("Communiqués by month: %(place)s", place=place),
            gettext(
                "Bars: communiqués published each month, stacked by type; the oldest "
                "month comes first in the reading direction."
            ),
            gettext("Month"),
            self._pair(gettext),
        )

    def response(self, city: str | None, formats: Formats, gettext: Gettext) -> charts.Chart:
        gettext = self._text(gettext)
        spans = self._scope(city)["response_by_span"]
        labels = [gettext(RESPONSE_LABELS[span["span"]]) for span in spans]
        place = self._place(city, formats.lang, gettext)
        return charts.response(
            [span["cases"] for span in spans],
            formats,
            labels,
            gettext("Time from the video to the first arrest: %(place)s", place=place),
            gettext(
                "Bars: number of cases by time between the video's circulation and the "
                "first arrest."
            ),
            gettext("Cases"),
            gettext("Time after the video"),
            self._pair(gettext),
        )

    def map(self, formats: Formats, gettext: Gettext) -> str:
        """The map's drawings, one per screen width (the stylesheet shows one)."""
        gettext = self._text(gettext)
        places = [
            country_map.Place(
                city.name[formats.lang], city.lon, city.lat, self.stats["cities"][key]["cases"]
            )
            for key, city in self.index.registries["cities"].items()
        ]
        svgs = country_map.draw(
            places,
            formats,
            title=gettext("Map of the communiqués by city"),
            description=gettext(
                "Each circle is a city, its area proportional to its number of communiqués; "
                "a grey dot is a city without any. The list of cities gives each one's count "
                "and page."
            ),
            legend_title=gettext("Communiqués per city"),
        )
        return "".join(svgs)

    def _place(self, city: str | None, lang: str, gettext: Callable[..., str]) -> str:
        if city:
            return self.index.registries["cities"][city].name[lang]
        return gettext("Morocco")
