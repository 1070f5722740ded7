"""What a link to the site shows where it is shared, and what search engines read: OpenGraph and
Twitter's cards on a communiqué's page (its preview card as the image), schema.org JSON-LD
(a NewsArticle per communiqué, the GovernmentOrganization on the home pages). Given to the
pages through the core's head links, by the page's subjects."""

import json

from markupsafe import Markup

from communiques_site.core import routes
from communiques_site.core.i18n import Formats

from .cards import HEIGHT, WIDTH
from .wording import CARD_ALT, DATELINE, INSTITUTION, MOROCCO, SITE_NAME

LOGO_SIDE = 512  # theme/static/img/emblem.png


def json_ld(value) -> Markup:
    """A JSON-LD script element; the text can hold nothing that ends the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return Markup('<script type="application/ld+json">{}</script>\n').format(Markup(text))


def _meta(attribute, name, content) -> Markup:
    return Markup('<meta {}="{}" content="{}">\n').format(Markup(attribute), name, content)


class HeadMeta:
    """(lang, subjects) -> the head's previews and structured data of a page, made when the
    page is rendered (in the workers), from the index and the images' addresses."""

    def __init__(self, build, images, translations, logo):
        self.siteurl = build.settings["SITEURL"].rstrip("/")
        self.index = build.index
        self.languages = build.languages
        self.images = images
        self.translations = translations
        self.logo = self.absolute(logo)
        self.formats = {language.code: Formats(language) for language in build.languages}

    def absolute(self, url):
        return routes.absolute(self.siteurl, url)

    def __call__(self, lang, subjects):
        found = []
        for kind, key in subjects:
            if kind == "communiques" and key in self.index.by_id:
                found.append(self.communique(lang, self.index.by_id[key]))
            elif kind == "home":
                found.append(json_ld(self.organisation(lang)))
        return found

    def organisation(self, lang):
        name = self.translations[lang](INSTITUTION)
        others = [
            self.translations[other.code](INSTITUTION) for other in self.languages.others(lang)
        ]
        return {
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization",
            "@id": self.absolute(routes.home(self.languages.default.code)) + "#organization",
            "name": name,
            "alternateName": others,
            "url": self.absolute(routes.home(lang)),
            "logo": self.logo_object(),
            "areaServed": {"@type": "Country", "name": self.translations[lang](MOROCCO)},
        }

    def logo_object(self):
        return {
            "@type": "ImageObject",
            "url": self.logo,
            "width": LOGO_SIDE,
            "height": LOGO_SIDE,
        }

    def communique(self, lang, case):
        text = case.texts[lang]
        language = self.languages[lang]
        translate = self.translations[lang]
        url = self.absolute(routes.communique(lang, case.id))
        city = self.index.registries["cities"][case.city]
        images = self.images.get((lang, case.id))
        published, modified = case.published.isoformat(), case.updated.isoformat()
        head = [
            _meta("property", "og:type", "article"),
            _meta("property", "og:title", text.title),
            _meta("property", "og:description", text.summary),
            _meta("property", "og:url", url),
            _meta("property", "og:site_name", translate(SITE_NAME)),
            _meta("property", "og:locale", language.locale),
            *(
                _meta("property", "og:locale:alternate", other.locale)
                for other in self.languages.others(lang)
            ),
            _meta("property", "article:published_time", published),
            _meta("property", "article:modified_time", modified),
            _meta("name", "twitter:card", "summary_large_image" if images else "summary"),
            _meta("name", "twitter:title", text.title),
            _meta("name", "twitter:description", text.summary),
        ]
        article = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "@id": url,
            "url": url,
            "mainEntityOfPage": url,
            "headline": text.title,
            "description": text.summary,
            "datePublished": published,
            "dateModified": modified,
            "inLanguage": language.locale.replace("_", "-"),
            "isAccessibleForFree": True,
            "author": {
                "@type": "GovernmentOrganization",
                "name": self.index.registries["issuers"][case.issuer].name[lang],
            },
            "publisher": {
                "@type": "GovernmentOrganization",
                "@id": self.absolute(routes.home(self.languages.default.code)) + "#organization",
                "name": translate(INSTITUTION),
                "url": self.absolute(routes.home(lang)),
                "logo": self.logo_object(),
            },
            "contentLocation": {
                "@type": "Place",
                "name": city.name[lang],
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": city.name[lang],
                    "addressRegion": city.region[lang],
                    "addressCountry": "MA",
                },
                "geo": {"@type": "GeoCoordinates", "latitude": city.lat, "longitude": city.lon},
            },
        }
        if case.original_lang == lang:
            article["workTranslation"] = [
                {"@id": self.absolute(routes.communique(other.code, case.id))}
                for other in self.languages.others(lang)
            ]
        else:
            article["translationOfWork"] = {
                "@id": self.absolute(routes.communique(case.original_lang, case.id))
            }
        if images:
            card = self.absolute(images.card)
            alt = translate(CARD_ALT, title=text.title, dateline=self._dateline(lang, case))
            head += [
                _meta("property", "og:image", card),
                _meta("property", "og:image:type", "image/png"),
                _meta("property", "og:image:width", str(WIDTH)),
                _meta("property", "og:image:height", str(HEIGHT)),
                _meta("property", "og:image:alt", alt),
                _meta("name", "twitter:image", card),
                _meta("name", "twitter:image:alt", alt),
            ]
            article["image"] = [
                {"@type": "ImageObject", "url": card, "width": WIDTH, "height": HEIGHT}
            ]
        return Markup("").join(head) + json_ld(article)

    def _dateline(self, lang, case):
        city = self.index.registries["cities"][case.city].name[lang]
        date = self.formats[lang].short_date(case.published)
        return self.translations[lang](DATELINE, city=city, date=date)
