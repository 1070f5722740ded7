"""The Table Schema of the open data and the Data Package that describes the files.

Descriptions are in English (the spec's `description`) with French and Arabic beside them in
`description_fr` and `description_ar` (custom properties, which the Data Package spec allows).
"""

from communiques.schema import STATUSES, TYPES, VERIFICATIONS

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
        "The communiqué was withdrawn: only id and date remain.",
        "Le communiqué a été retiré : seuls l'identifiant et la date restent.",
        "تم سحب البلاغ: لا يبقى إلا المعرف والتاريخ.",
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
    _field("city", "string", "City key.", "Clé de la ville.", "مفتاح المدينة."),
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
        "Region (2015 division).",
        "Région (découpage de 2015).",
        "الجهة (تقسيم 2015).",
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
        "issuer", "string", "Issuing unit key.", "Clé du service émetteur.", "مفتاح الجهة المصدرة."
    ),
    _field(
        "offences",
        "string",
        f"Offence keys, most serious first. {LIST}",
        "Clés des infractions, la plus grave d'abord.",
        "مفاتيح الجرائم، الأخطر أولا.",
    ),
    _field(
        "platform",
        "string",
        "Platform where the video circulated.",
        "Plateforme de diffusion de la vidéo.",
        "منصة نشر الفيديو.",
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
        "Adults arrested (empty when details were removed).",
        "Majeurs interpellés (vide si les données ont été retirées).",
        "الراشدون الموقوفون.",
        constraints={"minimum": 0},
    ),
    _field(
        "minors",
        "integer",
        "Minors arrested (empty when details were removed).",
        "Mineurs interpellés (vide si les données ont été retirées).",
        "القاصرون الموقوفون.",
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
        f"Seized items as item:quantity. {LIST}",
        "Objets saisis (objet:quantité).",
        "المحجوزات.",
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
]

TABLE_SCHEMA = {"fields": FIELDS, "primaryKey": ["id"], "missingValues": [""]}
LICENSE = {
    "name": "ODbL-1.0",
    "title": "Open Data Commons Open Database License 1.0",
    "path": "https://opendatacommons.org/licenses/odbl/1-0/",
}


def _resource(name, path, description):
    resource = {
        "name": name,
        "path": path,
        "format": path.rsplit(".", 1)[1],
        "mediatype": "text/csv" if path.endswith(".csv") else "application/json",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": TABLE_SCHEMA,
        "description": description,
    }
    if path.endswith(".csv"):
        resource["dialect"] = {"delimiter": ",", "header": True}
    return resource


def datapackage(siteurl, cities):
    """The descriptor of /data/: both full files and one CSV per city, one schema for all."""
    resources = [
        _resource(
            "communiques", "communiques.csv", "Every published communiqué, one row per case."
        ),
        _resource("communiques-json", "communiques.json", "The same rows as JSON objects."),
        *(
            _resource(f"city-{city}", f"cities/{city}.csv", f"The communiqués about {city}.")
            for city in cities
        ),
    ]
    return {
        "profile": "tabular-data-package",
        "name": "communiques-surete-nationale",
        "title": "Communiqués of the Sûreté nationale about videos shared on social media",
        "description": "Cases published by the national police after videos shared on social "
        "media: facts, response times, outcomes. Figures: stats.json; definitions: /fr/stats/.",
        "homepage": siteurl + "/",
        "licenses": [LICENSE],
        "sources": [
            {
                "title": "Direction générale de la Sûreté nationale, communiqués",
                "path": siteurl + "/fr/",
            }
        ],
        "resources": resources,
    }
