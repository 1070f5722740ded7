"""Settings of a local build (preview). publishconf.py adds what the published site needs."""

SITENAME = "بلاغات الأمن الوطني | Communiqués de la Sûreté nationale"
SITEURL = "http://localhost:8000"
TIMEZONE = "Africa/Casablanca"
DEFAULT_LANG = "ar"

PATH = "content"
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# Order matters: the content model loads the index that the site renders.
PLUGINS = ["publishing", "communiques", "feeds", "stats", "bilingual"]

COMMUNIQUES = {
    "folder": "communiques",
    "data": "data",
}
BILINGUAL = {
    "languages": ("ar", "fr"),
    "page_size": 20,
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
DELETE_OUTPUT_DIRECTORY = False  # the publishing plugin builds into a fresh folder anyway
LOAD_CONTENT_CACHE = False
