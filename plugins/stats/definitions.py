"""What each published figure means: one definition per figure, each with its anchor on the
methodology page (/{lang}/stats/#def-<figure>). The pages link every figure to it."""


def N_(message):
    return message


DEFINITIONS = {
    "cases": (
        N_("Communiqués"),
        N_("Cases published, all types, withdrawn communiqués excluded."),
    ),
    "cases_by_type": (
        N_("By type"),
        N_(
            "Cases by type: arrest (suspects arrested), clarification (the video was debunked or "
            "put in context), search (an investigation is open and suspects are sought)."
        ),
    ),
    "persons_arrested": (
        N_("Persons arrested"),
        N_(
            "Persons arrested named in the communiqués, adults and minors (under 18) apart. The "
            "persons of a case that ended in an acquittal or with no offence are counted, but "
            "not as adults or minors: their details were removed."
        ),
    ),
    "response_hours_median": (
        N_("Median time to arrest"),
        N_(
            "Hours from the moment the video started to circulate to the first arrest, over the "
            "cases that give both times and where the arrest came after the video. The median "
            "is the nearest-rank 50th percentile: half the arrests came sooner."
        ),
    ),
    "response_hours_p90": (
        N_("90th percentile of the time to arrest"),
        N_(
            "The same times; nearest-rank percentile: sort the n values, take the one of rank "
            "⌈0.9 × n⌉. Nine arrests in ten came sooner or at that time."
        ),
    ),
    "share_within_24h": (
        N_("Arrested within 24 hours"),
        N_(
            "Share of the same cases whose first arrest came at most 24 hours after the video "
            "started to circulate."
        ),
    ),
    "share_within_72h": (
        N_("Arrested within 72 hours"),
        N_("Share of the same cases whose first arrest came at most 72 hours after."),
    ),
    "response_by_span": (
        N_("Time to arrest by span"),
        N_(
            "The same cases counted by the time from the video to the first arrest, rounded to "
            "a tenth of an hour as in the open data; each span includes its upper limit: an "
            "arrest 24 hours after the video counts in 12–24 h."
        ),
    ),
    "arrests_before_circulation": (
        N_("Arrests before the video circulated"),
        N_(
            "Cases where the suspect had been arrested before the video circulated (on a "
            "complaint, for instance). Counted apart: they are not negative times."
        ),
    ),
    "open_cases": (
        N_("Open cases"),
        N_("Cases still under investigation with at least one suspect sought."),
    ),
    "fake_share": (
        N_("Videos found staged, old, filmed abroad or misleading"),
        N_(
            "Share of cases whose video verification found it staged, old, filmed abroad or "
            "misleading, among all cases."
        ),
    ),
    "by_platform": (N_("By platform"), N_("Cases by the platform where the video circulated.")),
    "by_offence": (
        N_("By offence"),
        N_("Cases naming each offence; a case with several offences counts for each."),
    ),
    "by_month": (
        N_("By month"),
        N_("Cases by month of publication (Moroccan time), stacked by type."),
    ),
    "compare": (
        N_("Against the national median"),
        N_(
            "The city's median time to arrest minus the national median, in hours: negative "
            "means faster than the country as a whole."
        ),
    ),
}
