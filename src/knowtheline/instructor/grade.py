"""`knowtheline quiz grade`: gradebook, per-learner summary and item analysis.

Answers are re-checked against the bank (a file's own `correct` flags and score are not
trusted). Writes, into a new folder:

* gradebook.csv: one row per learner and quiz, one column per question (1 right, 0 wrong,
  empty when not answered);
* summary.csv: per learner and quiz, answered, correct and percent;
* item-analysis.csv: per question, percent correct and the most-chosen wrong option with
  its text, and the chapter it tests; item-analysis.svg/.png chart it;
* report.txt: which files were graded, skipped (and why) and warned about.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from knowtheline.quiz.model import Question, Quiz

from .assign import read_manifest
from .collect import Collection, collect
from .textutil import one_line


@dataclass(frozen=True)
class Item:
    """Item analysis for one question."""

    question: Question
    answered: int
    correct: int
    wrong_option: str  # most-chosen wrong option id ('' if nobody chose a wrong one)
    wrong_count: int

    @property
    def percent_correct(self) -> float | None:
        return round(100 * self.correct / self.answered, 1) if self.answered else None


def item_analysis(collection: Collection, questions: dict[str, Question]) -> list[Item]:
    """One Item per question anyone answered, in bank order. For the most-chosen wrong option,
    every option ticked that is not a correct one counts once; ties go to the earlier option."""
    answered: Counter = Counter()
    correct: Counter = Counter()
    wrong: dict[str, Counter] = {}
    for s in collection.submissions:
        for qid, picks in s.chosen.items():
            q = questions[qid]
            answered[qid] += 1
            correct[qid] += q.is_correct(picks)
            wrong.setdefault(qid, Counter()).update(p for p in picks if p not in q.answer)
    items = []
    for qid, q in questions.items():
        if not answered[qid]:
            continue
        counts = wrong.get(qid, Counter())
        order = [o.id for o in q.shown_options]
        best = max(order, key=lambda oid: (counts[oid], -order.index(oid))) if counts else ""
        items.append(Item(q, answered[qid], correct[qid], best if counts[best] else "", counts[best] if best else 0))
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
        lines += [f"  SKIPPED {name}: {why}" for name, why in c.skipped]
        lines += [f"  WARNING {name}: {why}" for name, why in c.warnings]
        lines += [f"wrote {p}" for p in self.files]
        return "\n".join(lines)


def _write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "x", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _gradebook(collection: Collection, questions: dict[str, Question]) -> tuple[list[str], list[list]]:
    used = [qid for qid in questions if any(qid in s.chosen for s in collection.submissions)]
    header = ["learner", "quiz", "file", *used]
    rows = []
    for s in sorted(collection.submissions, key=lambda s: (s.learner.casefold(), s.quiz)):
        cells = [int(questions[qid].is_correct(s.chosen[qid])) if qid in s.chosen else "" for qid in used]
        rows.append([s.learner, s.quiz, s.file, *cells])
    return header, rows


def _summary(collection: Collection, questions: dict[str, Question], sizes: dict) -> tuple[list[str], list[list]]:
    """`sizes`: (quiz, version) or quiz -> how many questions that quiz (variant) has."""
    header = ["learner", "quiz", "file", "saved", "questions", "answered", "correct", "percent_correct",
              "score_in_file", "note"]
    rows = []
    for s in sorted(collection.submissions, key=lambda s: (s.learner.casefold(), s.quiz)):
        right = sum(questions[qid].is_correct(p) for qid, p in s.chosen.items())
        total = sizes.get((s.quiz, s.quiz_version), sizes[s.quiz])
        note = "" if s.claimed_correct == right else f"the file claims {s.claimed_correct} correct; re-checked: {right}"
        rows.append([s.learner, s.quiz, s.file, s.saved, total, len(s.chosen), right,
                     round(100 * right / total, 1) if total else "", s.claimed_correct, note])
    return header, rows


def _items_table(items: list[Item]) -> tuple[list[str], list[list]]:
    header = ["question", "chapter", "type", "answered", "correct", "percent_correct",
              "most_chosen_wrong_option", "wrong_option_text", "times_chosen", "prompt"]
    rows = []
    for it in items:
        q = it.question
        text = one_line(q.option(it.wrong_option).text) if it.wrong_option else ""
        label = f"{q.letters[it.wrong_option]} ({it.wrong_option})" if it.wrong_option else ""
        rows.append([q.id, q.chapter, q.type, it.answered, it.correct, it.percent_correct, label, text,
                     it.wrong_count, one_line(q.prompt)])
    return header, rows


def item_chart(items: list[Item], stem: Path) -> list[Path]:
    """A horizontal bar chart of percent correct per question, hardest first, with the
    most-chosen wrong option named on each bar; saved as SVG and PNG."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    from knowtheline.charts import style

    ranked = sorted(items, key=lambda it: (it.percent_correct, it.question.id))
    with mpl.rc_context():
        style.apply_style()
        height = max(2.5, 0.45 * len(ranked) + 1.2)
        fig = Figure(figsize=(style.FIGSIZE[0], height))
        ax = fig.add_subplot()
        labels = [f"{it.question.id} (ch. {it.question.chapter})" for it in ranked]
        values = [it.percent_correct for it in ranked]
        ax.barh(labels, values, color=style.OKABE_ITO["blue"])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("Percent of learners who answered correctly")
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ax.set_title("Which questions were answered correctly least often")
        for y, it in enumerate(ranked):
            note = f"{it.percent_correct:.0f}%"
            if it.wrong_option:
                note += f"  most-chosen wrong: {it.question.letters[it.wrong_option]} ({it.wrong_count})"
            ax.text(min(it.percent_correct, 100) + 1 if it.percent_correct < 55 else 1, y, note,
                    va="center", fontsize=8, color=style.INK if it.percent_correct < 55 else "white")
        style.source_line(fig, f"Re-checked against the question bank; {sum(i.answered for i in items)} answers.")
        fig.tight_layout(rect=(0, 0.04, 1, 1))
        paths = [stem.with_suffix(".svg"), stem.with_suffix(".png")]
        for path in paths:
            if path.exists():
                raise FileExistsError(f"{path} exists")
            fig.savefig(path, dpi=150, metadata={"Date": None} if path.suffix == ".svg" else None)
    return paths


