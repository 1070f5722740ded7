"""Every sentence the server's hooks say to the officer who pushed, in one place: the guides
quote each of them (tests/test_guides.py checks it), so a new one is written here first.

`{name}` is what the hook fills in; the guides write it `<…>`.
"""

# The gate (pre-receive): one line per problem, then REFUSED.
REVIEW_MISSING = (
    "commit {commit} ({subject}): Reviewed-by: missing; a second officer reviews the change, "
    'then: git commit --amend --trailer "Reviewed-by: <their key>"'
)
REVIEW_OWN = (
    "commit {commit} ({subject}): Reviewed-by: {key} is the key of the commit's own officer; "
    "a second officer reviews"
)
REVIEW_UNKNOWN = (
    "commit {commit} ({subject}): Reviewed-by: '{key}' is not a key of the registry of "
    "officers; name the reviewer by key (e.g. officer-0042), not by name"
)
MAINTAINER_NEEDED = (
    "commit {commit} ({subject}): changes {paths} outside content/; only a maintainer changes "
    "the site's code, settings and theme: ask a maintainer to review, then: "
    "git commit --amend --trailer 'Reviewed-by: <maintainer key>'"
)
REGISTRY_UNREADABLE = (
    "{registry}: {setting}: cannot read the registry of {who}: {error}; write it, one key a line "
    "(see deploy/{who}.example.txt), or point {setting} at it"
)
SYMLINK_IN_CONTENT = (
    "{path}:1: file: is a symbolic link; a communiqué or registry must be a file of its own: "
    "replace the link with the file it points to"
)
SYMLINK = (
    "{path}:1: file: is a symbolic link; the server takes files, not links, from a push: "
    "replace the link with the file it points to"
)
ARCHIVE_FAILED = "commit {commit}: the server cannot read the pushed files (git archive: {error})"
VALIDATE_FAILED = "commit {commit}: invoke validate stopped without a message (exit status {code})"
NOT_VALIDATED = (
    "the content of {commit} was not checked: the pushed code checks it only once a maintainer "
    "has reviewed the changes outside content/ above"
)
REFUSED = "refused: {count} in {commit}; nothing was published. Fix them and push again."
DELETED = "refused: {ref} is the published branch; it cannot be deleted."
NOT_FAST_FORWARD = (
    "refused: {commit} does not contain {published}, the last published commit of {branch}: "
    "the published branch's history is part of the record and is never rewritten; pull, rebase "
    "your work on it (git pull --rebase), then push again."
)
OVERTAKEN = (
    "refused: another push reached {branch} first (it is now at {current}); nothing was "
    "published from yours. Pull it (git pull --rebase), then push again."
)

# The publication (post-receive).
NOT_FOLLOWED = (
    "not published: the publishing checkout could not be brought to the tip of {branch} "
    "({error}); the site that was live stays live: tell the server's administrator."
)
SERVED_UNSET = "not published: set communiques.served (deploy/hooks/install.py --served)"
BUSY = "not published yet: {busy}; the next scheduled build will publish it."
FAILED = "not published: see above; the site that was live stays live."
KILLED = (
    "not published: the build was stopped by signal {signal} ({name}) before it put the new site "
    "live; the site that was live stays live, and the next scheduled build will publish it."
)
KILLED_AFTER_SWAP = (
    "published, but the build was stopped by signal {signal} ({name}) after it put the new site "
    "live; the next scheduled build finishes what is left (the feeds' pings)."
)
