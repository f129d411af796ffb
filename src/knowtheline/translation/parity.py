"""Parity of a translated page with its English source, unit by unit.

A unit is a markdown cell of a chapter notebook (each `##` section is its own cell) or a
`##` section of a Markdown page. Translated and English must have the same units in the
same order, and each pair the same:

* headings (levels, in order; the words are mapped in the lock file's heading map),
* citation keys, `{asof}`/`{event}` dates, labels, `{ref}`/`{doc}`/`{numref}` targets,
* numerals (every number written in digits; thousands separators ignored),
* directives (name and `:class:`, in order);

and a notebook the same code cells: the same calls, a translation's calls to this package
given `lang="<lang>"`. A glossary translation has one entry per English entry, each naming
its English term beside the translated one.
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from knowtheline.myst import ROLE, role_target

GLOSS = re.compile(r"\{term\}`[^`]*`\s*\(\*[^*]+\*\)")
LABEL = re.compile(r"^\((?P<label>[^)\s]+)\)=\s*$", re.M)
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*$", re.M)
DIRECTIVE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}", re.M)
CLASS_OPTION = re.compile(r"^:class:\s*(?P<classes>.+?)\s*$", re.M)
URL = re.compile(r"https?://[^\s)>\]]+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
CITE_ROLES = ("footcite", "footcite:p", "footcite:t", "cite", "cite:p", "cite:t")
TARGET_ROLES = ("ref", "doc", "numref", "eq")
DATE_ROLES = ("asof", "event")
GLOSSARY = re.compile(r"^:::\{glossary\}\n(?P<body>.*?)^:::", re.M | re.S)


@dataclass(frozen=True)
class Drift:
    """One difference between a translation and its English source."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


def numerals(text: str) -> Counter:
    """Every number written in digits, outside role bodies, links and labels ('1,843' = '1843')."""
    text = GLOSS.sub(" ", text)  # a term link and the English term beside it: {term}`…` (*…*)
    text = ROLE.sub(" ", text)
    text = URL.sub(" ", text)
    text = LABEL.sub(" ", text)
    return Counter(re.sub(r",(?=\d{3}\b)", "", n).rstrip(".,") for n in NUMBER.findall(text))


def facts(text: str) -> dict[str, object]:
    """What a unit must keep in translation."""
    cites, dates, targets = Counter(), Counter(), Counter()
    for m in ROLE.finditer(text):
        role, body = m["role"], m["body"]
        if role in CITE_ROLES:
            cites.update(k.strip() for k in body.split(",") if k.strip())
        elif role in DATE_ROLES:
            dates[body.strip()] += 1
        elif role in TARGET_ROLES:
            targets[role_target(body)] += 1
    directives = []
    for m in DIRECTIVE.finditer(text):
        rest = text[m.end():].split("\n" + m["fence"], 1)[0]
        classes = CLASS_OPTION.search(rest[:400])
        directives.append(m["name"] + (f" ({classes['classes']})" if classes else ""))
    return {
        "headings": [len(m["hashes"]) for m in HEADING.finditer(_without_code(text))],
        "citations": cites, "dates": dates, "targets": targets,
        "labels": Counter(LABEL.findall(text)), "directives": directives, "numerals": numerals(text),
    }


def _without_code(text: str) -> str:
    """Text without fenced code and directive options (a `#` there is not a heading)."""
    return re.sub(r"^```(?!\{).*?^```", "", text, flags=re.M | re.S)


def headings(text: str) -> list[str]:
    return [m["text"] for m in HEADING.finditer(_without_code(text))]


def describe(what: str, english, translated) -> str:
    if isinstance(english, Counter):
        missing, extra = english - translated, translated - english
        parts = []
        if missing:
            parts.append("missing " + ", ".join(sorted(missing.elements())))
        if extra:
            parts.append("not in the English " + ", ".join(sorted(extra.elements())))
        return f"{what}: {'; '.join(parts)}"
    return f"{what}: English {english}, translation {translated}"


def compare_units(file: str, english: list[tuple[str, str]], translated: list[tuple[str, str]]) -> list[Drift]:
    """Compare units (name, text) in order; name says where a unit is ('cell 4', '## Perspectives')."""
    drifts: list[Drift] = []
    if len(english) != len(translated):
        drifts.append(Drift(file, "structure", f"{len(english)} sections in the English, {len(translated)} in the "
                                               "translation (a section added or removed)"))
    for (name, en), (_, tr) in zip(english, translated):
        if len(en.strip()) > 40 and en.strip() == tr.strip():
            drifts.append(Drift(file, name, "not translated (the same text as the English)"))
            continue
        a, b = facts(en), facts(tr)
        for key in a:
            if a[key] != b[key]:
                drifts.append(Drift(file, name, describe(key, a[key], b[key])))
    return drifts


# --- notebooks -------------------------------------------------------------------------------

def notebook_cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _unit_name(index: int, text: str) -> str:
    found = headings(text)
    return f"cell {index + 1}" + (f" ({found[0]})" if found else "")


def _calls(code: str) -> list[tuple[str, tuple, dict]]:
    """(function, positional args, keyword args) of each call in a code cell."""
    calls = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            args = tuple(ast.unparse(a) for a in node.args)
            keywords = {k.arg: ast.unparse(k.value) for k in node.keywords}
            calls.append((name, args, keywords))
    return calls


def _imports(code: str) -> set[str]:
    return {alias.asname or alias.name for node in ast.walk(ast.parse(code)) if isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("knowtheline") for alias in node.names}


