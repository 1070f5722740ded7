"""What a text may contain: each refused construct with the exact message and line an officer
reads; and the sanitiser, the second line of defence, on its own."""

import lxml.html
import pytest

from communiques_site.communiques import markdown_cache, sanitise
from communiques_site.communiques.markdown_cache import MarkdownCache
from hostile import HOSTILE_MARKDOWN, assert_inert
from sites import ORIGINAL, TRANSLATION, case_files, load_content, make_site

CASE = "2026-11-27-casablanca-robbery"
AR = f"content/communiques/2026/{CASE}.ar.md"
FR = f"content/communiques/2026/{CASE}.fr.md"
BODY_LINE = 7  # the first line of TRANSLATION's body
LINK_FIX = (
    "link to an https://, http:// or mailto: address, or to a page of this site from its root "
    "(/fr/…)"
)
MARKDOWN_FIX = (
    "write Markdown instead (**bold**, *italic*, [text](https://…), tables with |) or remove it"
)
PLAIN_FIX = "this field is plain text (never Markdown or HTML): remove it"


def link(target):
    return f'body: link target "{target}" is not allowed; {LINK_FIX}'


def raw_html(tag):
    return f'body: raw HTML ("{tag}") is not allowed; {MARKDOWN_FIX}'


def messages_for_body(tmp_path, added):
    """Messages when `added` is written two lines below the first line of the French body."""
    escaped = added.replace("{", "{{").replace("}", "}}")  # case_files formats the text
    translation = TRANSLATION + "\n" + escaped + "\n"
    return load_content(tmp_path, case_files(CASE, ORIGINAL, translation))[1]


def at(line, message, path=FR):
    return f"{path}:{line}: {message}"


# Each hostile construct, written on line 9 of the French file.
REFUSED = {
    "script block": ("<script>alert(1)</script>", [raw_html("<script>alert(1)</script>")]),
    "script over lines": (
        "<script>\nalert(1)\n</script>",
        [raw_html("<script>")],
    ),
    "event handler": (
        "Le suspect <span onmouseover=alert(1)>fuyait</span>.",
        [raw_html("<span onmouseover=alert(1)>")],
    ),
    "iframe": (
        '<iframe src="https://example.org/"></iframe>',
        [raw_html('<iframe src="https://example.org/"></iframe>')],
    ),
    "raw link": (
        'Voir <a href="javascript:alert(1)">ici</a>.',
        [raw_html('<a href="javascript:alert(1)">')],
    ),
    "comment": (
        "Texte <!-- à revoir --> fin.",
        [
            'body: an HTML comment ("<!-- à revoir -->") is not allowed; remove it '
            '(only "<!-- privacy-ok: reason -->" may end a line)'
        ],
    ),
    "javascript link": ("[ici](javascript:alert(1))", [link("javascript:alert(1)")]),
    "mixed case": ("[ici](JaVaScRiPt:alert(1))", [link("JaVaScRiPt:alert(1)")]),
    "tab entity": ("[ici](java&#09;script:alert(1))", [link("java&#09;script:alert(1)")]),
    "letter entity": ("[ici](&#106;avascript:alert(1))", [link("&#106;avascript:alert(1)")]),
    "colon entity": ("[ici](javascript&colon;alert(1))", [link("javascript&colon;alert(1)")]),
    "leading blanks": ("[ici](   javascript:alert(1))", [link("javascript:alert(1)")]),
    "angle brackets": ("[ici](<javascript:alert(1)>)", [link("javascript:alert(1)")]),
    "data": (
        "[ici](data:text/html;base64,PHNjcmlwdD4=)",
        [link("data:text/html;base64,PHNjcmlwdD4=")],
    ),
    "vbscript": ("[ici](vbscript:msgbox(1))", [link("vbscript:msgbox(1)")]),
    "autolink": ("Voir <javascript:alert(1)>.", [link("javascript:alert(1)")]),
    "scheme-relative": ("[ici](//example.org/x)", [link("//example.org/x")]),
    "entity slash": ("[ici](/&#47;example.org/x)", [link("/&#47;example.org/x")]),
    "tab in a path": ("[ici](/&#09;/example.org/x)", [link("/&#09;/example.org/x")]),
    "backslash": ("[ici](/\\example.org/x)", [link("/\\example.org/x")]),
    "page-relative": ("[ici](../about/)", [link("../about/")]),
    "placeholder": (
        "[le PDF]({static}/pdf/communique.pdf)",
        [
            'body: "{static}/pdf/communique.pdf" is a Pelican placeholder, which this site does '
            "not replace; write the address of the page on the site (/fr/…) or an https:// address"
        ],
    ),
    "filename placeholder": (
        "[voir]({filename}/pages/about.fr.md)",
        [
            'body: "{filename}/pages/about.fr.md" is a Pelican placeholder, which this site does '
            "not replace; write the address of the page on the site (/fr/…) or an https:// address"
        ],
    ),
    "image": (
        "![capture de la vidéo](/images/x.png)",
        [
            'body: an image ("/images/x.png") is not allowed: a communiqué carries no picture, '
            "as a still of a video shows people; remove it"
        ],
    ),
    "raw image": ('<img src="/images/x.png">', [raw_html('<img src="/images/x.png">')]),
    "heading": (
        "# Titre\n",
        [
            'body: a level-1 heading ("# Titre") is not allowed: the title is the page\'s only '
            'one; start the heading with "##"'
        ],
    ),
}


