"""How hard the book's narrative is to read: Flesch-Kincaid grade (English), Fernández-Huerta
ease (Spanish: textstat with the language set to Spanish) and long sentences.

Quiz files (quizzes/chNN.yaml) are measured the same way: prompts, scenarios, options,
feedback and explanations.

The narrative is what a reader reads as running text: the Markdown cells of a chapter
notebook (or a Markdown page) without tables, code, quiz data, the facilitator notes and the
reference list. It is measured from the sources, so `make readability` needs no build, and
`make bench` reports the same numbers.

Each paragraph, list item and heading-free admonition body counts as its own run of
sentences (a list item without a full stop still ends where the reader sees it end).
Periods inside abbreviations ("U.S.C.", "v.", "Cal.") and numbers ("5.9") do not end a
sentence; textstat would otherwise count them as sentence ends and flatter the grade.

    knowtheline readability chapters/*.ipynb going-deeper.md
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import textstat

from knowtheline import i18n
from knowtheline.asof import in_words
from knowtheline.myst import role_text

TARGET_GRADE = 9.0
TARGET_EASE_ES = 60.0  # Fernández-Huerta: 60-70 is "normal" difficulty, higher is easier
LONG_SENTENCE_WORDS = 35
MAX_LONG_SHARE = 0.02

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = [
    "U.S.C.", "C.F.R.", "U.S.", "F.3d", "F.4th", "F.2d", "F. Supp.", "N.Y.", "N.J.", "D.C.",
    "Cal.", "Tex.", "Fla.", "Ill.", "Mass.", "Ariz.", "Ga.", "Md.", "Or.", "Wis.", "Minn.",
    "Stat.", "Pen.", "Code Ann.", "Ct.", "Cir.", "App.", "Supp.", "Dist.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
    "e.g.", "i.e.", "etc.", "vs.", "v.", "No.", "Nos.", "St.", "Dr.", "Mr.", "Ms.", "Mrs.",
    "Inc.", "Co.", "Corp.", "Dept.", "Gov.", "Sen.", "Rep.", "Jr.", "al.", "approx.", "p.", "pp.",
    "E.D.", "N.D.", "S.D.", "W.D.", "D.R.I.", "D. Or.", "D. Colo.", "L.A.", "P.A.", "H.B.", "S.B.",
    "A.M.", "P.M.", "a.m.", "p.m.",
    # Spanish
    "EE. UU.", "EE.UU.", "art.", "arts.", "núm.", "pág.", "págs.", "Sra.", "Srta.", "Ud.", "Uds.",
]
_ABBREV = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + ")")


def _date_words(iso: str, lang: str = "en") -> str:
    """An {asof}/{event} date as the book shows it (knowtheline.asof.in_words)."""
    try:
        return in_words(date.fromisoformat(iso.strip()), lang)
    except ValueError:
        return iso


# MyST roles: what the reader sees instead of the source.
def _role(match: re.Match, lang: str = "en") -> str:
    name, body = match.group(1), match.group(2)
    if name.startswith("footcite") or name in ("cite", "cite:p", "numref", "download"):
        return "" if name != "footcite:t" else i18n.t(lang, "words.the_source")
    if name in ("asof", "event"):
        return _date_words(body, lang)
    if name == "doc":
        return i18n.t(lang, "words.that_page")
    return role_text(body)


ROLE = re.compile(r"\{([a-z:-]+)\}`([^`]*)`")
FENCE = re.compile(r"^(`{3,}|:{3,})(.*)$")


def _strip_blocks(markdown: str) -> list[str]:
    """The text blocks (paragraphs, list items, admonition bodies) a reader reads as prose."""
    blocks: list[str] = []
    current: list[str] = []
    stack: list[tuple[str, bool]] = []  # (fence, skipped?)

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        fence = FENCE.match(line)
        if fence:
            marker, rest = fence.group(1), fence.group(2).strip()
            if stack and rest == "" and marker[0] == stack[-1][0][0] and len(marker) >= len(stack[-1][0]):
                flush()
                stack.pop()
                continue
            if rest or marker[0] == "`":
                flush()
                directive = rest
                skipped = (marker[0] == "`" and not directive.startswith("{admonition}")
                           and not directive.startswith("{note}") and not directive.startswith("{warning}")
                           and not directive.startswith("{tip}")) \
                    or directive.startswith(("{list-table}", "{table}", "{csv-table}", "{footbibliography}",
                                             "{bibliography}", "{glossary}", "{code", "{figure}", "{image}",
                                             "{toctree}"))
                skipped = skipped or any(s for _, s in stack)
                stack.append((marker, skipped))
                continue
        if stack and stack[-1][1]:
            continue
        if stack and line.startswith(":") and re.match(r"^:[a-z-]+:", line):
            # directive options (":class: tip", ":class-container: facilitator")
            if "facilitator" in line:
                stack[-1] = (stack[-1][0], True)
            continue
        if not line or line[0] in "#|<" or line == "+++" or re.match(r"^\([\w-]+\)=$", line):
            flush()
            continue
        item = re.match(r"^(?:[-*+]|\d+[.)]|:)\s+(.*)$", line)   # list item, definition
        if item:
            flush()
            line = item.group(1)
        current.append(line)
    flush()
    return blocks


def _clean(block: str, lang: str = "en") -> str:
    text = ROLE.sub(lambda m: _role(m, lang), block)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)   # links
    text = re.sub(r"[*_`]+", "", text)                       # emphasis, code
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)              # space left by a removed citation
    return text


def _protect(text: str) -> str:
    text = _ABBREV.sub(lambda m: m.group(0).replace(".", ""), text)
    text = re.sub(r"(\d)\.(\d)", r"\1\2", text)              # 5.9, 1.5
    text = re.sub(r"\b([A-Z])\.(?=\s*[A-Z]\.)", r"\1", text)   # initials
    return text


def sentences(blocks: list[str], lang: str = "en") -> list[str]:
    out = []
    for block in blocks:
        text = _protect(_clean(block, lang))
        if not text:
            continue
        if text[-1] not in ".!?\"'”’)":
            text += "."
        out.extend(s for s in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[^a-z])", text) if s.strip())
    return out


def markdown_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    if path.suffix in (".yaml", ".yml"):   # a quiz file: what a learner reads, block by block
        import yaml

        blocks = []
        questions = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("questions", [])
        for q in questions.values() if isinstance(questions, dict) else questions:   # a translation: by id
            scenario = q.get("scenario") or {}
            blocks += [scenario.get("place", ""), scenario.get("action", ""), q.get("prompt", "")]
            options = q.get("options", [])
            for option in options.values() if isinstance(options, dict) else options:
                blocks += [str(option.get("text", "")), option.get("feedback", "")]
            blocks.append(q.get("explanation", ""))
        return "\n\n".join(b for b in blocks if b)
    text = path.read_text(encoding="utf-8")
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)   # front matter


@dataclass
class Score:
    path: str
    words: int
    sentences: int
    grade: float  # English: Flesch-Kincaid grade; Spanish: Fernández-Huerta ease
    long_share: float
    longest: list[tuple[int, str]] = field(default_factory=list)
    lang: str = "en"

    @property
    def ok(self) -> bool:
        good = self.grade >= TARGET_EASE_ES if self.lang == "es" else self.grade <= TARGET_GRADE
        return good and self.long_share <= MAX_LONG_SHARE

    @property
    def measure(self) -> str:
        return f"Fernández-Huerta {self.grade}" if self.lang == "es" else f"grade {self.grade}"


def language_of(path: Path) -> str:
    """'es' for the Spanish edition's files (es/…, quizzes/es/…), else 'en'."""
    return "es" if "es" in Path(path).parts[:-1] else "en"


