from __future__ import annotations

import pytest

from zeelandnet_desktop.news.sanitize import sanitize_html, to_text

INJECTIONS = [
    "<script>alert(1)</script>",
    '<p onclick="alert(1)">x</p>',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    "<svg onload=alert(1)><circle/></svg>",
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name=p></form>',
    '<a href="https://x.nl" style="position:fixed" onmouseover="x()">x</a>',
    "<!-- <script>alert(1)</script> -->",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
]
FORBIDDEN = (
    "<script", "onerror", "onclick", "onload", "onmouseover", "javascript:", "data:",
    "<iframe", "<style", "<svg", "<object", "<embed", "<form", "<input", "style=", "<meta",
    "<base", "alert(",
)  # fmt: skip


@pytest.mark.parametrize("html", INJECTIONS)
@pytest.mark.parametrize("allow_images", [False, True])
def test_injections_are_removed(html: str, allow_images: bool) -> None:
    clean = sanitize_html(html, allow_images=allow_images).lower()
    for needle in FORBIDDEN:
        assert needle not in clean


def test_safe_subset_is_kept_and_links_get_noopener() -> None:
    html = (
        "<p>Een <b>vette</b> en <i>schuine</i> <strong>tekst</strong> <em>hier</em>.<br>"
        '<a href="https://www.nu.nl/x">Lees verder</a></p><ul><li>een</li></ul>'
        "<ol><li>twee</li></ol><blockquote>citaat</blockquote>"
    )
    clean = sanitize_html(html)
    for tag in ("<p>", "<b>", "<i>", "<strong>", "<em>", "<br>", "<ul>", "<ol>", "<li>"):
        assert tag in clean
    assert "<blockquote>" in clean
    assert '<a href="https://www.nu.nl/x" rel="noopener noreferrer">Lees verder</a>' in clean


def test_images_only_when_allowed() -> None:
    html = '<p>x<img src="https://cdn.nos.nl/a.jpg" alt="foto"></p>'
    assert "<img" not in sanitize_html(html)
    assert '<img src="https://cdn.nos.nl/a.jpg" alt="foto">' in sanitize_html(html, True)
    assert "data:" not in sanitize_html('<img src="data:image/png;base64,AAAA">', True)


def test_script_text_never_becomes_visible_text() -> None:
    assert sanitize_html("a<script>alert('x')</script>b") == "ab"
    assert to_text("a<script>alert('x')</script>b<style>p{}</style>") == "ab"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Hoi&nbsp;&amp; <b>daar</b></p><p>twee</p>", "Hoi & daar\ntwee"),
        ("Geen &lt;html&gt; hier", "Geen <html> hier"),
        ("<ul><li>een</li><li>twee</li></ul>", "een\ntwee"),
        ("regel<br>volgende", "regel\nvolgende"),
        ("", ""),
    ],
)
def test_to_text(html: str, text: str) -> None:
    assert to_text(html) == text


HEADING_INJECTIONS = [
    '<h1 onclick="alert(1)">kop</h1>',
    '<h2 style="position:fixed">kop</h2>',
    "<h3><script>alert(1)</script>kop</h3>",
    '<h4><a href="javascript:alert(1)">kop</a></h4>',
    '<h1 onmouseover="alert(1)" style="color:red">kop</h1>',
    "<ul><li onmouseover=alert(1)>een</li></ul>",
]


@pytest.mark.parametrize("html", HEADING_INJECTIONS)
def test_kept_headings_and_lists_carry_nothing_dangerous(html: str) -> None:
    clean = sanitize_html(html).lower()
    for needle in FORBIDDEN:
        assert needle not in clean


def test_subheadings_are_kept_at_two_levels() -> None:
    html = ("<h1 class='x'>Een</h1><h2>Twee</h2><H3>Drie</H3><h4>Vier</h4><h6>Zes</h6>"
            "<p>tekst</p></h1>")
    assert sanitize_html(html) == (
        "<h2>Een</h2><h2>Twee</h2><h3>Drie</h3><h3>Vier</h3><h3>Zes</h3><p>tekst</p>"
    )
    assert to_text(html) == "Een\nTwee\nDrie\nVier\nZes\ntekst"


def test_a_removed_picture_leaves_no_empty_lines_or_stray_captions() -> None:
    html = ('<p><img src="https://cdn.nos.nl/a.jpg"></p><figure><img src="https://x.nl/b.jpg">'
            "<figcaption>Onderschrift</figcaption></figure><p>Tekst</p>")
    assert sanitize_html(html) == "<p>Tekst</p>"
