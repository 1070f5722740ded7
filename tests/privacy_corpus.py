"""Strings the privacy check must catch, and similar ones it must let through.

Fictional numbers only. Both languages, both digit systems. `invoke privacy-corpus` prints the
counts of misses and false alarms; the tests require both to be zero. Names are looked for with
the site's own registry (content/data/names.yaml, with the cities of content/data/cities.yaml).
"""

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "content" / "data"


def names_registry():
    """The names registry of the site's data folder, read as a build reads it."""
    from communiques import registry
    from communiques.problems import Problems

    problems = Problems()
    names = registry.load(DATA, str, problems)["names"]
    assert not problems, problems.items
    return names


CATCH = [
    # Phone numbers: every common writing, Western and Eastern Arabic digits.
    ("phone number", "اتصلوا بالرقم 0612345678 للإبلاغ"),
    ("phone number", "رقم هاتفه 06 12 34 56 78"),
    ("phone number", "الهاتف: 06-12-34-56-78"),
    ("phone number", "Tél. 06.12.34.56.78"),
    ("phone number", "joignable au +212 612 345 678"),
    ("phone number", "joignable au +212612345678"),
    ("phone number", "au 00212 6 12 34 56 78"),
    ("phone number", "au (+212) 0612345678"),
    ("phone number", "الرقم ٠٦١٢٣٤٥٦٧٨ المتداول"),
    ("phone number", "على الرقم ٠٦ ١٢ ٣٤ ٥٦ ٧٨"),
    ("phone number", "fixe 0522 12 34 56"),
    ("phone number", "le 07 01 02 03 04 figurait dans la vidéo"),
    ("phone number", "رقمه 0712345678 كان ظاهرا"),
    ("phone number", "numéro 0612-345-678"),
    ("phone number", "+212-6-12-34-56-78"),
    ("phone number", "٠٠٢١٢٦١٢٣٤٥٦٧٨"),
    # National identity card numbers (CIN).
    ("national identity card number", "بطاقة التعريف رقم AB123456"),
    ("national identity card number", "titulaire de la CIN BK654321"),
    ("national identity card number", "CIN n° J123456"),
    ("national identity card number", "رقم البطاقة الوطنية EE 765432"),
    ("national identity card number", "la carte D98765"),
    ("national identity card number", "CNIE: ZT12345"),
    ("national identity card number", "بطاقته G654321 المحجوزة"),
    ("national identity card number", "pièce d'identité n° U1234567"),
    # Licence plates.
    ("licence plate", "السيارة تحمل لوحة الترقيم 12345-أ-6"),
    ("licence plate", "لوحة 12345 | ب | 26"),
    ("licence plate", "immatriculée 12345-A-6"),
    ("licence plate", "immatriculation 4567 | D | 1"),
    ("licence plate", "plaque 123/H/40"),
    ("licence plate", "اللوحة ١٢٣٤٥-د-٦"),
    ("licence plate", "véhicule WW 123456"),
    ("licence plate", "لوحة مؤقتة WW-45678"),
    ("licence plate", "la moto 2345-و-33"),
    # E-mail addresses.
    ("e-mail address", "راسلوا suspect.1990@gmail.com"),
    ("e-mail address", "l'adresse prenom.nom@example.ma"),
    ("e-mail address", "contact: a_b-c@mail.co.ma"),
    ("e-mail address", "البريد x123@hotmail.fr"),
    # Social-media handles and profile URLs.
    ("social-media handle", "le compte @moul_lkhir_99 a publié la vidéo"),
    ("social-media handle", "الحساب @casa.boy.official نشر المقطع"),
    ("social-media handle", "via @tiktoker2024"),
    ("social-media handle", "حساب @abc_def على تيك توك"),
    ("profile URL", "facebook.com/profile.php?id=100012345"),
    ("profile URL", "https://www.instagram.com/some.user/"),
    ("profile URL", "www.tiktok.com/@user123"),
    ("profile URL", "https://t.me/channelname"),
    ("profile URL", "youtube.com/c/chaine"),
    ("profile URL", "https://x.com/someone"),
    # Street addresses with a number.
    ("street address", "يقطن بزنقة الورود رقم 12"),
    ("street address", "بشارع محمد الخامس، رقم 45"),
    ("street address", "درب السلطان رقم 7"),
    ("street address", "عمارة 14 شقة 3 زنقة أ رقم 3"),
    ("street address", "domicilié rue des Oliviers, n° 12"),
    ("street address", "au 45, rue Ibn Batouta"),
    ("street address", "avenue Hassan II n° 123"),
    ("street address", "12 boulevard Zerktouni"),
    ("street address", "impasse des Roses no 4"),
    ("street address", "بزنقة ١٥ رقم ٢٣"),
    # Dates of birth.
    ("date of birth", "المزداد بتاريخ 12/03/1995"),
    ("date of birth", "من مواليد سنة 1998"),
    ("date of birth", "المزدادة يوم ١٢-٠٣-١٩٩٥"),
    ("date of birth", "né le 12/03/1995 à Fès"),
    ("date of birth", "née le 1er/05/2001"),
    ("date of birth", "date de naissance : 03.04.1990"),
    ("date of birth", "né en 1997"),
    ("date of birth", "تاريخ الازدياد 1999"),
]

