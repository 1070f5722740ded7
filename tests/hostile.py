"""Hostile content shared by the safety tests: what an attacker (or a careless copy and paste)
could put in a text, and the check that none of it can run in a browser."""

import lxml.html

HOSTILE_MARKDOWN = """\
<script>window.__pwned = 1</script>

<iframe src="javascript:window.__pwned=1"></iframe>
<object data="x.swf"></object><embed src="x.swf">

Texte <span onmouseover="window.__pwned=1">survol</span> <img src=x onerror="window.__pwned=1">
<svg onload="window.__pwned=1"></svg> <details open ontoggle="window.__pwned=1">d</details>
<a href="javascript:window.__pwned=1">a</a> <a href="JaVaScRiPt:window.__pwned=1">b</a>
<a href="java&#09;script:window.__pwned=1">c</a> <a href=" &#106;avascript:window.__pwned=1">d</a>
<form action="javascript:window.__pwned=1"><button formaction="javascript:x">e</button></form>
<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:x">
<style>body { display: none }</style> <p style="color: red" id="main" class="notice">s</p>

[m](javascript:window.__pwned=1) [n](data:text/html,x) [o](vbscript:x) [p](//evil.example/)
[r][1] <javascript:window.__pwned=1> ![i](/x.png) [s]({static}/x.pdf)
[t](/&#09;/evil.example/) [u](/&#47;evil.example/) [v](/\\evil.example/)

[1]: java&#x09;script:window.__pwned=1
"""
# Elements that run, load, frame, submit or restyle something.
EXECUTABLE_TAGS = {"script", "iframe", "object", "embed", "svg", "form", "base", "meta", "style"}


def assert_inert(html):
    """Nothing in the fragment can run, load, frame or restyle anything."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter():
        assert element.tag not in EXECUTABLE_TAGS | {"img", "button"}, element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert name not in ("style", "id", "formaction", "src", "action"), name
            if name == "href":
                value = "".join(value.split())  # as a browser reads it
                assert value.startswith(("https://", "http://", "mailto:", "#")) or (
                    value.startswith("/") and not value.startswith(("//", "/\\"))
                ), value
    assert "javascript" not in "".join(
        value.lower() for element in root.iter() for value in element.attrib.values()
    )


# What the plain-text fields (title, summary, district, notes, reasons) receive: shown as text,
# it must arrive as text, character for character.
HOSTILE_TEXT = (
    "<script>window.__pwned=1</script><img src=x onerror=alert(1)>"
    "<iframe src=javascript:alert(1)></iframe> & [x](javascript:alert(1))"
)
ACTIVE_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "ping"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def _data_block(element):
    """A JSON-LD script is data a browser never runs (its escaping is tested in test_share)."""
    return element.tag == "script" and element.get("type") == "application/ld+json"


def url_is_unsafe(value):
    """As a browser reads a URL: blanks at the ends dropped, tabs and newlines removed."""
    value = "".join(value.split()).lower()
    return value.startswith(UNSAFE_SCHEMES)


def active_content(root):
    """Descriptions of everything in a parsed document that could run or load code."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in ACTIVE_ELEMENTS and not _data_block(element):
            found.append(f"<{tag}>")
        if tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                found.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES and url_is_unsafe(value):
                found.append(f"{tag} {name}={value}")
    return found
