"""The words the images and the head's previews say, translated in the theme's catalogs."""

from communiques_site.core.labels import N_

COMMUNIQUE = N_("Communiqué")
KINGDOM = N_("Kingdom of Morocco")
INSTITUTION = N_("Directorate General of National Security")
# The place and date at the head of a communiqué: «وجدة، 27 غشت 2026», «Oujda, le 27 août 2026».
DATELINE = N_("%(city)s, %(date)s")
SITE_NAME = N_("National Police communiqués")
CARD_ALT = N_("Preview card of the communiqué: %(title)s. %(dateline)s.")
MOROCCO = N_("Morocco")
VERIFICATION = N_("Verification code:")  # the transparency log's word, before the code
QR_TITLE = N_("QR code of the verification address %(url)s")
