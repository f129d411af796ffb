"""Shared fixtures: the repository, the fixture quiz bank, the built book served on
localhost, headless Chromium, and the one HTML parser the tests use (`soup`).

Tests that read the built book (`_build/html`: the `site` fixture, `built_pages()`, `HTML`)
carry the `built` marker; `make unit` leaves them out. Without a built book they fail in CI
and are skipped elsewhere (`require_built`), like the browser tests (`missing_tool`)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from knowtheline.bank.model import Quiz
from knowtheline.quiz import results
from knowtheline.quiz.view import answer_map

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
HTML = Path(os.environ.get("KNOWTHELINE_HTML", ROOT / "_build" / "html"))


# Results files as a learner's browser makes them (the quiz module is the one builder in
# the package; test_browser checks its records read back the same way).
def results_record(quiz: str, version: str, mode: str, answers: list[dict], learner: str = "",
                   saved: dt.datetime | None = None, score: dict | None = None) -> dict:
    """A results record from answers already in the learner's terms (`q1`, letters)."""
    saved = saved or dt.datetime.now(dt.timezone.utc)
    data = {"format": results.FORMAT, "format_version": results.FORMAT_VERSION, "quiz": quiz, "quiz_version": version,
            "mode": mode, "learner": learner.strip(), "saved": saved.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "answers": answers}
    if score is not None:
        data["score"] = score
    data["checksum"] = results.checksum(data)
    return data


def make_results(quiz: Quiz, chosen: dict[str, list[str]], attempts: dict[str, int], learner: str = "",
                 saved: dt.datetime | None = None, mode: str = "practice") -> dict:
    """A results record for answers given by bank question id -> option ids  (the tests start
    from the bank); written in the learner's terms."""
    answers = []
    for neutral, entry in answer_map(quiz).items():
        qid = entry["question"]
        if chosen.get(qid):
            letters = {oid: letter for letter, oid in entry["options"].items()}
            answers.append({"question": neutral, "chosen": sorted(letters.get(o, o) for o in chosen[qid]),
                            "attempts": attempts.get(qid, 1)})
    score = None
    if mode == "practice":
        questions = {q.id: q for q in quiz.questions}
        right = sum(questions[qid].is_correct(picks) for qid, picks in chosen.items() if picks and qid in questions)
        score = {"correct": right, "answered": len(answers), "total": len(quiz.questions)}
    return results_record(quiz.id, quiz.version, mode, answers, learner, saved, score)


def built_pages() -> list[Path]:
    """Every page of the built book: its HTML files, not the theme's or the page sources."""
    return sorted(p for p in HTML.rglob("*.html") if not {"_static", "_sources"} & set(p.relative_to(HTML).parts))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def fixture_bank():
    from knowtheline.bank.load import load_bank

    return load_bank(FIXTURES / "quizzes", bib_files=[FIXTURES / "references.bib"])


@pytest.fixture()
def fixture_quiz(fixture_bank):
    return fixture_bank["ch01"]


def soup(markup: str | Path) -> BeautifulSoup:
    """A page or fragment parsed with BeautifulSoup (a path is read as UTF-8): the tests' one
    way to read HTML."""
    if isinstance(markup, Path):
        markup = markup.read_text(encoding="utf-8", errors="replace")
    return BeautifulSoup(markup, "html.parser")


def in_ci() -> bool:
    """CI (KNOWTHELINE_REQUIRE_BROWSER=1, set by .ci/run, or CI set to anything but 0/false):
    a missing tool or book is a failure there, never a skip."""
    return (os.environ.get("KNOWTHELINE_REQUIRE_BROWSER") == "1"
            or os.environ.get("CI", "").lower() not in ("", "0", "false"))


def missing_tool(message: str):
    """A browser-side tool (or the built book) is missing: fail in CI, skip elsewhere, so CI
    never passes by skipping."""
    if in_ci():
        pytest.fail(f"running in CI but {message}")
    pytest.skip(f"{message} (set KNOWTHELINE_REQUIRE_BROWSER=1 to make this a failure)")


def require_built():
    """The built book is there, or the test fails in CI and is skipped elsewhere."""
    if not (HTML / "index.html").exists():
        missing_tool(f"the book is not built in {HTML}: run `make book` (make test does) first")


def pytest_runtest_setup(item):
    """Every test marked `built` checks for the built book before it runs."""
    if item.get_closest_marker("built"):
        require_built()


def _require_browser():
    missing = [b for b in ("chromium", "chromedriver") if not shutil.which(b)]
    if missing:
        missing_tool(f"{' and '.join(missing)} not installed (Debian packages chromium, chromium-driver)")


@pytest.fixture(scope="session")
def site():
    """The built book served on a free localhost port; yields its base URL."""
    require_built()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture()
def browser(tmp_path):
    """Headless Chromium with network and console logging, and downloads into tmp_path/downloads."""
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", f"--user-data-dir={tmp_path / 'profile'}",
                 "--window-size=1200,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()
