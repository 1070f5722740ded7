"""What the statistics templates call: charts and the map, drawn in the page's language."""

from bilingual import urls
from bilingual.labels import LABELS

from . import charts
from . import map as country_map

RESPONSE_LABELS = ("< 6 h", "6–12 h", "12–24 h", "1–2 d", "2–3 d", "3–7 d", "> 7 d")


class ChartKit:
    def __init__(self, index, stats):
        self.index = index
        self.stats = stats

    @staticmethod
    def _text(gettext):
        """Plain text: the charts escape what they draw, and so do the templates."""
        return lambda message, **values: str(gettext(message, **values))

    def _scope(self, city):
        return self.stats["cities"][city] if city else self.stats["national"]

    def monthly(self, city, formats, gettext):
        gettext = self._text(gettext)
        labels = {kind: gettext(LABELS["type"][kind]) for kind in LABELS["type"]}
        place = self._place(city, formats.lang)
        return charts.monthly(
            self._scope(city)["by_month"],
            formats,
            labels,
            gettext("Communiqués by month: %(place)s", place=place),
            gettext(
                "Bars: communiqués published each month, stacked by type; the oldest "
                "month comes first in the reading direction."
            ),
        )

    def response(self, city, formats, gettext):
        gettext = self._text(gettext)
        cases = self.index.by_city.get(city, []) if city else self.index.listed
        hours = [
            c.response_hours
            for c in cases
            if c.response_hours is not None and c.response_hours >= 0
        ]
        labels = [gettext(label) for label in RESPONSE_LABELS]
        place = self._place(city, formats.lang)
        return charts.response(
            hours,
            formats,
            labels,
            gettext("Time from the video to the first arrest: %(place)s", place=place),
            gettext(
                "Bars: number of cases by time between the video's circulation and the "
                "first arrest."
            ),
            gettext("Cases"),
        )

    def map(self, formats, gettext):
        gettext = self._text(gettext)
        lang = formats.lang
        cities = self.index.registries["cities"]
        counts = {key: figures["cases"] for key, figures in self.stats["cities"].items()}
        return country_map.draw(
            cities,
            counts,
            link_for=lambda key: urls.city(lang, key),
            label_for=lambda key, count: f"{cities[key].name[lang]}: {formats.number(count)}",
            title=gettext("Map of the communiqués by city"),
            description=gettext(
                "Each circle is a city, its size the number of communiqués; "
                "each links to the city's page."
            ),
        )

    def _place(self, city, lang):
        if city:
            return self.index.registries["cities"][city].name[lang]
        return {"ar": "المغرب", "fr": "Maroc"}[lang]
