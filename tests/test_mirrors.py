"""Copies of the live tree kept in step (core.mirroring): a folder served by a second nginx,
sent to with rsync, and an S3-compatible store (moto's server, on loopback), after a
publication, an update, a withdrawal, and an upload interrupted then completed by the next run.
And the order every copy receives a publication in (core.publication.plan)."""

import urllib.request

import boto3
import pytest
from moto.server import ThreadedMotoServer

import webserver
from communiques_site.communiques import editing
from communiques_site.core import mirroring, publication
from sites import case_files, codes, make_site, with_minor_update

CASE = "2026-11-27-casablanca-robbery"
OTHER = "2026-11-27-tanger-robbery"
BUCKET = "communiques"
TARGET = f"s3://{BUCKET}/site"


@pytest.fixture
def store(monkeypatch):
    """An S3 client of a moto server on a free loopback port, with an empty bucket."""
    for name, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
    ):
        monkeypatch.setenv(name, value)
    port = webserver.free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        client = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}")
        client.create_bucket(Bucket=BUCKET)
        yield client
    finally:
        server.stop()


def tree(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def objects(client):
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix="site/"):
        for item in page.get("Contents", []):
            answer = client.get_object(Bucket=BUCKET, Key=item["Key"])
            name = item["Key"].removeprefix("site/")
            found[name] = (
                answer["Body"].read(),
                answer["ContentType"],
                answer.get("ContentEncoding"),
                answer.get("CacheControl"),
            )
    return found


def assert_in_step(output, mirror, client):
    live = tree(output)
    assert tree(mirror) == live
    stored = objects(client)
    assert set(stored) == set(live)
    for name, (data, media_type, encoding, rule) in stored.items():
        assert data == live[name], name
        assert media_type == publication.media_type(name), name
        assert encoding == publication.encoding(name), name
        assert rule == publication.cache_rule(name), name


def publish(output, mirror, client):
    mirroring.sync(str(output), str(mirror), mirroring.rsync)
    mirroring.sync(str(output), TARGET, lambda o, t, s: mirroring.s3(o, t, s, client))


def test_the_mirror_and_the_store_end_with_the_live_tree(tmp_path, store):
    site = make_site(tmp_path / "site", case_files(CASE))
    mirror = tmp_path / "mirror"
    assert site.build().ok
    publish(site.output, mirror, store)
    assert_in_step(site.output, mirror, store)

    for path, text in with_minor_update(CASE).items():  # an update
        site.write(path, text, raw=True)
    assert site.build().ok
    publish(site.output, mirror, store)
    assert_in_step(site.output, mirror, store)

    for lang in codes():  # a withdrawal
        path = site.content / f"communiques/2026/{CASE}.{lang}.md"
        editing.add_withdrawal(path, "سحب" if lang == "ar" else "Retrait", at="2026-11-28T11:00")
    assert site.build().ok
    publish(site.output, mirror, store)
    assert_in_step(site.output, mirror, store)

    # The second nginx serves the mirror as the first serves the live tree.
    page = f"/fr/communiques/{CASE}/"
    with (
        webserver.serve(site.output, tmp_path / "nginx-live") as live,
        webserver.serve(mirror, tmp_path / "nginx-mirror") as copy,
        urllib.request.urlopen(live + page) as one,
        urllib.request.urlopen(copy + page) as two,
    ):
        assert one.read() == two.read()


class Interrupted(Exception):
    pass


def interrupted(send, after):
    """A sender that sends the first `after` steps and then fails, like a dropped connection."""

    def partial(output, target, steps):
        send(output, target, steps[:after])
        raise Interrupted

    return partial


def test_an_interrupted_upload_is_completed_by_the_next_run(tmp_path, store):
    site = make_site(tmp_path / "site", case_files(CASE))
    mirror = tmp_path / "mirror"
    assert site.build().ok
    publish(site.output, mirror, store)
    files = case_files(OTHER).items()
    for path, text in files:
        site.write(path, text.replace("casablanca", "tanger"), raw=True)
    assert site.build().ok
    to_s3 = lambda o, t, s: mirroring.s3(o, t, s, store)  # noqa: E731
    for target, send in ((str(mirror), mirroring.rsync), (TARGET, to_s3)):
        with pytest.raises(Interrupted):
            mirroring.sync(str(site.output), target, interrupted(send, 5))
    assert tree(mirror) != tree(site.output)
    # Another publication comes before the next run: what the interrupted one half-sent and
    # this one no longer has must go too.
    for lang in codes():
        path = site.content / f"communiques/2026/{CASE}.{lang}.md"
        editing.add_withdrawal(path, "سحب" if lang == "ar" else "Retrait", at="2026-11-28T11:00")
    assert site.build().ok
    publish(site.output, mirror, store)
    assert_in_step(site.output, mirror, store)
    # Nothing left to send: the journal holds what the copies hold.
    assert mirroring.sync(str(site.output), str(mirror), mirroring.rsync) == []


def test_a_publication_sends_targets_before_the_pages_that_link_them_and_deletes_last():
    previous = {"fr/old/index.html": "1", "theme/css/site.0123456789.css": "1", "x.svg": "1"}
    new = {
        ".publication.json": "2",
        ".build-manifest.json": "2",
        ".published-record.json": "2",
        "data/communiques.csv": "2",
        "fr/feeds/all.atom": "2",
        "fr/index.html": "2",
        "fr/index.html.br": "2",
        f"fr/communiques/{CASE}/index.html": "2",
        "log/checkpoint": "2",
        "log/tile/0/000": "2",
        "sitemap.xml": "2",
        "theme/css/site.abcdef0123.css": "2",
        "x.svg": "1",
    }
    assert publication.plan(previous, new) == [
        ("put", "log/tile/0/000"),
        ("put", "theme/css/site.abcdef0123.css"),
        ("put", f"fr/communiques/{CASE}/index.html"),
        ("put", "fr/index.html.br"),
        ("put", "fr/index.html"),
        ("put", "fr/feeds/all.atom"),
        ("put", "sitemap.xml"),
        ("put", "data/communiques.csv"),
        ("put", "log/checkpoint"),
        ("put", ".published-record.json"),
        ("put", ".build-manifest.json"),
        ("put", ".publication.json"),
        ("delete", "fr/old/index.html"),
        ("delete", "theme/css/site.0123456789.css"),
    ]
