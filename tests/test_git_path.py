"""From an officer's commit to the public site, as on the publishing server: a bare repository
with the hooks of deploy/hooks/ (installed by install.py), the publishing checkout they build
in, and the folder nginx serves. A good push is published; a broken one is refused with the
build's messages and leaves the site as it was; so is one without a second officer's review
when reviews are required. The CI workflows of deploy/ci/ run only tasks that exist."""

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from invoke import Collection

from conftest import ROOT
from sites import case_files, configured_source, make_site

# What the content repository holds besides content/: the project itself.
PROJECT = [
    "tasks.py",
    "pelicanconf.py",
    "publishconf.py",
    ".gitignore",
    "plugins",
    "theme",
    "deploy",
]
OFFICER = "officer-0017@dgsn.gov.ma"
REVIEWER = "officer-0042"
CASE = "2026-11-27-tanger-robbery"


def git(cwd, *args, check=True):
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert not check or result.returncode == 0, result.stderr
    return result


def project_copy(folder, feeds="hubs=()"):
    """The content repository as officers clone it, with a small site for content/; `feeds`
    the FEEDS options publishconf.py sets (by default, no hub)."""
    folder.mkdir(parents=True)
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    # The tests' languages (sites.configured), which the server's build reads from the clone.
    with (folder / "pelicanconf.py").open("a") as conf:
        conf.write(configured_source())
    # No WebSub hub is pinged from a test, but a local one.
    with (folder / "publishconf.py").open("a") as conf:
        conf.write(f"FEEDS = dict(FEEDS, {feeds})\n")
        # No signing key on a test machine: the throw-away one (tlog/throwaway.key).
        conf.write("LOG = {'key': None}\n")
    make_site(folder, case_files())
    # The registry of names the privacy check needs (a site without one uses the project's).
    shutil.copy2(ROOT / "content/data/names.yaml", folder / "content/data/names.yaml")
    return folder


@pytest.fixture
def server(tmp_path):
    """(the officer's clone, the bare repository, the served folder) with the hooks installed."""
    return make_server(tmp_path)


