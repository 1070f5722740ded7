"""Settings of a local build (preview). publishconf.py adds what the published site needs."""


def N_(message):
    """Marks a language's name for the catalogs, which translate it into every language."""
    return message


SITENAME = "بلاغات الأمن الوطني | Communiqués de la Sûreté nationale"
SITEURL = "http://localhost:8000"
TIMEZONE = "Africa/Casablanca"
DEFAULT_LANG = "ar"

PATH = "content"
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
THEME = "theme"
# The plugins are the package communiques_site (plugins/communiques_site/), installed into the
# virtual environment by `make` (pip install -e .): the one way it is put on Python's path.
# The core runs the build's stages; the capability plugins contribute to them. Those whose template
# globals show something of a page (stats, share) come before bilingual, which registers the pages
# and judges their reuse by what those globals show (tlog works its codes out when first asked).
PLUGINS = [
    f"communiques_site.{name}"
    for name in (
        "core",
        "communiques",
        "feeds",
        "stats",
        "share",
        "bilingual",
        "search",
        "tlog",
        "compress",
    )
]

# The languages of the site, the first the default. Adding one: an entry here, its catalog in
# theme/translations/<code>/, its names in content/data/*.yaml and its file for each case.
SITE = {
    "languages": (
        {
            "code": "ar",
            "locale": "ar_MA",
            "direction": "rtl",
            "name": "العربية",
            "english": N_("Arabic"),
            "script": "Arab",
            "list_separator": "، ",
        },
        {
            "code": "fr",
            "locale": "fr_MA",
            "direction": "ltr",
            "name": "Français",
            "english": N_("French"),
            "script": "Latn",
        },
    ),
}

# The English names of the languages a site is most likely to add next, translated ahead in
# the catalogs as the names above are (tests/test_third_language.py builds the site in English).
NEXT_LANGUAGES = (N_("English"),)

COMMUNIQUES = {
    "folder": "communiques",
    "data": "data",
    # The day of the service's first communiqué: a case dated before it is a typing error.
    "first_published": "2025-01-01",
}
BILINGUAL = {
    "page_size": 20,
    # Linked from every page's footer, in this order.
    "required_pages": ("about", "accessibility", "legal", "personal-data", "contact"),
}

# Pelican's own article and page machinery is not used: the plugins read and render the cases.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
DELETE_OUTPUT_DIRECTORY = False  # the core builds into a fresh folder anyway
LOAD_CONTENT_CACHE = False
