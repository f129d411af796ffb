"""The two editions link to each other: every page of the English book (`_build/html/`)
and of the Spanish one (`_build/html/es/`, same file names) gets

* `<link rel="alternate" hreflang="…">` to itself and its counterpart, for search engines
  and browsers;
* a visible switch at the top of the article ("Leer en español" / "Read in English"),
  marked with the other language (`lang`, `hreflang`) so a screen reader says it right.

The language is the build's `language` setting; the Spanish book sits one folder down.
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx

from knowtheline import i18n

#: Where each edition sits in the built site, relative to the English book.
FOLDER = {"en": "", "es": "es/"}


def counterpart(pagename: str, lang: str, other: str) -> str:
    """The relative URL of `pagename` in the `other` edition, from the page in `lang`."""
    up = "../" * (pagename.count("/") + (1 if FOLDER[lang] else 0))
    return f"{up}{FOLDER[other]}{pagename}.html"


def _switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    lang = app.config.language or "en"
    if lang not in FOLDER:
        return
    other = next(code for code in FOLDER if code != lang)
    here, there = f"{pagename.rsplit('/', 1)[-1]}.html", counterpart(pagename, lang, other)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{lang}" href="{escape(here)}">'
        f'\n<link rel="alternate" hreflang="{other}" href="{escape(there)}">')
    if "body" in context:
        label = escape(i18n.t(lang, "book.switch_label"))
        link = escape(i18n.t(lang, "book.other_language"))
        context["body"] = (f'<nav class="ktl-lang-switch" aria-label="{label}"><a href="{escape(there)}" '
                           f'hreflang="{other}" lang="{other}">{link}</a></nav>\n' + context["body"])


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _switch)
