"""The public URL contract (see shared/domain.md). Permalinks are promises: never change one."""

LANGUAGES = ("ar", "fr")


def _paged(base, page):
    return base if page == 1 else f"{base}page/{page}/"


def landing():
    return "/"


def home(lang, page=1):
    return _paged(f"/{lang}/", page)


def communique(lang, case_id):
    return f"/{lang}/communiques/{case_id}/"


def cities(lang):
    return f"/{lang}/cities/"


def city(lang, key, page=1):
    return _paged(f"/{lang}/cities/{key}/", page)


def offences(lang):
    return f"/{lang}/offences/"


def offence(lang, key, page=1):
    return _paged(f"/{lang}/offences/{key}/", page)


def page(lang, slug):
    return f"/{lang}/{slug}/"


def stats(lang):
    return f"/{lang}/stats/"


def opendata(lang):
    return f"/{lang}/open-data/"


def feeds(lang):
    return f"/{lang}/feeds/"


def translations(lang):
    return f"/{lang}/translations/"


def output_file(url):
    """The file that serves a URL: directories get an index.html."""
    path = url.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path
