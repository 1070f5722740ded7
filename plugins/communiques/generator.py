"""The Pelican side: read the content once, stop the build on any problem, share the index."""

from pelican.generators import Generator

from .loading import load
from .problems import ContentError


class CommuniquesGenerator(Generator):
    """Loads every case into `context["communiques"]` for the generators that render them."""

    def generate_context(self):
        index, problems = load(self.settings)
        if problems:
            raise ContentError(problems)
        self.context["communiques"] = index


def get_generators(pelican):
    return CommuniquesGenerator