@pytest.mark.parametrize("name", REFUSED)
def test_refused_markup_in_the_body(tmp_path, name):
    added, expected = REFUSED[name]
    assert messages_for_body(tmp_path, added) == [at(9, message) for message in expected]


def test_a_reference_link_is_reported_on_its_definition(tmp_path):
    added = "Voir [le site][1].\n\nSuite du texte.\n\n[1]: javascript:alert(1)"
    assert messages_for_body(tmp_path, added) == [at(13, link("javascript:alert(1)"))]


def test_each_problem_on_its_own_line(tmp_path):
    added = (
        "Premier [lien](javascript:a).\n\n"
        "| a | b |\n|---|---|\n| <b>x</b> | y |\n\n"
        "Second [lien](javascript:a), ![x](/y.png)."
    )
    assert messages_for_body(tmp_path, added) == [
        at(9, link("javascript:a")),
        at(13, raw_html("<b>")),
        at(
            15,
            'body: an image ("/y.png") is not allowed: a communiqué carries no picture, '
            "as a still of a video shows people; remove it",
        ),
        at(15, link("javascript:a")),
    ]


def test_what_markdown_may_contain(tmp_path):
    added = (
        "**Gras**, *italique*, `<script>` en code, 3 &lt; 4 &amp; « guillemets ».\n\n"
        "[Site](https://www.dgsn.gov.ma/), [ancien](http://example.org/), "
        "[à propos](/fr/about/), [haut](#top), "
        "<https://www.dgsn.gov.ma/>\n\n"
        "## Section\n\n"
        "| Ville | Nombre |\n|:------|-------:|\n| Casablanca | 3 |\n\n"
        "- un\n- deux\n\n> citation\n\n"
        "    code indenté <iframe>\n\n"
        "Tél. 0537000000 <!-- privacy-ok: standard de la préfecture -->"
    )
    index, found = load_content(tmp_path, case_files(CASE, ORIGINAL, TRANSLATION + "\n" + added))
    assert found == []
    html = index.cases[0].texts["fr"].body_html
    assert '<td class="align-right">3</td>' in html
    assert "&lt;script&gt;" in html and "&lt;iframe&gt;" in html
    assert "privacy-ok" not in html


FRONT_MATTER = {
    "title": ("title: Interpellation", "title: Interpellation <b>urgente</b>", 4, "<b>"),
    "summary": (
        "summary: Interpellation d'un individu apparu dans une vidéo.",
        "summary: Vidéo <script>alert(1)</script>",
        5,
        "<script>",
    ),
    "district": (
        "summary: Interpellation d'un individu apparu dans une vidéo.",
        "summary: Interpellation.\ndistrict: Maârif <img src=x onerror=alert(1)>",
        6,
        "<img src=x onerror=alert(1)>",
    ),
}


@pytest.mark.parametrize("field", FRONT_MATTER)
def test_html_in_a_plain_text_field_of_the_translation(tmp_path, field):
    old, new, line, tag = FRONT_MATTER[field]
    translation = TRANSLATION.replace(old, new, 1)
    assert translation != TRANSLATION
    found = load_content(tmp_path, case_files(CASE, ORIGINAL, translation))[1]
    assert found == [at(line, f'{field}: HTML ("{tag}") is not allowed; {PLAIN_FIX}')]


def test_html_in_update_notes_and_withdrawal_reasons(tmp_path):
    original = ORIGINAL.replace(
        "status: referred-to-prosecutor\n",
        "status: referred-to-prosecutor\n"
        "updates:\n"
        "  - at: 2026-11-28T09:00\n"
        "    kind: major\n"
        "    note: 'تقديم المشتبه فيه <a href=x>أمام النيابة</a>'\n"
        "withdrawn:\n"
        "  at: 2026-11-28T10:00\n"
        "  reason: 'خطأ <!-- ملاحظة -->'\n",
    )
    found = load_content(tmp_path, case_files(CASE, original, TRANSLATION))[1]
    assert found == [
        at(24, f'updates[0].note: HTML ("<a href=x>") is not allowed; {PLAIN_FIX}', AR),
        at(
            27,
            f'withdrawn.reason: an HTML comment ("<!-- ملاحظة -->") is not allowed; {PLAIN_FIX}',
            AR,
        ),
    ]


