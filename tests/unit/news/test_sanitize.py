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
