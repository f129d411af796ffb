"""bench/results.md from the measurements of bench/run.py."""

from __future__ import annotations

import datetime as dt

CHART, QUIZ = "chapters/07-examples-and-trends.html", "chapters/08-acting-as-a-witness.html"
# (row, page of this book, page of the baseline). The baseline's quiz is in the same
# chapter as its charts: the one Know the Line chapter it holds.
SIDE_BY_SIDE = [("Intro", "intro.html", "intro.html"),
                ("Chart chapter (7)", CHART, CHART),
                ("Quiz chapter (8; baseline: 7)", QUIZ, CHART)]
TARGETS = {"mobile_performance": 99, "accessibility": 100, "fcp_s": 1.5, "chapter_kb": 200, "cold_build_s": 60}


def ratio(ours: float | None, base: float | None) -> str:
    if not ours or not base:
        return "—"
    return f"{ours / base:.2f}×"


def kb(value: float) -> str:
    return f"{value / 1000:,.0f} KB"


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines + [""]


def targets(ours: dict, audits: dict, chapters: list[str]) -> tuple[list[str], bool]:
    mobile = {page: audits[(page, "mobile")] for page in chapters}
    worst_perf = min(mobile.items(), key=lambda item: item[1]["performance"])
    worst_a11y = min(mobile.items(), key=lambda item: item[1]["accessibility"])
    slowest_paint = max(mobile.items(), key=lambda item: item[1]["fcp_ms"])
    heaviest = max(((page, ours["weight"][page]["bytes"]) for page in chapters), key=lambda item: item[1])
    foreign = sum(w["foreign"] for w in ours["weight"].values())
    checks = [
        (f"Lighthouse mobile performance ≥ {TARGETS['mobile_performance']} on every chapter page",
         f"lowest {worst_perf[1]['performance']:.0f} ({worst_perf[0]})",
         worst_perf[1]["performance"] >= TARGETS["mobile_performance"]),
        (f"First contentful paint ≤ {TARGETS['fcp_s']} s on Lighthouse mobile, every chapter page",
         f"slowest {slowest_paint[1]['fcp_ms'] / 1000:.2f} s ({slowest_paint[0]})",
         slowest_paint[1]["fcp_ms"] <= TARGETS["fcp_s"] * 1000),
        ("Lighthouse accessibility 100 on every chapter page",
         f"lowest {worst_a11y[1]['accessibility']:.0f} ({worst_a11y[0]})",
         worst_a11y[1]["accessibility"] >= TARGETS["accessibility"]),
        (f"A chapter page transfers ≤ {TARGETS['chapter_kb']} KB gzipped (everything it loads, charts included)",
         f"heaviest {kb(heaviest[1])} ({heaviest[0]})", heaviest[1] <= TARGETS["chapter_kb"] * 1000),
        ("Cold build under 60 s on a 2-core machine, dependencies installed",
         seconds(ours["cold"]), ours["cold"] < TARGETS["cold_build_s"]),
        ("No request to another origin from any page", f"{foreign} requests", foreign == 0),
        ("`make test` passes (axe-core on every page, privacy, integrity checks)",
         "not run" if ours["test"] is None else "passed" if ours["test_ok"] else "FAILED",
         ours["test"] is not None and ours["test_ok"]),
    ]
    rows = [[name, value, "met" if ok else "**missed**"] for name, value, ok in checks]
    return table(["Target", "Measured", ""], rows), all(ok for *_, ok in checks)


def side_by_side(ours: dict, base: dict, audits: dict) -> list[str]:
    rows = [["Cold build (after set-up)", seconds(ours["cold"]), seconds(base["cold"]), ratio(ours["cold"], base["cold"])],
            ["No-change rebuild", seconds(ours["rebuild"]), seconds(base["rebuild"]), ratio(ours["rebuild"], base["rebuild"])],
            ["`make test`", seconds(ours["test"]), "— (no tests)", "—"]]
    for label, page, base_page in SIDE_BY_SIDE:
        for form in ("mobile", "desktop"):
            a, b = audits[(page, form)], audits[("baseline:" + base_page, form)]
            rows.append([f"{label}, {form}: performance", f"{a['performance']:.0f}", f"{b['performance']:.0f}",
                         ratio(a["performance"], b["performance"])])
            rows.append([f"{label}, {form}: accessibility", f"{a['accessibility']:.0f}", f"{b['accessibility']:.0f}",
                         ratio(a["accessibility"], b["accessibility"])])
            rows.append([f"{label}, {form}: first / largest contentful paint",
                         f"{a['fcp_ms'] / 1000:.1f} / {a['lcp_ms'] / 1000:.1f} s",
                         f"{b['fcp_ms'] / 1000:.1f} / {b['lcp_ms'] / 1000:.1f} s", ratio(a["lcp_ms"], b["lcp_ms"])])
        a, b = ours["weight"][page], base["weight"][base_page]
        rows.append([f"{label}: transferred, all it loads", kb(a["bytes"]), kb(b["bytes"]), ratio(a["bytes"], b["bytes"])])
        rows.append([f"{label}: requests", a["requests"], b["requests"], ratio(a["requests"], b["requests"])])
    return table(["Measure (median)", "Know the Line", "Baseline", "Ratio"], rows)


