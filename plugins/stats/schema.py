"""The Table Schema of the open data and the Data Package that describes the files.

Descriptions are in English (the spec's `description`) with French and Arabic beside them in
`description_fr` and `description_ar` (custom properties, which the Data Package spec allows).
"""

from core import routes
from core.labels import STATUSES, TYPES, VERIFICATIONS

DATETIME = {"format": "%Y-%m-%dT%H:%M:%SZ"}
LIST = "Values separated by '|'."


def _field(name, kind, en, fr, ar, **extra):
    field = {
        "name": name,
        "type": kind,
        "description": en,
        "description_fr": fr,
        "description_ar": ar,
    }
    field.update(extra)
    return field


FIELDS = [
    _field(
        "id",
        "string",
        "Permanent id of the case.",
        "Identifiant permanent de l'affaire.",
        "المعرف الدائم للقضية.",
        constraints={
            "required": True,
            "unique": True,
            "pattern": r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9-]+",
        },
    ),
    _field(
        "withdrawn",
        "boolean",
        "Always false: withdrawn communiqués are in withdrawn.csv (column kept for old scripts).",
        "Toujours false : les communiqués retirés sont dans withdrawn.csv (colonne conservée).",
        "دائما false: البلاغات المسحوبة في withdrawn.csv (عمود محفوظ للبرامج القديمة).",
        constraints={"required": True},
        trueValues=["true"],
        falseValues=["false"],
    ),
    _field(
        "type",
        "string",
        "arrest, clarification or search.",
        "Interpellation, mise au point ou recherches.",
        "توقيف أو توضيح أو بحث.",
        constraints={"enum": list(TYPES)},
    ),
    _field(
        "published",
        "datetime",
        "When the communiqué was issued (UTC).",
        "Date de publication du communiqué (UTC).",
        "تاريخ صدور البلاغ (بالتوقيت العالمي).",
        constraints={"required": True},
        **DATETIME,
    ),
    _field(
        "updated",
        "datetime",
        "Latest major update (UTC).",
        "Dernière mise à jour importante (UTC).",
        "آخر تحيين هام (بالتوقيت العالمي).",
        **DATETIME,
    ),
    _field(
        "city",
        "string",
        "City key (cities.csv).",
        "Clé de la ville (cities.csv).",
        "مفتاح المدينة (cities.csv).",
    ),
    _field(
        "city_ar",
        "string",
        "City name in Arabic.",
        "Nom arabe de la ville.",
        "اسم المدينة بالعربية.",
    ),
    _field(
        "city_fr",
        "string",
        "City name in French.",
        "Nom français de la ville.",
        "اسم المدينة بالفرنسية.",
    ),
    _field(
        "region_fr",
        "string",
        "Region in French (2015 division).",
        "Région en français (découpage de 2015).",
        "الجهة بالفرنسية (تقسيم 2015).",
    ),
    _field(
        "latitude",
        "number",
        "City latitude (WGS 84).",
        "Latitude de la ville.",
        "خط عرض المدينة.",
        constraints={"minimum": 20, "maximum": 36.5},
    ),
    _field(
        "longitude",
        "number",
        "City longitude (WGS 84).",
        "Longitude de la ville.",
        "خط طول المدينة.",
        constraints={"minimum": -17.5, "maximum": -0.5},
    ),
    _field(
        "issuer",
        "string",
        "Issuing unit key (issuers.csv).",
        "Clé du service émetteur (issuers.csv).",
        "مفتاح الجهة المصدرة (issuers.csv).",
    ),
    _field(
        "offences",
        "string",
        f"Offence keys (offences.csv), most serious first. {LIST} One per row: case_offences.csv.",
        "Clés des infractions (offences.csv), la plus grave d’abord ; une par ligne dans "
        "case_offences.csv.",
        "مفاتيح الجرائم (offences.csv)، الأخطر أولا؛ جريمة في كل سطر في case_offences.csv.",
    ),
    _field(
        "platform",
        "string",
        "Key of the platform where the video circulated (platforms.csv).",
        "Clé de la plateforme de diffusion de la vidéo (platforms.csv).",
        "مفتاح منصة نشر الفيديو (platforms.csv).",
    ),
    _field(
        "circulated_at",
        "datetime",
        "When the video started to circulate (UTC).",
        "Début de la diffusion de la vidéo (UTC).",
        "بداية انتشار الفيديو.",
        **DATETIME,
    ),
    _field(
        "filmed_at",
        "datetime",
        "When the video was filmed, if known (UTC).",
        "Date de tournage, si connue (UTC).",
        "تاريخ التصوير إن كان معروفا.",
        **DATETIME,
    ),
    _field(
        "verification",
        "string",
        "What verification found of the video.",
        "Résultat de la vérification de la vidéo.",
        "نتيجة التحقق من الفيديو.",
        constraints={"enum": list(VERIFICATIONS)},
    ),
    _field(
        "arrested_at",
        "datetime",
        "First arrest (UTC).",
        "Première interpellation (UTC).",
        "أول توقيف.",
        **DATETIME,
    ),
    _field(
        "response_hours",
        "number",
        "Hours from circulation to first arrest (negative: arrested before).",
        "Heures entre la diffusion et la première interpellation (négatif : avant).",
        "عدد الساعات بين انتشار الفيديو وأول توقيف (سالب: قبل الانتشار).",
    ),
    _field(
        "publication_hours",
        "number",
        "Hours from circulation to the communiqué.",
        "Heures entre la diffusion et le communiqué.",
        "عدد الساعات بين الانتشار والبلاغ.",
    ),
    _field(
        "persons_arrested",
        "integer",
        "Persons arrested.",
        "Personnes interpellées.",
        "عدد الموقوفين.",
        constraints={"minimum": 0},
    ),
    _field(
        "adults",
        "integer",
        "Adults arrested among persons whose details are published (0 when they were removed).",
        "Majeurs interpellés parmi les personnes dont les données sont publiées (0 si retirées).",
        "الراشدون الموقوفون من بين من نُشرت معطياتهم (0 إذا حُذفت).",
        constraints={"minimum": 0},
    ),
    _field(
        "minors",
        "integer",
        "Minors arrested among persons whose details are published (0 when they were removed).",
        "Mineurs interpellés parmi les personnes dont les données sont publiées (0 si retirées).",
        "القاصرون الموقوفون من بين من نُشرت معطياتهم (0 إذا حُذفت).",
        constraints={"minimum": 0},
    ),
    _field(
        "details_removed",
        "boolean",
        "Persons' details removed: the case ended in acquittal or with no offence.",
        "Données des personnes retirées : acquittement ou absence d'infraction.",
        "حُذفت معطيات الأشخاص: براءة أو انعدام الجريمة.",
        trueValues=["true"],
        falseValues=["false"],
    ),
    _field(
        "ages",
        "string",
        f"Age of each person; 'minor' under 18. {LIST}",
        "Âge de chaque personne ; « minor » avant 18 ans.",
        "سن كل شخص؛ minor للقاصرين.",
    ),
    _field(
        "sexes", "string", f"Sex of each person. {LIST}", "Sexe de chaque personne.", "جنس كل شخص."
    ),
    _field(
        "prior_records",
        "string",
        f"Prior record of each adult (yes, no, unknown). {LIST}",
        "Antécédents de chaque majeur.",
        "السوابق القضائية لكل راشد.",
    ),
    _field(
        "sought",
        "integer",
        "Persons still sought.",
        "Personnes toujours recherchées.",
        "عدد المبحوث عنهم.",
        constraints={"minimum": 0},
    ),
    _field(
        "status",
        "string",
        "Current status of the case.",
        "État actuel de l'affaire.",
        "الوضعية الحالية للقضية.",
        constraints={"enum": list(STATUSES)},
    ),
    _field(
        "seized",
        "string",
        f"Seized items as key:quantity, or key alone when no quantity is given; keys in "
        f"seized.csv. {LIST}",
        "Objets saisis, clé:quantité ou clé seule sans quantité ; clés dans seized.csv.",
        "المحجوزات، مفتاح:كمية أو المفتاح وحده دون كمية؛ المفاتيح في seized.csv.",
    ),
    _field("title_ar", "string", "Title in Arabic.", "Titre en arabe.", "العنوان بالعربية."),
    _field("title_fr", "string", "Title in French.", "Titre en français.", "العنوان بالفرنسية."),
    _field(
        "url_ar",
        "string",
        "Permalink in Arabic.",
        "Lien permanent en arabe.",
        "الرابط الدائم بالعربية.",
        format="uri",
    ),
    _field(
        "url_fr",
        "string",
        "Permalink in French.",
        "Lien permanent en français.",
        "الرابط الدائم بالفرنسية.",
        format="uri",
    ),
    # Added in 2026-11: at the end, so that scripts reading columns by position keep working.
    _field(
        "region_ar",
        "string",
        "Region in Arabic (2015 division).",
        "Région en arabe (découpage de 2015).",
        "الجهة بالعربية (تقسيم 2015).",
    ),
    _field(
        "persons_details_removed",
        "integer",
        "Persons arrested whose details were removed (acquittal or no offence); "
        "persons_arrested = adults + minors + persons_details_removed.",
        "Personnes interpellées dont les données ont été retirées (acquittement ou absence "
        "d’infraction) ; persons_arrested = adults + minors + persons_details_removed.",
        "الموقوفون الذين حُذفت معطياتهم (براءة أو انعدام الجريمة)؛ "
        "persons_arrested = adults + minors + persons_details_removed.",
        constraints={"minimum": 0},
    ),
]


