"""Dates that warn when they age.

Fast-moving points in the book carry a machine-readable date:

* ``{asof}`2026-12-03``` in a chapter or page: the day a point of law or a figure was last
  checked. It renders as the date in words inside ``<time datetime=...>``; when the book is
  built more than ``STALE_AFTER_DAYS`` days later, a visible note "checked on ...; this may
  have changed" follows it.
* ``{event}`2026-12-01``` marks a dated event (a deadline, a hearing). It renders as the date;
  the sentence around it is written to stay true after the day passes, and ``make review``
  lists it once the day is past so a writer can update it.
* ``as_of: 2026-12-03`` on a quiz question: the quiz shows the same note when it is stale.

The build date is today, or ``KNOWTHELINE_TODAY`` (YYYY-MM-DD) when set (tests use it). The
build never fails because time passed; ``make review`` (``knowtheline review``)
lists every stale point and past event with its file and line.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

STALE_AFTER_DAYS = 120
ROLE = re.compile(r"\{(asof|event)\}`([^`]*)`")
QUIZ_AS_OF = re.compile(r"^\s*as_of:\s*['\"]?(\d{4}-\d{2}-\d{2})")


def today() -> date:
    """The build date: KNOWTHELINE_TODAY if set, else the real date."""
    forced = os.environ.get("KNOWTHELINE_TODAY")
    return date.fromisoformat(forced) if forced else date.today()


def in_words(day: date, lang: str = "en") -> str:
    from knowtheline import i18n

    return i18n.day(day, lang)


def is_stale(day: date, on: date | None = None) -> bool:
    return ((on or today()) - day) > timedelta(days=STALE_AFTER_DAYS)


def stale_note(day: date, lang: str = "en") -> str:
    from knowtheline import i18n

    return i18n.t(lang, "stale_note", date=in_words(day, lang))


# --- Sphinx ----------------------------------------------------------------------------------

from docutils import nodes  # noqa: E402  (Sphinx's own dependency)


class dated(nodes.Inline, nodes.TextElement):
    """A date in words; attributes: iso, kind (asof|event), stale, lang (the book's language)."""


def _role(name, rawtext, text, lineno, inliner, options=None, content=None):
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        msg = inliner.reporter.error(f"{{{name}}} needs a date as YYYY-MM-DD, not {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    env = inliner.document.settings.env
    env.ktl_dates = getattr(env, "ktl_dates", {})
    env.ktl_dates.setdefault(env.docname, set()).add((name, day.isoformat()))
    stale = name == "asof" and is_stale(day)
    lang = env.config.language or "en"
    return [dated(rawtext, in_words(day, lang), iso=day.isoformat(), kind=name, stale=stale, lang=lang)], []


def _visit_html(self, node):
    self.body.append(f'<time class="ktl-date ktl-{node["kind"]}-date" datetime="{node["iso"]}">')


def _depart_html(self, node):
    self.body.append("</time>")
    if node["stale"]:
        note = stale_note(date.fromisoformat(node["iso"]), node.get("lang", "en"))
        self.body.append(f' <span class="ktl-stale" role="note">({note})</span>')


def _plain(self, node):
    pass


def _has_stale(env, docname: str) -> bool:
    return any(kind == "asof" and is_stale(date.fromisoformat(iso))
               for kind, iso in getattr(env, "ktl_dates", {}).get(docname, ()))


def _outdated(app, env, added, changed, removed):
    """Re-read a page when one of its dates has gone stale since it was last read."""
    seen = getattr(env, "ktl_stale_docs", {})
    return [doc for doc in getattr(env, "ktl_dates", {})
            if doc not in changed and doc not in removed and _has_stale(env, doc) != seen.get(doc, False)]


def _remember(app, doctree):
    app.env.ktl_stale_docs = getattr(app.env, "ktl_stale_docs", {})
    app.env.ktl_stale_docs[app.env.docname] = _has_stale(app.env, app.env.docname)


def _purge(app, env, docname):
    getattr(env, "ktl_dates", {}).pop(docname, None)


def _merge(app, env, docnames, other):
    for name in ("ktl_dates", "ktl_stale_docs"):
        mine = getattr(env, name, {})
        mine.update({d: v for d, v in getattr(other, name, {}).items() if d in docnames})
        setattr(env, name, mine)


def setup(app) -> None:
    """Register the two roles on a Sphinx app (called from knowtheline.book)."""
    app.add_node(dated, html=(_visit_html, _depart_html), latex=(_plain, _plain), text=(_plain, _plain))
    app.add_role("asof", _role)
    app.add_role("event", _role)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-read", _remember)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)


# --- make review -----------------------------------------------------------------------------

@dataclass
class Point:
    path: str
    line: int
    kind: str        # asof | event | quiz
    day: date
    context: str

    def describe(self) -> str:
        age = (today() - self.day).days
        what = {"asof": f"checked {age} days ago", "quiz": f"quiz question checked {age} days ago",
                "event": f"dated event {age} days past"}[self.kind]
        return f"{self.path}:{self.line}: {self.day.isoformat()} ({what}): {self.context}"

    @property
    def due(self) -> bool:
        return self.day < today() if self.kind == "event" else is_stale(self.day)


def _lines(path: Path) -> list[str]:
    """A file's text lines; for a notebook, its cells' lines numbered as in the notebook."""
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8").splitlines()
    lines = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        lines.extend("".join(cell["source"]).splitlines())
    return lines


def points(root: Path) -> list[Point]:
    files = sorted(root.glob("chapters/*.ipynb")) + sorted(root.glob("*.md")) + \
        sorted(root.glob("facilitators/*.md")) + sorted(root.glob("facilitators/*.ipynb"))
    found = []
    for path in files:
        if path.name in ("README.md", "CONTRIBUTING.md"):
            continue
        for number, line in enumerate(_lines(path), 1):
            for match in ROLE.finditer(line):
                try:
                    day = date.fromisoformat(match.group(2).strip())
                except ValueError:
                    continue  # the build reports a bad date
                start = max(0, match.start() - 70)
                context = ROLE.sub(lambda m: m.group(2), line[start:match.end() + 50]).strip()
                found.append(Point(str(path.relative_to(root)), number, match.group(1), day, context))
    for path in sorted(root.glob("quizzes/ch*.yaml")):
        qid = ""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = re.match(r"^\s*-\s*id:\s*(ch\d\d-[\w-]+)", line)
            if m:
                qid = m.group(1)
            m = QUIZ_AS_OF.match(line)
            if m:
                found.append(Point(str(path.relative_to(root)), number, "quiz",
                                   date.fromisoformat(m.group(1)), f"question {qid}"))
    return found


def report(root: Path, every: bool = False) -> int:
    """Print the dated points due for a check (all of them with `every`); `knowtheline review`."""
    points_found = points(root)
    due = [p for p in points_found if every or p.due]
    print(f"{len(points_found)} dated points; {sum(p.due for p in points_found)} due for a check "
          f"(built as of {today().isoformat()}; 'as of' dates go stale after {STALE_AFTER_DAYS} days).")
    for point in due:
        print(("DUE  " if point.due else "     ") + point.describe())
    return 0


if __name__ == "__main__":  # `python -m knowtheline.asof` is `knowtheline review` (the library never imports the CLI)
    from knowtheline.cli import run_module

    sys.exit(run_module(["review"]))
