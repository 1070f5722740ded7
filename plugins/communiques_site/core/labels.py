"""The words for each value of the schema's lists, marked for the gettext catalogs."""


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated where it is shown."""
    return message


LABELS = {
    "type": {
        "arrest": N_("Arrest"),
        "clarification": N_("Clarification"),
        "search": N_("Search under way"),
    },
    "verification": {
        "authentic": N_("Authentic"),
        "staged": N_("Staged"),
        "old": N_("Old video re-posted"),
        "filmed-abroad": N_("Filmed abroad"),
        "misleading": N_("Misleading"),
        "unverified": N_("Not verified"),
    },
    "status": {
        "under-investigation": N_("Under investigation"),
        "referred-to-prosecutor": N_("Referred to the public prosecutor"),
        "charged": N_("Charged"),
        "released": N_("Released"),
        "convicted": N_("Convicted"),
        "acquitted": N_("Acquitted"),
        "no-offence": N_("No offence found"),
    },
    "sex": {"male": N_("male"), "female": N_("female")},
    "prior_record": {
        "yes": N_("has a prior record"),
        "no": N_("no prior record"),
        "unknown": N_("prior record not known"),
    },
    "custody": {
        "police-custody": N_("in police custody"),
        "minor-supervision": N_("under minors' supervision"),
        "released": N_("released"),
    },
    "update_kind": {"major": N_("Update"), "minor": N_("Correction")},
    # The facts an update can change, named as the open data's columns (communiques.facts).
    "fact": {
        "type": N_("Type"),
        "status": N_("Status"),
        "arrested_at": N_("First arrest"),
        "persons_arrested": N_("Persons arrested"),
        "persons_released": N_("Persons released"),
        "sought": N_("Still sought"),
        "verification": N_("Verification of the video"),
    },
}

# The values of the case's lists, in their order (their labels above say what they mean).
TYPES = tuple(LABELS["type"])
VERIFICATIONS = tuple(LABELS["verification"])
STATUSES = tuple(LABELS["status"])
FACT_FIELDS = tuple(LABELS["fact"])