def _reference(field, resource, key):
    return {"fields": field, "reference": {"resource": resource, "fields": key}}


def _key(en, fr, ar):
    return _field("key", "string", en, fr, ar, constraints={"required": True, "unique": True})


def _names(what_en, what_fr, what_ar):
    return [
        _field(f"name_{lang}", "string", f"{what_en} in {language}.", fr, ar)
        for lang, language, fr, ar in (
            ("ar", "Arabic", f"{what_fr} en arabe.", f"{what_ar} بالعربية."),
            ("fr", "French", f"{what_fr} en français.", f"{what_ar} بالفرنسية."),
        )
    ]


# Every Table Schema of /data/, each written once as /data/schemas/<name>.json and referenced
# by path from the resources, so that datapackage.json does not repeat a schema per city.
SCHEMAS = {
    "communiques": {
        "fields": FIELDS,
        "primaryKey": ["id"],
        # Only single-key columns: the lists (offences, seized) cannot be foreign keys; the
        # offences have their long table, case_offences.csv.
        "foreignKeys": [
            _reference("city", "cities", "key"),
            _reference("issuer", "issuers", "key"),
            _reference("platform", "platforms", "key"),
        ],
        "missingValues": [""],
    },
    "cities": {
        "fields": [
            _key("City key.", "Clé de la ville.", "مفتاح المدينة."),
            *_names("City name", "Nom de la ville", "اسم المدينة"),
            _field(
                "region_ar",
                "string",
                "Region in Arabic (2015 division).",
                "Région en arabe (découpage de 2015).",
                "الجهة بالعربية (تقسيم 2015).",
            ),
            _field(
                "region_fr",
                "string",
                "Region in French (2015 division).",
                "Région en français (découpage de 2015).",
                "الجهة بالفرنسية (تقسيم 2015).",
            ),
            *(field for field in FIELDS if field["name"] in ("latitude", "longitude")),
        ],
        "primaryKey": ["key"],
        "missingValues": [""],
    },
    # Offences, issuers, platforms and seized items: a key and its two names.
    "registry": {
        "fields": [
            _key(
                "Key, as used in the other tables.",
                "Clé, telle qu’employée dans les autres tables.",
                "المفتاح كما يرد في الجداول الأخرى.",
            ),
            *_names("Name", "Nom", "الاسم"),
        ],
        "primaryKey": ["key"],
        "missingValues": [""],
    },
    "case_offences": {
        "fields": [
            _field(
                "id",
                "string",
                "Case id (communiques.csv).",
                "Identifiant de l’affaire (communiques.csv).",
                "معرف القضية (communiques.csv).",
                constraints={"required": True},
            ),
            _field(
                "offence",
                "string",
                "Offence key (offences.csv).",
                "Clé de l’infraction (offences.csv).",
                "مفتاح الجريمة (offences.csv).",
                constraints={"required": True},
            ),
            _field(
                "rank",
                "integer",
                "1 for the most serious offence of the case, then 2, 3…",
                "1 pour l’infraction la plus grave de l’affaire, puis 2, 3…",
                "1 لأخطر جريمة في القضية، ثم 2، 3…",
                constraints={"required": True, "minimum": 1},
            ),
        ],
        "primaryKey": ["id", "rank"],
        "foreignKeys": [
            _reference("id", "communiques", "id"),
            _reference("offence", "offences", "key"),
        ],
        "missingValues": [""],
    },
    "withdrawn": {
        "fields": [
            FIELDS[0],
            _field(
                "published",
                "datetime",
                "When the communiqué had been issued (UTC).",
                "Date de publication du communiqué (UTC).",
                "تاريخ صدور البلاغ (بالتوقيت العالمي).",
                constraints={"required": True},
                **DATETIME,
            ),
            _field(
                "withdrawn_at",
                "datetime",
                "When it was withdrawn (UTC).",
                "Date du retrait (UTC).",
                "تاريخ السحب (بالتوقيت العالمي).",
                constraints={"required": True},
                **DATETIME,
            ),
            _field(
                "reason_ar",
                "string",
                "Reason for the withdrawal, in Arabic.",
                "Motif du retrait, en arabe.",
                "سبب السحب بالعربية.",
            ),
            _field(
                "reason_fr",
                "string",
                "Reason for the withdrawal, in French.",
                "Motif du retrait, en français.",
                "سبب السحب بالفرنسية.",
            ),
        ],
        "primaryKey": ["id"],
        "missingValues": [""],
    },
}


