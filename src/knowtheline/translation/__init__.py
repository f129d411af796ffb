"""Translated editions: `<lang>/` beside the English book, checked for drift.

Layout (for `es`, the one edition today): `es/_config.yml` and `es/_toc.yml` with the same
files as the English `_toc.yml`, each at the same path under `es/`
(`chapters/01-federal-vs-local.ipynb` → `es/chapters/01-federal-vs-local.ipynb`), and the
quizzes' text in `quizzes/es/chNN.yaml` (`knowtheline.translation.quizzes`).

`es/translations.yaml`, the lock, records for each English source the fingerprint of the
text the translation was made from, and its heading map (English heading → translated
heading, in order), written by `knowtheline translation stamp` once a translation has been
read against its English. `check` reports, per file: drift (`parity`), a missing
translation, a heading map that no longer matches, and an English source that changed since
it was stamped ("outdated"). `make test` runs it and fails on any of them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import parity
from .parity import Drift

LANGS = ("es",)
LOCK = "translations.yaml"
LOCK_HEADER = ("# The English text each translation was made from (a fingerprint) and its heading map.\n"
               "# Written by `knowtheline translation stamp FILE` after a translation has been read against\n"
               "# its English; `knowtheline translation check` reports a translation as outdated when its\n"
               "# English source no longer has this fingerprint.\n")


@dataclass(frozen=True)
class Pair:
    """An English source and its translation, both relative to the repository root."""

    english: str
    translated: str
    kind: str  # notebook, page, quiz or notes (the bibliography's notes)


def toc_files(toc_path: Path) -> list[str]:
    """The files a `_toc.yml` lists, in order (without suffix, as written)."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(items):
        for item in items or []:
            if "file" in item:
                found.append(item["file"])
            walk(item.get("sections"))
            walk(item.get("chapters"))
    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return found


def _with_suffix(root: Path, name: str) -> str:
    for suffix in (".ipynb", ".md"):
        if (root / (name + suffix)).exists():
            return name + suffix
    return name + ".md"


def pairs(root: Path, lang: str) -> list[Pair]:
    """Every translated file of edition `lang` and its English source."""
    found = []
    for name in toc_files(root / "_toc.yml"):
        english = _with_suffix(root, name)
        found.append(Pair(english, f"{lang}/{english}", "notebook" if english.endswith(".ipynb") else "page"))
    for quiz in sorted((root / "quizzes").glob("ch[0-9][0-9].yaml")):
        found.append(Pair(f"quizzes/{quiz.name}", f"quizzes/{lang}/{quiz.name}", "quiz"))
    found.append(Pair("references.bib", f"{lang}/bib-notes.yaml", "notes"))
    return found


def read_notes(path: Path) -> dict[str, str]:
    """A translation of the bibliography's notes (`<lang>/bib-notes.yaml`): {citation key: note}."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def bib_notes(path: Path) -> dict[str, str]:
    """{citation key: note} of a BibTeX file's entries that have a note (white space as shown)."""
    from pybtex.database import parse_file

    return {key: " ".join(entry.fields["note"].split())
            for key, entry in parse_file(str(path), bib_format="bibtex").entries.items() if "note" in entry.fields}


@lru_cache(maxsize=None)
def english_bank(root: Path) -> dict:
    """The validated English question bank of the book in `root`."""
    from knowtheline.bank.load import load_bank

    return load_bank(root / "quizzes")


