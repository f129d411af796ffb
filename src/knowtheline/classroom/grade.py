"""`knowtheline quiz grade`: gradebook, per-learner summary, item analysis, feedback sheets.

Answers are re-checked against the bank (a file's own score is not trusted). Every question
of every quiz graded has a column and an item-analysis row, answered or not. Writes, into a
new folder:

* gradebook.csv: one row per learner and quiz: correct, questions, then per question 1
  (right), 0 (wrong) or empty (not answered or not in the learner's variant), and the
  attempts (practice checks or graded submissions) it took;
* summary.csv: per learner and quiz, mode, answered, correct and percent;
* item-analysis.csv: per question, percent correct, the most common wrong answer (the
  option, or for a multiple-answer question the set of options, learners chose when
  wrong), mean attempts, and the chapter it tests; item-analysis.svg/.png chart it;
* report.txt: the scores, then which files were graded, skipped (and why) and warned about;
* with `feedback=True`, feedback/<quiz>-<learner>.html: one sheet per learner to hand back
  (`feedback.py`).

CSV cells are written for spreadsheets: any text cell starting with `=`, `+`, `-`, `@`, a
tab or a carriage return gets a leading `'` (OWASP's CSV-injection rule), so a learner
named `=HYPERLINK(…)` is shown, not run; numbers this tool computes (scores, counts,
percentages) are written as numbers and left alone. Text in report.txt and the terminal has
control characters shown as escapes.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from knowtheline.bank.model import Question, Quiz

from .assign import read_manifest
from .collect import Collection, Expected, collect, expected_quizzes
from .textutil import one_line

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def shown(text: str) -> str:
    """Untrusted text (learner names, file names) for a plain-text report or terminal:
    control characters as escapes, so a name cannot forge lines or colour the terminal."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in str(text))


@dataclass(frozen=True)
class Item:
    """Item analysis for one question."""

    question: Question
    answered: int
    correct: int
    wrong_answer: tuple[str, ...]  # the most common wrong answer (option ids); () if nobody was wrong
    wrong_count: int
    attempts: int  # total attempts over everyone who answered

    @property
    def percent_correct(self) -> float | None:
        return round(100 * self.correct / self.answered, 1) if self.answered else None

    @property
    def mean_attempts(self) -> float | None:
        return round(self.attempts / self.answered, 2) if self.answered else None

    def wrong_label(self) -> str:
        """The wrong answer as learners saw it: letters, then the option ids, e.g. `A + C (b, c)`."""
        if not self.wrong_answer:
            return ""
        letters = self.question.letters
        ordered = sorted(self.wrong_answer, key=letters.get)
        return f"{' + '.join(letters[o] for o in ordered)} ({', '.join(ordered)})"

    def wrong_text(self) -> str:
        letters = self.question.letters
        return "; ".join(one_line(self.question.option(o).text) for o in sorted(self.wrong_answer, key=letters.get))


def item_analysis(collection: Collection, questions: dict[str, Question], columns: list[str]) -> list[Item]:
    """One Item per question in `columns`, answered or not. The most common wrong answer
    counts whole answers (the exact option, or set of options, chosen); ties go to the
    answer whose letters come first."""
    answered: Counter = Counter()
    correct: Counter = Counter()
    attempts: Counter = Counter()
    wrong: dict[str, Counter] = {}
    for s in collection.submissions:
        for qid, picks in s.chosen.items():
            q = questions[qid]
            answered[qid] += 1
            attempts[qid] += s.attempts.get(qid, 1)
            if q.is_correct(picks):
                correct[qid] += 1
            else:
                wrong.setdefault(qid, Counter())[tuple(sorted(picks))] += 1
    items = []
    for qid in columns:
        q = questions[qid]
        counts = wrong.get(qid, Counter())
        letters = q.letters
        best = min(counts, key=lambda a: (-counts[a], sorted(letters[o] for o in a))) if counts else ()
        items.append(Item(q, answered[qid], correct[qid], best, counts[best] if best else 0, attempts[qid]))
    return items