def columns(schema):
    """The columns of a table, in the order of its schema (which is the CSV's order)."""
    return [field["name"] for field in SCHEMAS[schema]["fields"]]


def types(schema):
    return {field["name"]: field["type"] for field in SCHEMAS[schema]["fields"]}


def schema_path(schema):
    return f"schemas/{schema}.json"


LICENSE = {
    "name": "ODbL-1.0",
    "title": "Open Data Commons Open Database License 1.0",
    "path": "https://opendatacommons.org/licenses/odbl/1-0/",
}


def _resource(table):
    resource = {
        "name": table.name,
        "path": table.path,
        "format": table.path.rsplit(".", 1)[1],
        "mediatype": "text/csv" if table.path.endswith(".csv") else "application/json",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": schema_path(table.schema),
        "description": table.description["en"],
        "description_fr": table.description["fr"],
        "description_ar": table.description["ar"],
    }
    if table.path.endswith(".csv"):
        resource["dialect"] = {"delimiter": ",", "header": True}
    return resource


def datapackage(siteurl, tables, lang):
    """The descriptor of /data/: one resource per table, each pointing at its schema's file;
    its links go to the pages of language `lang` (the site's default)."""
    return {
        "profile": "tabular-data-package",
        "name": "communiques-surete-nationale",
        "title": "Communiqués of the Sûreté nationale about videos shared on social media",
        "description": "Cases published by the national police after videos shared on social "
        "media: facts, response times, outcomes, with the registries their keys refer to. "
        "Withdrawn communiqués: withdrawn.csv. The same tables for spreadsheets: communiques.xlsx. "
        f"Figures: stats.json; definitions: {siteurl}{routes.stats(lang)}.",
        "homepage": siteurl + routes.landing(),
        "licenses": [LICENSE],
        "sources": [
            {
                "title": "Direction générale de la Sûreté nationale, communiqués",
                "path": siteurl + routes.home(lang),
            }
        ],
        "resources": [_resource(table) for table in tables],
    }