def check_notebook(english: Path, translated: Path, lang: str, file: str) -> list[Drift]:
    en_cells, tr_cells = notebook_cells(english), notebook_cells(translated)
    drifts: list[Drift] = []
    en_kinds = [c["cell_type"] for c in en_cells]
    tr_kinds = [c["cell_type"] for c in tr_cells]
    if en_kinds != tr_kinds:
        drifts.append(Drift(file, "structure", f"cells differ: English {len(en_cells)} cells "
                                               f"({''.join(k[0] for k in en_kinds)}), translation {len(tr_cells)} "
                                               f"({''.join(k[0] for k in tr_kinds)}) (m: markdown, c: code)"))
    en_md = [(_unit_name(i, _source(c)), _source(c)) for i, c in enumerate(en_cells) if c["cell_type"] == "markdown"]
    tr_md = [(_unit_name(i, _source(c)), _source(c)) for i, c in enumerate(tr_cells) if c["cell_type"] == "markdown"]
    drifts += compare_units(file, en_md, tr_md)
    en_code = [_source(c) for c in en_cells if c["cell_type"] == "code"]
    tr_code = [_source(c) for c in tr_cells if c["cell_type"] == "code"]
    for number, (en, tr) in enumerate(zip(en_code, tr_code), start=1):
        ours = _imports(en)
        expected = [(name, args, dict(kw, lang=repr(lang)) if name in ours else kw) for name, args, kw in _calls(en)]
        if _calls(tr) != expected:
            drifts.append(Drift(file, f"code cell {number}", "the calls differ from the English cell's "
                                f"(expected {'; '.join(_show(c) for c in expected)})"))
    if len(en_code) != len(tr_code) and en_kinds == tr_kinds:
        drifts.append(Drift(file, "structure", "a different number of code cells"))
    return drifts


def _show(call) -> str:
    name, args, kw = call
    return f"{name}({', '.join([*args, *(f'{k}={v}' for k, v in kw.items())])})"


# --- Markdown pages --------------------------------------------------------------------------

def page_units(text: str) -> list[tuple[str, str]]:
    """A page split before each `##` heading (outside code): (name, text)."""
    clean = _without_code(text)
    # Only headings also found outside code blocks split the page.
    outside = {m.group(0) for m in re.finditer(r"^## .*$", clean, flags=re.M)}
    starts = [0] + [m.start() for m in re.finditer(r"^## .*$", text, flags=re.M) if m.group(0) in outside]
    units = []
    for i, start in enumerate(starts):
        chunk = text[start: starts[i + 1] if i + 1 < len(starts) else len(text)]
        found = headings(chunk)
        units.append((found[0] if found and i else "top of the page", chunk))
    return units


def glossary_entries(text: str) -> list[tuple[list[str], str]]:
    """([term lines], definition) of each entry of the page's {glossary}."""
    found = GLOSSARY.search(text)
    if not found:
        return []
    entries = []
    for block in re.split(r"\n\s*\n(?=\S)", found["body"].strip("\n")):
        lines = block.split("\n")
        terms = [l.strip() for l in lines if l and not l[0].isspace()]
        body = "\n".join(l for l in lines if l and l[0].isspace())
        entries.append((terms, body))
    return entries


def check_glossary(english: str, translated: str, file: str) -> list[Drift]:
    """One entry per English entry, naming the English term (its last term line), with the
    same citations and numerals."""
    drifts: list[Drift] = []
    en = {terms[0]: body for terms, body in glossary_entries(english)}
    tr = {}
    for terms, body in glossary_entries(translated):
        english_term = terms[-1]
        if english_term not in en:
            drifts.append(Drift(file, f"term {terms[0]!r}", f"its last term line {english_term!r} is not an English "
                                                            "glossary term (write the English term under the translated one)"))
        tr[english_term] = body
    for term, body in en.items():
        if term not in tr:
            drifts.append(Drift(file, f"term {term!r}", "missing: no entry names this English term"))
            continue
        a, b = facts(body), facts(tr[term])
        for key in ("citations", "numerals", "targets"):
            if a[key] != b[key]:
                drifts.append(Drift(file, f"term {term!r}", describe(key, a[key], b[key])))
    return drifts


def check_notes(english: dict[str, str], translated: dict[str, str], file: str) -> list[Drift]:
    """The bibliography's notes: one per English note, with its numerals, translated."""
    drifts = [Drift(file, key, "not a references.bib entry with a note") for key in translated if key not in english]
    for key, note in english.items():
        if key not in translated:
            drifts.append(Drift(file, key, "missing: this source's note has no translation"))
        elif len(note) > 40 and note == translated[key]:
            drifts.append(Drift(file, key, "not translated (the same text as the English)"))
        elif numerals(note) != numerals(translated[key]):
            drifts.append(Drift(file, key, describe("numerals", numerals(note), numerals(translated[key]))))
    return drifts


def glossary_terms(text: str) -> set[str]:
    return {t.lower() for terms, _ in glossary_entries(text) for t in terms}


def check_page(english: Path, translated: Path, file: str) -> list[Drift]:
    en, tr = english.read_text(encoding="utf-8"), translated.read_text(encoding="utf-8")
    if GLOSSARY.search(en):
        outside_en, outside_tr = GLOSSARY.sub("", en), GLOSSARY.sub("", tr)
        return compare_units(file, page_units(outside_en), page_units(outside_tr)) + check_glossary(en, tr, file)
    return compare_units(file, page_units(en), page_units(tr))


def unknown_terms(text: str, terms: set[str], file: str) -> list[Drift]:
    """`{term}` links to terms the translated glossary does not have."""
    return [Drift(file, "glossary link", f"{{term}} {role_target(m['body'])!r} is not a term of the glossary")
            for m in ROLE.finditer(text) if m["role"] == "term" and role_target(m["body"]).lower() not in terms]
