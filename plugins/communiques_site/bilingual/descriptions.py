"""The meta description of each page the site registers: what a search engine shows under the
title, so no two pages may share one. A description is a message of the catalogs with its
values, translated when the page is rendered (base.html); a numbered page of a listing says its
number. Communiqués and site pages have their own summary (their templates)."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from communiques_site.core.labels import N_

if TYPE_CHECKING:
    from .pagination import Page as ListingPage

SITE = N_(
    "Official communiqués of the national police about arrests that followed videos shared on "
    "social media."
)
CITIES = N_("Every city of the registry, with the number of communiqués published about it.")
OFFENCES = N_("Offences named in the communiqués, with the number of cases for each.")
CITY = N_(
    "Communiqués of the national police about videos from %(city)s (%(region)s), with the "
    "city's figures and its months."
)
OFFENCE = N_("Communiqués of the national police that name this offence: %(offence)s.")
MONTH = N_("Every communiqué published in %(month)s, city by city.")
TRANSLATIONS = N_("The translations the press office has to review.")
PRESS_OFFICE = N_("What the press office has to do before the next publication (preview only).")


@dataclass(frozen=True)
class Description:
    message: str
    values: dict = field(default_factory=dict)
    page: int | None = None  # a listing's numbered page says its number


def of_listing(message: str, page: "ListingPage", **values: str) -> Description:
    """The description of one page of a paginated listing."""
    return Description(message, values, page.number)