def test_the_privacy_marker_is_allowed_in_a_title(tmp_path):
    translation = TRANSLATION.replace(
        "title: Interpellation d'un individu pour vol avec violence",
        'title: "Interpellation <!-- privacy-ok: no one is named --> d\'un individu"',
    )
    assert translation != TRANSLATION
    assert load_content(tmp_path, case_files(CASE, ORIGINAL, translation))[1] == []


def test_the_sites_own_pages_are_checked_too(tmp_path):
    site = make_site(tmp_path, case_files(CASE))
    site.write(
        "pages/about.fr.md",
        "---\ntitle: À propos <i>du site</i>\n---\nTexte.\n\n"
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![logo](/logo.png)\n",
        raw=True,
    )
    result = site.build()
    assert not result.ok
    page = "content/pages/about.fr.md"
    assert [str(p) for p in result.problems] == [
        f'{page}:2: title: HTML ("<i>") is not allowed; {PLAIN_FIX}',
        f"{page}:6: {raw_html('<script>alert(1)</script>')}",
        f'{page}:8: body: an image ("/logo.png") is not allowed: a page of the site carries '
        "no picture, as a still of a video shows people; remove it",
        f"{page}:8: {link('javascript:alert(1)')}",
    ]
    assert not site.output.exists()


# The second line of defence, with validation out of the way: the renderer itself.


def test_the_renderer_sanitises_what_validation_would_refuse(tmp_path):
    html = MarkdownCache().render(HOSTILE_MARKDOWN)
    assert_inert(html)
    assert "window.__pwned" not in html  # script and style contents are dropped with them
    assert 'rel="noopener noreferrer"' in html
    # What is harmless stays: the text around the tags.
    assert "survol" in html and "Texte" in html


def test_sanitised_links_keep_their_allowed_targets():
    html = markdown_cache.to_html(
        markdown_cache.renderer(),
        "[a](https://x.example/) [b](/fr/about/) [c](mailto:a@b.example) [d](#top)",
    )
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [a.get("href") for a in root.iter("a")] == [
        "https://x.example/",
        "/fr/about/",
        "mailto:a@b.example",
        "#top",
    ]


def test_the_sanitiser_is_part_of_the_read_cache_key(tmp_path, monkeypatch):
    """HTML kept from a build with another sanitiser (or another allowlist, or another nh3)
    is never served again: the read cache, which keeps each case's HTML, starts anew."""
    import nh3

    from communiques_site.communiques.read_cache import ReadCache

    assert sanitise.VERSION.startswith(f"nh3-{nh3.__version__}-")
    assert markdown_cache.VERSION.endswith(sanitise.VERSION)
    data, catalogs = tmp_path / "data", tmp_path / "catalogs"
    with monkeypatch.context() as patch:
        patch.setattr(markdown_cache, "VERSION", "1-3.11.3-extra-sane_lists-smarty")
        before = ReadCache(tmp_path, data, catalogs, "drafts/")
        key = (("content/communiques/2026/x.fr.md", "digest"),)
        before.keep_case(key, "<script>unsanitised</script>", [])
        before.save()
        assert ReadCache(tmp_path, data, catalogs, "drafts/").case(key) is not None
    assert ReadCache(tmp_path, data, catalogs, "drafts/").case(key) is None


# The allowlist, pinned from outside the sanitiser: each element and attribute a browser knows
# is tried on its own, and only what the site's Markdown needs survives (a `style` allowed on
# `<a>`, one word added to sanitise.py, went unnoticed by every other test).
GENERIC_ATTRIBUTES = {"lang", "title"}  # nh3's default on every element: plain text
EXPECTED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "rel"},  # rel: set by the sanitiser itself
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"class"},
    "td": {"class"},
}
ATTRIBUTES_TRIED = [
    "style",
    "class",
    "id",
    "title",
    "lang",
    "dir",
    "hidden",
    "tabindex",
    "accesskey",
    "contenteditable",
    "draggable",
    "onclick",
    "onerror",
    "onload",
    "onmouseover",
    "onfocus",
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "target",
    "download",
    "ping",
    "rel",
    "hreflang",
    "start",
    "type",
    "reversed",
    "value",
    "name",
    "width",
    "height",
    "background",
    "poster",
    "data-x",
    "aria-label",
    "role",
    "xmlns",
    "xlink:href",
]
# What the site's Markdown needs, and nothing else (sanitise.TAGS must equal it).
EXPECTED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "a",
    "abbr",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}

