"""Settings of the published site: every setting of pelicanconf.py, plus the public address."""

import runpy
from pathlib import Path

globals().update(
    (name, value)
    for name, value in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
    if name.isupper()
)

SITEURL = "https://communiques.dgsn.gov.ma"
# The published site never carries a draft or an embargoed item, whatever a preview says.
COMMUNIQUES = dict(globals().get("COMMUNIQUES", {}), drafts=False, preview=False)
RELATIVE_URLS = False

# Where `invoke publish` uploads the site (an rsync destination), and the WebSub hubs it pings.
PUBLISH_TARGET = "/srv/www/communiques/"
FEEDS = dict(globals().get("FEEDS", {}), hubs=("https://pubsubhubbub.appspot.com/",))
# The transparency log's signing key: on the publishing server only, readable by the publishing
# user alone (deploy/hooks/install.py --log-key creates it); never in the repository.
LOG = {"key": "/srv/communiques/log.key"}
