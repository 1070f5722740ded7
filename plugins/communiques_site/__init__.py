"""The site's Pelican plugins, one package: core (languages, routes, settings, stages) and the
capabilities that build on it. PLUGINS names each by module: "communiques_site.feeds"."""