def every_chapter(audits: dict, ours: dict, chapters: list[str]) -> list[str]:
    rows = []
    for page in ["intro.html", *chapters]:
        a = audits[(page, "mobile")]
        rows.append([page, f"{a['performance']:.0f}", f"{a['accessibility']:.0f}", f"{a['fcp_ms'] / 1000:.1f} s",
                     f"{a['lcp_ms'] / 1000:.1f} s", f"{a['tbt_ms']:.0f} ms", f"{a['cls']:.3f}", kb(a["bytes"]),
                     kb(ours["weight"][page]["bytes"])])
    return table(["Page", "Performance", "Accessibility", "FCP", "LCP", "TBT", "CLS",
                  "Transferred at load", "Transferred, all it loads"], rows)


def weights(site: dict) -> list[str]:
    rows = [[page, kb(w["bytes"]), w["requests"], w["foreign"] or ""] for page, w in sorted(site["weight"].items())]
    return table(["Page", "Transferred", "Requests", "To other hosts"], rows)


def write(ours, base, audits, reading, machine, started, runs, test_runs, chapters) -> tuple[str, bool]:
    checks, met = targets(ours, audits, chapters)
    errors = sorted({e for a in audits.values() for e in a["errors"]})
    lines = [
        "# Benchmark: Know the Line against a default Jupyter Book 1",
        "",
        f"Written by `make bench` (bench/run.py) on {started:%Y-%m-%d %H:%M} UTC, "
        f"taking {(dt.datetime.now() - started).total_seconds() / 60:.0f} minutes.",
        "",
        f"- **Machine:** {machine}.",
        f"- **Runs:** every figure is the median of {runs} runs (`make test`: {test_runs}).",
        "- **Baseline:** the sample book from `jupyter-book create` plus Know the Line's chapter 7 "
        "(charts, state explorer, quiz), built with the sample's default settings (bench/baseline.py).",
        "- **Serving:** both books from localhost by bench/serve.py, which gzips text like GitHub "
        "Pages or nginx. Lighthouse simulates the network: mobile is a Moto G Power on slow 4G "
        "with a 4× slower CPU; desktop uses Lighthouse's desktop preset.",
        "- **Ratio** is Know the Line ÷ baseline: below 1 is better for times, bytes and requests, "
        "above 1 is better for scores.",
        "- The baseline asks CDNs (unpkg, jsDelivr) for the widget manager and other scripts. This "
        "machine is offline, so those requests fail and are not counted: on a real connection "
        "the baseline is heavier than shown.",
        "",
        "## Targets",
        "",
        *checks,
        "## Side by side",
        "",
        *side_by_side(ours, base, audits),
        "## Lighthouse mobile on every chapter page (Know the Line)",
        "",
        *every_chapter(audits, ours, chapters),
        "## Every page: bytes and requests on a first visit",
        "",
        "Everything a page loads with an empty cache, its lazily loaded charts included.",
        "",
        "### Know the Line",
        "",
        *weights(ours),
        "### Baseline",
        "",
        *weights(base),
        "## Readability of the narrative (textstat)",
        "",
        "Each chapter's narrative as `make readability` measures it: the Markdown cells without "
        "tables, code, quiz, facilitator notes and references. Targets: English, Flesch-Kincaid "
        "grade 9.0 or below; Spanish (es/), Fernández-Huerta 60 or above; in both, at most 2% of "
        "sentences over 35 words.",
        "",
        *table(["Chapter", "Words", "Sentences", "Flesch-Kincaid grade", "Sentences over 35 words",
                "Reading ease", "Spanish: Fernández-Huerta", "Spanish: over 35 words", "Targets met"],
               [[r["chapter"], f"{r['words']:,}", r["sentences"], f"{r['fk_grade']:.1f}", f"{r['long_share']:.1%}",
                 f"{r['reading_ease']:.0f}", f"{r['es_fernandez_huerta']:.1f}", f"{r['es_long_share']:.1%}",
                 "yes" if r["met"] else "no"] for r in reading]),
    ]
    if errors:
        lines += ["Lighthouse reported these run-time errors: " + ", ".join(errors), ""]
    return "\n".join(lines), met