# Every element tried: those allowed, and those a browser knows that must not survive.
TAGS_TRIED = [
    *sorted(EXPECTED_TAGS),
    "h1",
    "img",
    "picture",
    "source",
    "video",
    "audio",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "label",
    "span",
    "div",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "small",
    "big",
    "font",
    "center",
    "marquee",
    "link",
    "meta",
    "base",
    "style",
    "script",
    "svg",
    "math",
    "details",
    "summary",
    "dialog",
    "caption",
    "col",
    "colgroup",
    "tfoot",
    "figure",
    "figcaption",
    "nav",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "q",
    "cite",
    "ins",
    "del",
    "kbd",
    "samp",
    "var",
    "time",
    "data",
]


@pytest.mark.parametrize("tag", TAGS_TRIED)
def test_the_sanitiser_keeps_exactly_the_allowlist(tag):
    from communiques_site.communiques.sanitise import clean

    for name in ATTRIBUTES_TRIED:
        value = "align-left" if name == "class" else "/fr/" if name == "href" else "1"
        html = clean(f'<div><{tag} {name}="{value}">texte</{tag}></div>')
        root = lxml.html.fragment_fromstring(html, create_parent="section")
        kept = {element.tag for element in root.iter()} - {"section", "div"}
        assert kept <= ({tag} if tag in EXPECTED_TAGS else set()), (tag, html)
        for element in root.iter(tag):
            allowed = EXPECTED_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES
            assert set(element.attrib) <= allowed, (tag, name, html)


def test_the_allowlist_is_what_the_tests_expect():
    """Adding to the allowlist is a decision: this test changes with it."""
    from communiques_site.communiques import sanitise

    assert sanitise.TAGS == EXPECTED_TAGS
    assert {tag: set(names) for tag, names in sanitise.ATTRIBUTES.items()} == {
        tag: names - {"rel"}
        for tag, names in EXPECTED_ATTRIBUTES.items()
        if tag not in ("th", "td")
    }
    assert {"https", "http", "mailto"} == sanitise.SCHEMES


def test_a_table_keeps_the_alignment_of_its_columns_and_no_other_class():
    html = sanitise.clean(
        markdown_cache.to_html(
            markdown_cache.renderer(), "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"
        ).replace('class="align-left"', 'class="align-left hidden"')
    )
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for tag in ("th", "td"):
        assert [cell.get("class") for cell in root.iter(tag)] == [
            "align-left",
            "align-center",
            "align-right",
        ], html


# Elements whose text is code, or nothing a reader should see: gone with all they hold. Not
# `<embed>`, listed in sanitise.py all the same: it is void, so what follows it is the
# paragraph's own text.
DROPPED_WITH_CONTENT = [
    "script",
    "style",
    "template",
    "iframe",
    "object",
    "noscript",
    "textarea",
    "select",
    "title",
    "svg",
    "math",
]


@pytest.mark.parametrize("tag", DROPPED_WITH_CONTENT)
def test_the_sanitiser_drops_what_an_element_of_code_holds(tag):
    html = sanitise.clean(f"<p>avant <{tag}>caché</{tag}>après</p>")
    assert lxml.html.fragment_fromstring(html).text_content() == "avant après", html


def test_the_sanitiser_drops_comments():
    html = sanitise.clean("<p>avant <!-- note de l'officier --> après</p>")
    root = lxml.html.fragment_fromstring(html)
    assert [node for node in root.iter() if isinstance(node, lxml.html.HtmlComment)] == []
    assert root.text_content() == "avant  après", html


def test_markup_split_by_an_invisible_character_is_read_as_written(tmp_path):
    """A zero-width space or a soft hyphen inside a tag or a scheme hides nothing: the text is
    checked as it is published, without them."""
    found = messages_for_body(
        tmp_path, "<scr\u200bipt>alert(1)</script> [x](java\u00adscript:alert(1))"
    )
    assert found == [
        at(BODY_LINE + 2, link("javascript:alert(1)")),
        at(BODY_LINE + 2, raw_html("<script>alert(1)</script>")),
    ]
    translation = TRANSLATION.replace("title: Interpellation", "title: Interpellation <\u2060b>", 1)
    found = load_content(tmp_path / "title", case_files(CASE, ORIGINAL, translation))[1]
    assert found == [at(4, f'title: HTML ("<b>") is not allowed; {PLAIN_FIX}')]
