"""The last change of each file, from git: read once, then only the commits since the last
build; history rewritten means the whole log again; uncommitted files go by their time."""

import os
import subprocess

from communiques_site.communiques.history import last_changes


def git(cwd, *args, when=None):
    env = dict(os.environ)
    if when:
        env.update(GIT_AUTHOR_DATE=f"@{when} +0000", GIT_COMMITTER_DATE=f"@{when} +0000")
    subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, env=env)


def commit(repo, name, text, when):
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", f"{name} at {when}", when=when)


def test_commit_times_are_read_once_then_only_the_new_commits(tmp_path):
    repo, cache = tmp_path / "content", tmp_path / "cache"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Officer 17")
    git(repo, "config", "user.email", "officer17@example.org")
    commit(repo, "a.md", "a", 1_700_000_000)
    commit(repo, "b.md", "b", 1_700_000_100)
    paths = [str(repo / "a.md"), str(repo / "b.md")]
    assert last_changes(paths, repo, cache) == {paths[0]: 1_700_000_000, paths[1]: 1_700_000_100}
    assert (cache / "git-times.json").exists()

    commit(repo, "a.md", "a, corrected", 1_700_000_200)
    assert last_changes(paths, repo, cache)[paths[0]] == 1_700_000_200  # the new commit only
    assert last_changes(paths, repo, cache)[paths[1]] == 1_700_000_100  # kept from the cache

    # History rewritten: the cached commit is no ancestor of HEAD any more.
    git(repo, "commit", "-q", "--amend", "-m", "a.md corrected", when=1_700_000_300)
    assert last_changes(paths, repo, cache)[paths[0]] == 1_700_000_300

    (repo / "b.md").write_text("b, not committed yet", encoding="utf-8")
    os.utime(repo / "b.md", (1_800_000_000, 1_800_000_000))
    assert last_changes(paths, repo, cache)[paths[1]] == 1_800_000_000


def test_a_repository_reached_through_a_link_still_gives_commit_times(tmp_path):
    """Git names files by their real path; the content may be opened through a link (a
    deployment's `current` folder): each file's folder is resolved (once), or every file
    would look uncommitted and go by its time."""
    repo = tmp_path / "releases" / "content"
    (repo / "2026").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Officer 17")
    git(repo, "config", "user.email", "officer17@example.org")
    commit(repo, "2026/a.md", "a", 1_700_000_000)
    commit(repo, "b.md", "b", 1_700_000_100)
    os.utime(repo / "2026" / "a.md", (1_800_000_000, 1_800_000_000))
    os.utime(repo / "b.md", (1_800_000_000, 1_800_000_000))
    (tmp_path / "current").symlink_to(repo)
    linked = tmp_path / "current"
    paths = [str(linked / "2026" / "a.md"), str(linked / "b.md")]
    assert last_changes(paths, linked, tmp_path / "cache") == {
        paths[0]: 1_700_000_000,
        paths[1]: 1_700_000_100,
    }


def test_a_clone_in_another_folder_reads_only_the_commits_the_cache_has_not_seen(
    tmp_path, monkeypatch
):
    """The cache names files by their paths in the repository: a clone elsewhere (a CI job's
    own folder) reads the commits since, not ten years of log again."""
    repo, cache = tmp_path / "job-1" / "site", tmp_path / "cache"
    (repo / "content").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Officer 17")
    git(repo, "config", "user.email", "officer17@example.org")
    commit(repo, "content/a.md", "a", 1_700_000_000)
    assert last_changes([str(repo / "content" / "a.md")], repo / "content", cache)
    clone = tmp_path / "job-2" / "site"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    git(clone, "config", "user.name", "Officer 17")
    git(clone, "config", "user.email", "officer17@example.org")
    commit(clone, "content/b.md", "b", 1_700_000_100)
    logs = []
    real = subprocess.run

    def run(args, *rest, **options):
        if args[:1] == ["git"] and "log" in args:
            logs.append(args[3:])
        return real(args, *rest, **options)

    monkeypatch.setattr(subprocess, "run", run)
    paths = [str(clone / "content" / "a.md"), str(clone / "content" / "b.md")]
    times = last_changes(paths, clone / "content", cache)
    assert times == {paths[0]: 1_700_000_000, paths[1]: 1_700_000_100}
    assert len(logs) == 1 and any(".." in arg for arg in logs[0])  # the new commit only