def make_server(tmp_path, feeds="hubs=()"):
    """The set-up of the README's "Publishing": (officer's clone, bare repository, served)."""
    officer = project_copy(tmp_path / "officer", feeds)
    git(officer, "init", "-q", "-b", "main")
    git(officer, "config", "user.name", "Officer 17")
    git(officer, "config", "user.email", OFFICER)
    git(officer, "add", "-A")
    git(officer, "commit", "-q", "-m", "The site and its first case")
    bare, home = tmp_path / "communiques.git", tmp_path / "srv" / "communiques"
    git(tmp_path, "clone", "-q", "--bare", str(officer), str(bare))
    git(tmp_path, "clone", "-q", str(bare), str(home))
    served = tmp_path / "www" / "communiques"
    served.parent.mkdir()
    installed = subprocess.run(
        [sys.executable, str(home / "deploy/hooks/install.py"), str(bare), "--served", str(served)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    git(officer, "remote", "add", "origin", str(bare))
    git(officer, "fetch", "-q", "origin")
    git(officer, "branch", "-q", "--set-upstream-to", "origin/main")
    return officer, bare, served


def commit_case(officer, message, city="tanger", trailer=None):
    files = case_files(CASE)
    for relative, text in files.items():
        path = officer / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("city: casablanca", f"city: {city}"), encoding="utf-8")
    git(officer, "add", "-A")
    extra = ["--trailer", f"Reviewed-by: {trailer}"] if trailer else []
    git(officer, "commit", "-q", "-m", message, *extra)


def review(officer, reviewer):
    """The officer's last commit, its trailer naming `reviewer` (in place of any before)."""
    subject = git(officer, "log", "-1", "--format=%s").stdout.strip()
    git(officer, "commit", "-q", "--amend", "-m", f"{subject}\n\nReviewed-by: {reviewer}\n")


def push(officer):
    return git(officer, "push", "origin", "main", check=False)


def page(served, case=CASE):
    return served / "fr" / "communiques" / case / "index.html"


def test_a_push_is_validated_then_published_into_the_served_folder(server):
    officer, bare, served = server
    commit_case(officer, "Tanger: an arrest after a video")
    pushed = push(officer)
    assert pushed.returncode == 0, pushed.stderr
    assert page(served).exists() and page(served, "2026-11-27-casablanca-robbery").exists()
    assert "remote: Built " in pushed.stderr and "remote: Published to " in pushed.stderr
    assert not list(served.parent.glob("communiques.staging-*"))
    published = page(served).read_bytes()

    commit_case(officer, "Tanger: the city's name in English", city="tangier")
    refused = push(officer)
    assert refused.returncode != 0
    problem = re.search(
        rf"remote: (content/communiques/2026/{CASE}\.ar\.md:\d+: city: .*)", refused.stderr
    )
    assert problem, refused.stderr
    assert "refused: 1 problem in " in refused.stderr
    assert "[remote rejected] main -> main (pre-receive hook declined)" in refused.stderr
    assert page(served).read_bytes() == published
    assert git(bare, "rev-parse", "main").stdout != git(officer, "rev-parse", "HEAD").stdout


def test_a_push_that_deletes_a_published_communique_is_refused(server):
    officer, _, served = server
    commit_case(officer, "Tanger: an arrest after a video")
    assert push(officer).returncode == 0
    published = page(served).read_bytes()
    for path in (officer / "content" / "communiques" / "2026").glob(f"{CASE}.*.md"):
        path.unlink()
    git(officer, "add", "-A")
    git(officer, "commit", "-q", "-m", "Tanger: remove the communiqué")
    refused = push(officer)
    assert refused.returncode != 0
    assert "cannot be deleted: its address is a promise" in refused.stderr
    assert f"(invoke withdraw {CASE} --reason" in refused.stderr
    assert page(served).read_bytes() == published


def test_when_reviews_are_required_a_second_officer_s_key_is_needed(server, tmp_path):
    officer, bare, served = server
    officers = tmp_path / "officers.txt"
    officers.write_text(f"# keys, not names\n{OFFICER.split('@')[0]}\n{REVIEWER}\n")
    git(bare, "config", "communiques.requireReview", "true")
    git(bare, "config", "communiques.officers", str(officers))

    commit_case(officer, "Tanger: an arrest after a video")
    unreviewed = push(officer)
    assert unreviewed.returncode != 0
    assert "(Tanger: an arrest after a video): Reviewed-by: missing;" in unreviewed.stderr
    assert not page(served).exists()

    review(officer, "officer-0017")
    self_reviewed = push(officer)
    assert self_reviewed.returncode != 0
    assert "officer-0017 is the key of the commit's own officer" in self_reviewed.stderr

    review(officer, "Karim B.")
    named = push(officer)
    assert named.returncode != 0 and "'karim b.' is not a key" in named.stderr

    review(officer, REVIEWER)
    reviewed = push(officer)
    assert reviewed.returncode == 0, reviewed.stderr
    assert page(served).exists()


def strings(node):
    """Every string of a parsed YAML document: the commands are among them, wherever a
    workflow's syntax puts them (run:, script:, anchors)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def invoked_tasks(workflow):
    """The task of every `invoke` command of a CI file (after its options, if any)."""
    found = set()
    for text in strings(yaml.safe_load(workflow.read_text())):
        found |= set(re.findall(r"\binvoke\s+(?:--?[\w-]+\s+)*([a-z][\w-]*)", text))
    return found


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml"])
def test_the_ci_workflows_run_only_tasks_of_tasks_py(name):
    sys.path.insert(0, str(ROOT))
    import tasks

    known = set(Collection.from_module(tasks).task_names)
    used = invoked_tasks(ROOT / "deploy" / "ci" / name)
    assert {"validate", "build", "publish"} <= used
    assert used <= known, f"{name} runs tasks that tasks.py lacks: {used - known}"
