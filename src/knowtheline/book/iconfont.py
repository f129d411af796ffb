"""Cut the theme's Font Awesome web fonts down to the icons the built book uses.

pydata-sphinx-theme draws its icons (menu, search, theme switch, page arrows...) from Font
Awesome's web fonts: 157 KB for the solid set alone, fetched on every first visit, for the
20-odd glyphs the book shows. After each build this writes, over the copies in `_static`,
fonts holding only the glyphs that the built pages, the site's scripts and its stylesheets
can ask for. The originals in the installed theme are the source each time, so a page that
starts using a new icon gets it on the next build.
"""

from __future__ import annotations

import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from knowtheline.paths import theme_static

FONTS = ("fa-solid-900.woff2", "fa-regular-400.woff2", "fa-brands-400.woff2")
ICON_NAME = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
STRING = re.compile(r'"([^"]*)"')
ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?")
ICON_SELECTOR = re.compile(r"^\.(fa-[a-z0-9-]+)::?before$")


def private_use(text: str) -> set[int]:
    """Icon codepoints (Unicode private use area) in the CSS strings of a declaration block,
    written as escapes ("\\f185") or as the characters themselves."""
    points = set()
    for string in STRING.findall(text):
        decoded = ESCAPE.sub(lambda m: chr(min(int(m.group(1), 16), 0x10FFFF)), string)
        points |= {ord(c) for c in decoded if 0xE000 <= ord(c) <= 0xF8FF}
    return points


def theme_fonts() -> Path:
    return theme_static() / "vendor" / "fontawesome" / "webfonts"


def css_codepoints(css: str) -> tuple[dict[str, set[int]], set[int]]:
    """(codepoints of each `.fa-NAME:before` icon class, codepoints used by any other rule)."""
    icons: dict[str, set[int]] = {}
    always: set[int] = set()
    for selectors, body in RULE.findall(css):
        points = private_use(body)
        if not points:
            continue
        names = [ICON_SELECTOR.match(sel.strip()) for sel in selectors.split(",")]
        if all(names):
            for name in names:
                icons.setdefault(name.group(1), set()).update(points)
        else:
            always |= points
    return icons, always


def site_css_codepoints(site: Path) -> tuple[dict[str, set[int]], set[int]]:
    """css_codepoints over every stylesheet of the built site at `site`, merged."""
    icons: dict[str, set[int]] = {}
    always: set[int] = set()
    for sheet in (site / "_static").rglob("*.css"):
        if "mathjax" in sheet.parts:
            continue
        found, other = css_codepoints(sheet.read_text(encoding="utf-8", errors="replace"))
        for name, points in found.items():
            icons.setdefault(name, set()).update(points)
        always |= other
    return icons, always


def used_codepoints(site: Path) -> set[int]:
    """Every codepoint the built site at `site` can draw with the icon fonts."""
    icons, always = site_css_codepoints(site)
    texts = [p for p in site.rglob("*.html") if "_sources" not in p.parts]
    texts += [p for p in (site / "_static").rglob("*.js") if "vendor" not in p.parts]
    names = set()
    for path in texts:
        names |= set(ICON_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))
    for name in names:
        always |= icons.get(name, set())
    return always


def subset_fonts(site: Path, source: Path | None = None) -> dict[str, tuple[int, int]]:
    """Write the cut-down fonts into `site`; returns {font: (bytes before, bytes after)}."""
    source = source or theme_fonts()
    target = site / "_static" / "vendor" / "fontawesome" / "webfonts"
    wanted = used_codepoints(site)
    sizes = {}
    for name in FONTS:
        original = source / name
        if not original.exists() or not target.is_dir():
            continue
        font = TTFont(original)
        present = wanted & set(font.getBestCmap())
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=present or {0x20})
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(target / name)
        sizes[name] = (original.stat().st_size, (target / name).stat().st_size)
    return sizes
