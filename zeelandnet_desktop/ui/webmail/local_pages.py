"""Our own pages in the webmail view (the provider is away, a certificate is wrong, signing in
was stopped): plain words, one button, in the palette's colours so they follow light and dark
and stay readable (ui/palette.py)."""

from __future__ import annotations

import html

from PySide6.QtGui import QPalette

from ..palette import is_dark, muted, outline_color


def local_page(palette: QPalette, *, title: str, heading: str, text: str, detail: str,
               button: str, retry: str) -> str:
    """The page. Every text is plain text (escaped here), and so is the `retry` address."""
    address = html.escape(retry, quote=True)
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>{local_page_style(palette)}</style></head><body><main>
<h1>{html.escape(heading)}</h1><p>{html.escape(text)}</p>
<p class="detail">{html.escape(detail)}</p>
<p><a class="button" id="retry" href="{address}">{html.escape(button)}</a></p>
</main></body></html>"""


def local_page_style(palette: QPalette) -> str:
    """Our pages' CSS in the palette's colours (readable in light and dark, ui/palette.py)."""
    role = QPalette.ColorRole
    window, base = palette.color(role.Window), palette.color(role.Base)
    text = palette.color(role.Text).name()
    shadow = "rgba(0,0,0,.5)" if is_dark(palette) else "rgba(0,0,0,.12)"
    return f"""
 body {{ font-family: sans-serif; background: {window.name()}; color: {text}; margin: 0; }}
 main {{ max-width: 34em; margin: 12vh auto; padding: 2em; background: {base.name()};
         border-radius: 8px; box-shadow: 0 1px 4px {shadow}; }}
 h1 {{ font-size: 1.3em; margin-top: 0; }}
 p.detail {{ color: {muted(palette).name()}; font-size: .85em; }}
 a.button {{ display: inline-block; padding: .6em 1.4em; border-radius: 4px;
             background: {palette.color(role.Highlight).name()};
             color: {palette.color(role.HighlightedText).name()}; text-decoration: none; }}
 a.button:focus {{ outline: 3px solid {outline_color(palette).name()}; outline-offset: 2px; }}
"""