@dataclass
class Report:
    out: Path
    collection: Collection
    files: list[Path]

    def summary(self) -> str:
        c = self.collection
        lines = [f"graded {len(c.submissions)} results file(s); skipped {len(c.skipped)}; "
                 f"{len(c.warnings)} warning(s)"]
        lines += [f"  SKIPPED {shown(name)}: {shown(why)}" for name, why in c.skipped]
        lines += [f"  WARNING {shown(name)}: {shown(why)}" for name, why in c.warnings]
        lines += [f"wrote {p}" for p in self.files]
        return "\n".join(lines)


def _write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "x", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([safe_cell(h) for h in header])
        writer.writerows([[safe_cell(cell) for cell in row] for row in rows])
    return path


def question_columns(collection: Collection, known: dict[str, Expected], manifests: list[dict]) -> list[str]:
    """Every question of every quiz graded (or assignment passed), each once, in quiz order."""
    quizzes = [m["quiz"] for m in manifests] + sorted({s.quiz for s in collection.submissions})
    columns: dict[str, None] = {}
    for quiz_id in quizzes:
        columns.update(dict.fromkeys(known[quiz_id].questions))
    for s in collection.submissions:
        columns.update(dict.fromkeys(s.chosen))
    return list(columns)


def _ordered(collection: Collection):
    return sorted(collection.submissions, key=lambda s: (s.learner.casefold(), s.quiz, s.file))


def _right(s, questions: dict[str, Question]) -> int:
    return sum(questions[qid].is_correct(p) for qid, p in s.chosen.items())


def _gradebook(collection: Collection, questions: dict[str, Question], columns: list[str]) -> tuple[list[str], list[list]]:
    header = ["learner", "quiz", "file", "correct", "questions"]
    for qid in columns:
        header += [qid, f"{qid} attempts"]
    rows = []
    for s in _ordered(collection):
        cells = []
        for qid in columns:
            if qid in s.chosen:
                cells += [int(questions[qid].is_correct(s.chosen[qid])), s.attempts.get(qid, 1)]
            else:
                cells += ["", ""]
        rows.append([s.learner, s.quiz, s.file, _right(s, questions), len(s.questions), *cells])
    return header, rows


def _summary(collection: Collection, questions: dict[str, Question]) -> tuple[list[str], list[list]]:
    header = ["learner", "quiz", "file", "saved", "mode", "questions", "answered", "correct", "percent_correct",
              "score_in_file", "note"]
    rows = []
    for s in _ordered(collection):
        right = _right(s, questions)
        total = len(s.questions)
        note = ""
        if s.claimed_correct is not None and s.claimed_correct != right:
            note = f"the file claims {s.claimed_correct} correct; re-checked: {right}"
        rows.append([s.learner, s.quiz, s.file, s.saved, s.mode, total, len(s.chosen), right,
                     round(100 * right / total, 1) if total else "",
                     "" if s.claimed_correct is None else s.claimed_correct, note])
    return header, rows


def _items_table(items: list[Item]) -> tuple[list[str], list[list]]:
    header = ["question", "chapter", "type", "answered", "correct", "percent_correct",
              "most_common_wrong_answer", "wrong_answer_text", "times_chosen", "mean_attempts", "prompt"]
    rows = []
    for it in items:
        q = it.question
        pct = "" if it.percent_correct is None else it.percent_correct
        mean = "" if it.mean_attempts is None else it.mean_attempts
        rows.append([q.id, q.chapter, q.type, it.answered, it.correct, pct, it.wrong_label(), it.wrong_text(),
                     it.wrong_count, mean, one_line(q.prompt)])
    return header, rows