def score(path: Path, worst: int = 5, lang: str | None = None) -> Score:
    lang = lang or language_of(path)
    sents = sentences(_strip_blocks(markdown_of(path)), lang)
    text = " ".join(sents)
    lengths = [(len(s.split()), s) for s in sents]
    long = [x for x in lengths if x[0] > LONG_SENTENCE_WORDS]
    if lang == "es":
        textstat.set_lang("es")
        try:
            measure = round(textstat.fernandez_huerta(text), 1) if sents else 0.0
        finally:
            textstat.set_lang("en_US")
    else:
        measure = round(textstat.flesch_kincaid_grade(text), 1) if sents else 0.0
    return Score(
        path=str(path),
        words=textstat.lexicon_count(text),
        sentences=len(sents),
        grade=measure,
        long_share=round(len(long) / len(sents), 3) if sents else 0.0,
        longest=sorted(lengths, reverse=True)[:worst],
        lang=lang,
    )


def report(paths, worst: int = 5, strict: bool = False) -> int:
    """Print each file's score (default: every chapter); `knowtheline readability`. Returns 1
    with `strict` if any file misses the target."""
    paths = list(paths) or sorted(Path("chapters").glob("[0-9][0-9]-*.ipynb"))
    failed = False
    print(f"target: grade <= {TARGET_GRADE} (English), Fernández-Huerta >= {TARGET_EASE_ES} (Spanish), at most "
          f"{MAX_LONG_SHARE:.0%} of sentences over {LONG_SENTENCE_WORDS} words")
    for path in paths:
        s = score(path, worst)
        failed |= not s.ok
        print(f"{'ok ' if s.ok else 'MISS'} {s.path}: {s.measure}, {s.sentences} sentences, "
              f"{s.long_share:.1%} over {LONG_SENTENCE_WORDS} words")
        for n, text in s.longest if worst else []:
            print(f"       {n:3d} words: {text[:160]}")
    return 1 if failed and strict else 0


if __name__ == "__main__":  # `python -m knowtheline.readability` is `knowtheline readability` (the library never imports the CLI)
    from knowtheline.cli import run_module

    sys.exit(run_module(["readability"]))
