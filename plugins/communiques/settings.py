"""Each plugin's settings: one namespaced dict in pelicanconf.py, merged with its defaults and
checked once, with messages that name the plugin."""


class SettingsError(ValueError):
    exitcode = 1


def merged(settings, name, defaults):
    """defaults updated with settings[name]; an unknown key is an error, not a silent typo."""
    given = settings.get(name, {})
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise SettingsError(
            f"{name}: unknown settings {', '.join(unknown)}; the settings are "
            f"{', '.join(sorted(defaults))}"
        )
    return dict(defaults, **given)
