"""The gates of the publishing server, each tried the way a pusher would get round it: a commit
that reaches the published branch through another branch, a change of the code by an officer
(which would change the gate of the next push), a force-push, two pushes at once, a symbolic
link in the pushed tree. Real bare repositories, clones and hooks, as in test_git_path."""

import os
import subprocess

import pytest

from sites import case_files
from test_git_path import CASE, commit_case, git, make_server, page, push, review

MAINTAINER = "maintainer-0003"


@pytest.fixture
def server(tmp_path):
    return make_server(tmp_path)


def add_case(clone, case_id, message, trailer=None):
    """A commit of a new valid case (its city is Casablanca, as in its id)."""
    for relative, text in case_files(case_id).items():
        path = clone / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(clone, "add", "-A")
    extra = ["--trailer", f"Reviewed-by: {trailer}"] if trailer else []
    git(clone, "commit", "-q", "-m", message, *extra)
    return git(clone, "rev-parse", "HEAD").stdout.strip()


def registries(bare, tmp_path, review=False):
    """The registries of officers and maintainers, named in the bare repository's config."""
    officers, maintainers = tmp_path / "officers.txt", tmp_path / "maintainers.txt"
    officers.write_text("officer-0017\nofficer-0042\n")
    maintainers.write_text(f"# keys, not names\n{MAINTAINER}\n")
    git(bare, "config", "communiques.officers", str(officers))
    git(bare, "config", "communiques.maintainers", str(maintainers))
    git(bare, "config", "communiques.requireReview", "true" if review else "false")


def test_a_commit_pushed_first_to_another_branch_is_reviewed_when_it_reaches_main(server, tmp_path):
    officer, bare, served = server
    registries(bare, tmp_path, review=True)
    commit_case(officer, "Tanger: not reviewed")
    shared = git(officer, "push", "origin", "HEAD:refs/heads/shared-work", check=False)
    assert shared.returncode == 0, shared.stderr  # other branches are for shared work
    add_case(officer, "2026-11-27-casablanca-theft", "Casablanca: reviewed", "officer-0042")

    bypass = push(officer)

    assert bypass.returncode != 0
    assert "(Tanger: not reviewed): Reviewed-by: missing;" in bypass.stderr
    assert "(Casablanca: reviewed)" not in bypass.stderr
    assert not page(served).exists()


def test_only_a_maintainer_changes_what_lies_outside_content(server, tmp_path):
    officer, bare, served = server
    registries(bare, tmp_path)
    ran = tmp_path / "the pushed code ran"
    # A gate that lets everything through, and tasks that would run as soon as validated.
    (officer / "deploy/hooks/pre-receive.py").write_text("import sys\nsys.exit(0)\n")
    with (officer / "tasks.py").open("a") as tasks:
        tasks.write(f"\nPath({str(ran)!r}).touch()\n")
    git(officer, "add", "-A")
    git(officer, "commit", "-q", "-m", "A faster gate")
    # Hidden behind a content commit, and reviewed by an officer who is no maintainer.
    add_case(officer, "2026-11-27-casablanca-theft", "Casablanca: theft")
    review(officer, "officer-0042")

    refused = push(officer)

    assert refused.returncode != 0
    assert (
        "(A faster gate): changes deploy/hooks/pre-receive.py, tasks.py outside content/; only "
        "a maintainer changes the site's code, settings and theme: ask a maintainer to review, "
        "then: git commit --amend --trailer 'Reviewed-by: <maintainer key>'" in refused.stderr
    )
    assert "(Casablanca: theft)" not in refused.stderr  # content is an officer's to change
    assert not ran.exists()  # the pushed code did not run
    assert not page(served, "2026-11-27-casablanca-theft").exists()

    # The maintainer who commits an officer's change does not review it by naming themself.
    git(officer, "reset", "-q", "--hard", "origin/main")
    with (officer / "tasks.py").open("a") as tasks:
        tasks.write("\n# a maintainer's change\n")
    as_maintainer = dict(os.environ, GIT_COMMITTER_EMAIL=f"{MAINTAINER}@dgsn.gov.ma")
    subprocess.run(
        ["git", "commit", "-q", "-am", "A comment", "--trailer", f"Reviewed-by: {MAINTAINER}"],
        cwd=officer,
        env=as_maintainer,
        check=True,
    )
    refused = push(officer)
    assert refused.returncode != 0 and "(A comment): changes tasks.py outside" in refused.stderr

    git(officer, "commit", "-q", "--amend", "--no-edit")  # committed by the officer now
    reviewed = push(officer)
    assert reviewed.returncode == 0, reviewed.stderr


def test_a_missing_registry_of_maintainers_refuses_code_changes_in_plain_words(server):
    officer, _, _ = server
    with (officer / "pelicanconf.py").open("a") as settings:
        settings.write("# a setting\n")
    git(officer, "commit", "-q", "-am", "A setting")
    refused = push(officer)
    assert refused.returncode != 0
    assert (
        "deploy/maintainers.txt: communiques.maintainers: cannot read the registry of "
        "maintainers: No such file or directory; write it, one key a line (see "
        "deploy/maintainers.example.txt), or point communiques.maintainers at it" in refused.stderr
    )