def item_chart(items: list[Item], stem: Path) -> list[Path]:
    """A horizontal bar chart of percent correct per question, hardest first (questions
    nobody answered last, marked so), with the most common wrong answer on each bar; saved
    as SVG and PNG."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    from knowtheline.charts import style

    ranked = sorted(items, key=lambda it: (it.percent_correct is None, it.percent_correct or 0, it.question.id))
    with mpl.rc_context():
        style.apply_style()
        height = max(3.0, 0.45 * len(ranked) + 1.6)
        fig = Figure(figsize=(style.FIGSIZE[0], height))
        ax = fig.add_subplot()
        labels = [f"{it.question.id} (ch. {it.question.chapter})" for it in ranked]
        values = [it.percent_correct or 0 for it in ranked]
        ax.barh(labels, values, color=style.OKABE_ITO["blue"])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("Percent of answers that were right")
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", labelsize=8)
        fig.suptitle("Questions by share of right answers, hardest first", x=0.02, ha="left", fontsize=11,
                     fontweight="bold")
        for y, it in enumerate(ranked):
            if it.percent_correct is None:
                ax.text(1, y, "no answers", va="center", fontsize=8, color=style.INK)
                continue
            note = f"{it.percent_correct:.0f}% of {it.answered}"
            if it.wrong_answer:
                letters = it.question.letters
                note += f"; wrong: {'+'.join(sorted(letters[o] for o in it.wrong_answer))} ({it.wrong_count})"
            inside = it.percent_correct >= 55
            ax.text(1 if inside else it.percent_correct + 1, y, note, va="center", fontsize=8,
                    color="white" if inside else style.INK)
        style.source_line(fig, f"Re-checked against the question bank; {sum(i.answered for i in items)} answers.")
        fig.tight_layout(rect=(0, 0.04, 1, 0.97))
        paths = [stem.with_suffix(".svg"), stem.with_suffix(".png")]
        for path in paths:
            if path.exists():
                raise FileExistsError(f"{path} exists")
            fig.savefig(path, dpi=150, metadata={"Date": None} if path.suffix == ".svg" else None)
    return paths


def _report_text(collection: Collection, questions: dict[str, Question]) -> str:
    lines = ["Scores (re-checked against the question bank):"]
    rows = [(shown(s.learner), shown(s.quiz), _right(s, questions), len(s.questions)) for s in _ordered(collection)]
    width = max([len(r[0]) for r in rows] + [7])
    for name, quiz, right, total in rows:
        percent = f"{100 * right / total:.0f}%" if total else "-"
        lines.append(f"  {name.ljust(width)}  {quiz}  {right} of {total}  ({percent})")
    if not rows:
        lines.append("  none")
    lines += ["", "Graded:"] + [f"  {shown(s.file)}: {shown(s.learner)}, quiz {shown(s.quiz)}, saved {shown(s.saved)}"
                                for s in collection.submissions]
    lines += ["", "Skipped (not graded):"] + ([f"  {shown(n)}: {shown(why)}" for n, why in collection.skipped]
                                               or ["  none"])
    lines += ["", "Warnings:"] + ([f"  {shown(n)}: {shown(why)}" for n, why in collection.warnings] or ["  none"])
    return "\n".join(lines) + "\n"


def grade_folder(folder: Path, bank: dict[str, Quiz], assignments: list[Path] = (), out: Path = Path("grades"),
                 progress: bool = True, feedback: bool = False) -> Report:
    """Check and grade every results file under `folder`; write the reports into the new folder `out`."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} already has files in it; choose a new folder (nothing is overwritten)")
    manifests = [read_manifest(p) for p in assignments]
    questions = {q.id: q for quiz_id in sorted(bank) for q in bank[quiz_id].questions}
    for m in manifests:
        gone = [qid for qid in m["questions"] if qid not in questions]
        if gone:
            raise ValueError(f"assignment {m['quiz']!r} uses questions no longer in the bank: {', '.join(gone)}")
    collection = collect(folder, bank, manifests, progress=progress)
    known = expected_quizzes(bank, manifests)
    columns = question_columns(collection, known, manifests)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    header, rows = _gradebook(collection, questions, columns)
    files.append(_write_csv(out / "gradebook.csv", header, rows))
    header, rows = _summary(collection, questions)
    files.append(_write_csv(out / "summary.csv", header, rows))
    items = item_analysis(collection, questions, columns)
    header, rows = _items_table(items)
    files.append(_write_csv(out / "item-analysis.csv", header, rows))
    if items:
        files += item_chart(items, out / "item-analysis")
    report = out / "report.txt"
    with open(report, "x", encoding="utf-8") as f:
        f.write(_report_text(collection, questions))
    files.append(report)
    if feedback:
        from .feedback import write_sheets

        files += write_sheets(collection, questions, known, out / "feedback")
    return Report(out, collection, files)
