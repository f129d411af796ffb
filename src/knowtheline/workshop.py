"""Workshop copies of the chapters, for projecting in JupyterLab (`make workshop`).

JupyterLab renders the chapters' MyST with jupyterlab-myst (admonitions, dropdowns folded,
list-tables), but it knows nothing of the book's bibliography or of this package's roles, so
it would show citation keys and ISO dates as raw text. The workshop copy keeps every cell,
output and tag of the chapter and rewrites only those roles:

* ``{footcite:p}`a,b``` is dropped from the sentence, and the chapter's last cell lists its
  sources in full, as the book's reference list does;
* ``{footcite:t}`key``` becomes the source's author;
* ``{asof}`` and ``{event}`` dates become words ("December 3, 2026");
* ``{term}`text <Term>```, ``{ref}`` and ``{doc}`` become their text.

    knowtheline workshop --out workshop/chapters chapters/*.ipynb
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import nbformat

from knowtheline import i18n, repo_root
from knowtheline.asof import in_words
from knowtheline.myst import role_text

ROLE = re.compile(r"\s?\{([a-z:]+)\}`([^`]*)`")
BIBLIOGRAPHY = re.compile(r"```\{footbibliography\}\s*```")


class Rewriter:
    def __init__(self, root: Path, lang: str = "en", chapters: Path | None = None):
        from pybtex.database import parse_file

        self.root, self.lang = root, lang
        self.chapters = chapters or root / "chapters"  # where {doc} links start
        self.bib = parse_file(str(root / "references.bib"), bib_format="bibtex")
        self.cited: list[str] = []

    def _author(self, key: str) -> str:
        entry = self.bib.entries.get(key)
        if entry is None:
            return key
        people = entry.persons.get("author", [])
        if people:
            name = " ".join(people[0].last_names) or str(people[0])
            return name + (" " + i18n.t(self.lang, "words.and_others") if len(people) > 1 else "")
        return entry.fields.get("author", i18n.t(self.lang, "words.the_source")).strip("{}")

    def _doc_title(self, target: str) -> str:
        path = (self.chapters / target).resolve()
        for candidate in (path.with_suffix(".md"), path.with_suffix(".ipynb")):
            if candidate.exists():
                heading = re.search(r"^# (.+)$", candidate.read_text(encoding="utf-8"), re.M)
                if heading:
                    return heading.group(1).strip().strip('"').replace("\\n", "")
        return i18n.t(self.lang, "words.that_page")

    def role(self, match: re.Match) -> str:
        space = match.group(0)[0] if match.group(0)[0].isspace() else ""
        name, body = match.group(1), match.group(2)
        if name.startswith("footcite"):
            keys = [k.strip() for k in body.split(",") if k.strip()]
            self.cited.extend(k for k in keys if k not in self.cited)
            return space + self._author(keys[0]) if name == "footcite:t" else ""
        if name in ("asof", "event"):
            try:
                return space + in_words(date.fromisoformat(body.strip()), self.lang)
            except ValueError:
                return space + body
        if name == "doc":
            return space + f"*{self._doc_title(role_text(body))}*"
        return space + role_text(body)

    def sources(self) -> str:
        """The chapter's references as a Markdown list, formatted as the book's plain style."""
        from pybtex.style.formatting.plain import Style

        style = Style()
        entries = [self.bib.entries[k] for k in self.cited if k in self.bib.entries]
        lines = ["- " + " ".join(entry.text.render_as("text").split()) for entry in style.format_entries(entries)]
        return "\n".join(lines) or "- (none)"

    def markdown(self, source: str) -> str:
        text = ROLE.sub(self.role, source)
        return BIBLIOGRAPHY.sub(lambda _: self.sources(), text)


def prepare(chapter: Path, out_dir: Path, root: Path | None = None, lang: str = "en") -> Path:
    """Write the workshop copy of one chapter notebook (English, or `lang`'s edition) into
    out_dir; return its path."""
    root = root or repo_root()
    nb = nbformat.read(chapter, as_version=4)
    rewriter = Rewriter(root, lang, Path(chapter).resolve().parent)
    for cell in nb.cells:  # two passes: every citation is known before the source list
        if cell.cell_type == "markdown":
            ROLE.sub(rewriter.role, cell.source)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = rewriter.markdown(cell.source)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / chapter.name
    nbformat.write(nb, target)
    return target


if __name__ == "__main__":  # `python -m knowtheline.workshop` is `knowtheline workshop` (the library never imports the CLI)
    from knowtheline.cli import run_module

    sys.exit(run_module(["workshop"]))