def test_the_published_history_is_never_rewritten(server):
    officer, bare, served = server
    assert git(bare, "config", "receive.denyNonFastForwards").stdout.strip() == "true"
    # The hook refuses on its own, whatever the repository's setting.
    git(bare, "config", "receive.denyNonFastForwards", "false")
    commit_case(officer, "Tanger: an arrest after a video")
    assert push(officer).returncode == 0
    published = git(bare, "rev-parse", "main").stdout
    # The same files, another history: only the rule of the history stops it.
    git(officer, "commit", "-q", "--amend", "-m", "Tanger: reworded")

    forced = git(officer, "push", "--force", "origin", "main", check=False)

    assert forced.returncode != 0
    assert (
        f"refused: {git(officer, 'rev-parse', 'HEAD').stdout[:10]} does not contain "
        f"{published[:10]}, the last published commit of main: the published branch's history "
        "is part of the record and is never rewritten; pull, rebase your work on it "
        "(git pull --rebase), then push again." in forced.stderr
    )
    assert git(bare, "rev-parse", "main").stdout == published
    assert page(served).exists()


def test_of_two_pushes_at_once_the_second_is_told_to_pull_in_plain_words(server, tmp_path):
    officer, bare, served = server
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(bare), str(other))
    git(other, "config", "user.email", "officer-0042@dgsn.gov.ma")
    git(other, "config", "user.name", "Officer 42")
    add_case(officer, "2026-11-27-casablanca-theft", "Casablanca: theft")
    add_case(other, "2026-11-27-casablanca-fraud", "Casablanca: fraud")

    both = [
        subprocess.Popen(
            ["git", "push", "origin", "main"], cwd=clone, stderr=subprocess.PIPE, text=True
        )
        for clone in (officer, other)
    ]
    results = [(p.wait(120), p.stderr.read()) for p in both]

    assert sorted(code for code, _ in results) == [0, 1], results
    [said] = [stderr for code, stderr in results if code]
    assert "cannot lock ref" not in said and "failed to update ref" not in said
    tip = git(bare, "rev-parse", "main").stdout.strip()
    assert (
        f"remote: refused: another push reached main first (it is now at {tip[:10]}); nothing "
        "was published from yours. Pull it (git pull --rebase), then push again." in said
    )
    late = officer if results[0][0] else other
    git(late, "pull", "-q", "--rebase", "origin", "main")
    assert push(late).returncode == 0
    for case in ("2026-11-27-casablanca-theft", "2026-11-27-casablanca-fraud"):
        assert page(served, case).exists()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            f"content/communiques/2026/{CASE}.fr.md",
            "is a symbolic link; a communiqué or registry must be a file of its own: replace "
            "the link with the file it points to",
        ),
        (
            "theme/static/passwd",
            "is a symbolic link; the server takes files, not links, from a push: replace the "
            "link with the file it points to",
        ),
    ],
)
def test_a_symbolic_link_is_refused_in_plain_words(server, tmp_path, path, message):
    officer, bare, served = server
    registries(bare, tmp_path)
    commit_case(officer, "Tanger: an arrest after a video", trailer=MAINTAINER)
    link = officer / path
    link.unlink(missing_ok=True)
    link.symlink_to("/etc/passwd")
    git(officer, "add", "-A")
    git(officer, "commit", "-q", "--amend", "--no-edit")

    refused = push(officer)

    assert refused.returncode != 0
    assert f"remote: {path}:1: file: {message}" in refused.stderr
    assert "Traceback" not in refused.stderr and "Error" not in refused.stderr
    assert not page(served).exists()


def test_a_merge_that_changes_the_code_itself_needs_a_maintainer(server, tmp_path):
    """What a merge takes from a parent was judged with the commit that brought it; what it
    changes itself (an "evil merge") is judged with the merge."""
    officer, bare, served = server
    registries(bare, tmp_path)
    git(officer, "checkout", "-q", "-b", "work")
    add_case(officer, "2026-11-27-casablanca-theft", "Casablanca: theft")
    git(officer, "checkout", "-q", "main")
    add_case(officer, "2026-11-27-casablanca-fraud", "Casablanca: fraud")
    git(officer, "merge", "-q", "--no-ff", "--no-commit", "work")
    with (officer / "tasks.py").open("a") as tasks:
        tasks.write("\n# slipped into the merge\n")
    git(officer, "add", "tasks.py")
    git(officer, "commit", "-q", "-m", "Merge the shared work")

    refused = push(officer)

    assert refused.returncode != 0
    assert "(Merge the shared work): changes tasks.py outside content/" in refused.stderr
    assert "(Casablanca: theft)" not in refused.stderr
    assert "(Casablanca: fraud)" not in refused.stderr
    git(officer, "commit", "-q", "--amend", "--no-edit", "--trailer", f"Reviewed-by: {MAINTAINER}")
    accepted = push(officer)
    assert accepted.returncode == 0, accepted.stderr
    assert page(served, "2026-11-27-casablanca-theft").exists()