def _report_text(collection: Collection) -> str:
    lines = ["Graded:"] + [f"  {s.file}: {s.learner}, quiz {s.quiz}, saved {s.saved}" for s in collection.submissions]
    lines += ["", "Skipped (not graded):"] + ([f"  {n}: {why}" for n, why in collection.skipped] or ["  none"])
    lines += ["", "Warnings:"] + ([f"  {n}: {why}" for n, why in collection.warnings] or ["  none"])
    return "\n".join(lines) + "\n"


def grade_folder(folder: Path, bank: dict[str, Quiz], assignments: list[Path] = (), out: Path = Path("grades"),
                 progress: bool = True) -> Report:
    """Check and grade every results file under `folder`; write the reports into the new folder `out`."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} already has files in it; choose a new folder (nothing is overwritten)")
    manifests = [read_manifest(p) for p in assignments]
    collection = collect(folder, bank, manifests, progress=progress)
    questions = {q.id: q for quiz_id in sorted(bank) for q in bank[quiz_id].questions}
    sizes: dict = {qid: len(quiz.questions) for qid, quiz in bank.items()}
    for m in manifests:
        sizes[m["quiz"]] = len(m["questions"])
        sizes.update({(m["quiz"], v["quiz_version"]): len(v["questions"]) for v in m["variants"]})
    out.mkdir(parents=True, exist_ok=True)
    files = []
    header, rows = _gradebook(collection, questions)
    files.append(_write_csv(out / "gradebook.csv", header, rows))
    header, rows = _summary(collection, questions, sizes)
    files.append(_write_csv(out / "summary.csv", header, rows))
    items = item_analysis(collection, questions)
    header, rows = _items_table(items)
    files.append(_write_csv(out / "item-analysis.csv", header, rows))
    if items:
        files += item_chart(items, out / "item-analysis")
    report = out / "report.txt"
    with open(report, "x", encoding="utf-8") as f:
        f.write(_report_text(collection))
    files.append(report)
    return Report(out, collection, files)