def source_hash(root: Path, pair: Pair) -> str:
    """The fingerprint of a pair's English text (a notebook's cell sources, not its outputs)."""
    path = root / pair.english
    if pair.kind == "quiz":
        from .quizzes import source_hash as quiz_hash

        return quiz_hash(english_bank(root)[path.stem])
    if pair.kind == "notebook":
        cells = parity.notebook_cells(path)
        text = json.dumps([[c["cell_type"], parity._source(c)] for c in cells], ensure_ascii=False)
    elif pair.kind == "notes":
        text = json.dumps(bib_notes(path), ensure_ascii=False, sort_keys=True)
    else:
        text = path.read_text(encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _headings(root: Path, pair: Pair, which: str) -> list[str]:
    path = root / getattr(pair, which)
    if pair.kind == "notebook":
        return [h for c in parity.notebook_cells(path) if c["cell_type"] == "markdown"
                for h in parity.headings(parity._source(c))]
    return parity.headings(path.read_text(encoding="utf-8")) if pair.kind == "page" else []


def heading_map(root: Path, pair: Pair) -> list[list[str]]:
    return [list(p) for p in zip(_headings(root, pair, "english"), _headings(root, pair, "translated"))]


def read_lock(root: Path, lang: str) -> dict:
    path = root / lang / LOCK
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def write_lock(root: Path, lang: str, lock: dict) -> None:
    text = yaml.safe_dump(dict(sorted(lock.items())), allow_unicode=True, sort_keys=False, width=120)
    (root / lang / LOCK).write_text(LOCK_HEADER + text, encoding="utf-8")


def drifts(root: Path, pair: Pair, lang: str, terms: set[str] | None = None) -> list[Drift]:
    """Differences between a translation and its English (without the lock's view)."""
    english, translated = root / pair.english, root / pair.translated
    if not translated.exists():
        return [Drift(pair.translated, "file", f"missing: no {lang} translation of {pair.english}")]
    if pair.kind == "quiz":
        from .quizzes import load_file

        _, _, problems = load_file(translated, english_bank(root).get(english.stem), pair.translated)
        return [Drift(p.file, f"line {p.line}" + (f", question {p.question}" if p.question else "")
                      + (f", field {p.field}" if p.field else ""), p.message) for p in problems]
    if pair.kind == "notes":
        return parity.check_notes(bib_notes(english), read_notes(translated), pair.translated)
    found = (parity.check_notebook(english, translated, lang, pair.translated) if pair.kind == "notebook"
             else parity.check_page(english, translated, pair.translated))
    if terms is not None:
        text = "".join(parity._source(c) for c in parity.notebook_cells(translated)) if pair.kind == "notebook" \
            else translated.read_text(encoding="utf-8")
        found += parity.unknown_terms(text, terms, pair.translated)
    return found


def lock_drifts(root: Path, pair: Pair, lock: dict) -> list[Drift]:
    """What the lock says: not stamped, outdated (the English changed), or headings renamed."""
    entry = lock.get(pair.english)
    if entry is None:
        return [Drift(pair.translated, "outdated", "not stamped: read it against the English, then run "
                                                   f"`knowtheline translation stamp {pair.translated}`")]
    found = []
    now = source_hash(root, pair)
    if entry.get("source_sha256") != now:
        found.append(Drift(pair.translated, "outdated", f"{pair.english} changed since this translation was made "
                                                        f"(fingerprint {entry.get('source_sha256')}, now {now}): "
                                                        "bring the translation up to date, then stamp it"))
    elif (entry.get("headings") or []) != heading_map(root, pair):
        found.append(Drift(pair.translated, "heading map", "the headings no longer match the map recorded when it "
                                                           "was stamped (a heading changed)"))
    return found


def check(root: Path, lang: str = "es", only: list[str] | None = None) -> list[Drift]:
    """Every drift of edition `lang` (or of the translated files in `only`)."""
    root = Path(root).resolve()
    all_pairs = pairs(root, lang)
    found: list[Drift] = []
    if not only:
        en_toc = toc_files(root / "_toc.yml")
        tr_toc = toc_files(root / lang / "_toc.yml") if (root / lang / "_toc.yml").exists() else []
        if en_toc != tr_toc:
            found.append(Drift(f"{lang}/_toc.yml", "table of contents",
                               "must list the same files in the same order as _toc.yml"))
    selected = [p for p in all_pairs if not only or p.translated in only or p.english in only]
    if only and len(selected) < len(set(only)):
        known = {p.translated for p in all_pairs} | {p.english for p in all_pairs}
        found += [Drift(o, "file", "not a translated file of the book") for o in only if o not in known]
    glossary = root / lang / "glossary.md"
    terms = parity.glossary_terms(glossary.read_text(encoding="utf-8")) if glossary.exists() else set()
    lock = read_lock(root, lang)
    for pair in selected:
        here = drifts(root, pair, lang, terms)
        found += here or lock_drifts(root, pair, lock)
    return found


def stamp(root: Path, lang: str, files: list[str]) -> list[Drift]:
    """Record the English fingerprint and heading map of each translated file that has no
    drift; return the drifts of those that have (not stamped)."""
    root = Path(root).resolve()
    lock = read_lock(root, lang)
    refused: list[Drift] = []
    for pair in pairs(root, lang):
        if pair.translated not in files and pair.english not in files:
            continue
        found = drifts(root, pair, lang)
        if found:
            refused += found
            continue
        lock[pair.english] = {"translation": pair.translated, "source_sha256": source_hash(root, pair),
                              "headings": heading_map(root, pair)}
    write_lock(root, lang, lock)
    return refused