PASS = [
    # Dates, years and times.
    "يوم الجمعة 27 نونبر 2026 على الساعة 18:30",
    "le vendredi 27 novembre 2026 à 18h30",
    "خلال سنة 2025",
    "en 2026, les services de police",
    "بتاريخ 12/03/2026",
    "le 12.03.2026",
    "يوم ٢٧ نونبر ٢٠٢٦",
    "à 06:45 du matin",
    "entre 2019 et 2024",
    "بين 2019 و2024",
    "de 8h à 17h",
    "خلال 48 ساعة",
    # Articles of the penal code and laws.
    "الفصل 400 من القانون الجنائي",
    "الفصلين 507 و509 من القانون الجنائي",
    "l'article 400 du Code pénal",
    "les articles 507 et 509",
    "القانون رقم 88.13",
    "la loi n° 103-13",
    "الظهير الشريف رقم 1.59.413",
    # Amounts, quantities, weights.
    "مبلغ 5000 درهم",
    "une somme de 12 500 dirhams",
    "1 500 000 درهم",
    "حجز 46 صفيحة من مخدر الشيرا",
    "380 comprimés psychotropes",
    "2,5 كيلوغرام",
    "0,5 gramme de cocaïne",
    "0612 gramme",  # too short to be a phone number
    "٥٠٠٠ درهم",
    # Ids, references and counts.
    "2026-11-27-casablanca-robbery",
    "le communiqué 2025-06-03-marrakech-old-video",
    "شخص يبلغ من العمر 24 سنة",
    "un individu âgé de 37 ans",
    "ثلاثة أشخاص تتراوح أعمارهم بين 19 و23 سنة",
    "l'un des 4 suspects",
    "الطريق الوطنية رقم 1",
    "l'autoroute A7",
    "sur la RN9",
    "la route N1",
    "vol AT205",
    "un Airbus A320",
    "le match de la 12e journée",
    "الدورة 14 من البطولة",
    # Places without a number.
    "بحي سيدي مومن",
    "au quartier Hay Salam",
    "boulevard Mohammed V",
    "بشارع محمد الخامس",
    "rue principale du quartier",
    "درب السلطان",
    "avenue des FAR",
    "زنقة الورود",
    # The word of a platform, not a profile.
    "sur Facebook et TikTok",
    "عبر تطبيق واتساب",
    "la plateforme X",
    "un e-mail anonyme",
    "البريد الإلكتروني",
    "@",
    "une adresse électronique",
    "le signe @ seul",
    # Percentages, scores, times of day.
    "83,7% des cas",
    "score de 2-1",
    "نتيجة 2-1",
    "à 21h15",
    "الساعة ١٨:٣٠",
    "الحراسة النظرية 48 ساعة",
    "né à Fès",
    "de nationalité marocaine, âgée de 36 ans",
    "المزدادون في المدينة",
]
