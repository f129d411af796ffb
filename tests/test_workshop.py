"""`make workshop` in a real browser: JupyterLab opens a chapter, runs it, and the quiz is a
live widget that checks an answer and keeps score."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from knowtheline.workshop import prepare

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def jupyterlab(tmp_path):
    port, token = free_port(), "ktl-test"
    workdir = tmp_path / "work"  # a copy, so autosave never touches the committed notebooks
    workdir.mkdir()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    env.pop("KNOWTHELINE_STATIC_BUILD", None)
    lab = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--notebook-dir={workdir}", "--ServerApp.disable_check_xsrf=True",
         "--LabApp.news_url=", "--LabServerApp.announcements_url=", "--allow-root"],
        cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.5)
    yield f"http://127.0.0.1:{port}", token, workdir
    lab.terminate()
    lab.wait(timeout=30)


def run_all_cells(browser, base: str, token: str, notebook: str, timeout: int = 90):
    """Open `notebook` in JupyterLab at 1366x768 (a projector), let the kernel start and
    choose Run > Run All Cells, as a facilitator does; the wait, for what follows."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1366, 768)
    browser.get(f"{base}/lab/tree/{notebook}?token={token}&reset")
    wait = WebDriverWait(browser, timeout)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".jp-Notebook"))).click()
    time.sleep(3)  # let the kernel start
    wait.until(EC.element_to_be_clickable((By.XPATH, "//div[contains(@class,'lm-MenuBar-itemLabel') and text()='Run']"))).click()
    wait.until(EC.element_to_be_clickable((By.XPATH, "//div[contains(@class,'lm-Menu-itemLabel') and text()='Run All Cells']"))).click()
    return wait


def answer_wrong(wait, q: dict, wrong: str, verdict: str):
    """In the live quiz, choose a wrong option of question `q` and check it; (quiz, form,
    feedback) once the verdict shows."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC

    quiz = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".jp-OutputArea-output .ktl-quiz[data-live][data-ready]")))
    quiz.parent.execute_script("arguments[0].scrollIntoView()", quiz)
    form = quiz.find_element(By.CSS_SELECTOR, f"form[data-qid='{q['id']}']")
    form.find_element(By.CSS_SELECTOR, f"label[for$='-{q['id']}-{wrong}']").click()
    form.find_element(By.CSS_SELECTOR, "button.ktl-check").click()
    feedback = form.find_element(By.CSS_SELECTOR, ".ktl-feedback")
    wait.until(lambda d: verdict in feedback.text)
    return quiz, form, feedback


def test_live_quiz_widget_in_jupyterlab(jupyterlab, browser):
    """The book's quiz module as a live widget: an answer shows that option's own feedback
    from the bank, the score counts it, and Save my results writes the results file from
    Python into results/ next to the notebook."""
    from selenium.webdriver.common.by import By

    from knowtheline.quiz import book_bank, learner_view, results

    base, token, workdir = jupyterlab
    chapter = sorted((ROOT / "chapters").glob("01-*.ipynb"))[0]
    prepare(chapter, workdir, ROOT)   # what `make workshop` opens
    view = learner_view(book_bank()["ch01"])
    q = next(q for q in view["questions"] if not q["multiple"])
    wrong = next(o["id"] for o in q["options"] if o["id"] not in q["answer"])
    wait = run_all_cells(browser, base, token, chapter.name)
    quiz, form, feedback = answer_wrong(wait, q, wrong, "Not quite")
    assert q["feedback"][wrong] in feedback.text, "the option's own feedback from the bank is not shown"
    assert "Score: 0 of" in quiz.find_element(By.CSS_SELECTOR, ".ktl-score").text
    size = browser.execute_script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", form)
    assert size >= 16, f"the live quiz's text is {size}px: too small for a projector"
    browser.execute_script("arguments[0].scrollIntoView({block: 'end'})", feedback)
    browser.save_screenshot(str(workdir.parent / "live-quiz.png"))  # for a look at 1366x768
    name = quiz.find_element(By.CSS_SELECTOR, ".ktl-learner-name")
    name.send_keys("Ana Maria")  # typed into the widget, not taken as notebook shortcuts
    quiz.find_element(By.CSS_SELECTOR, ".ktl-download").click()
    saved = quiz.find_element(By.CSS_SELECTOR, ".ktl-saved")
    wait.until(lambda d: "Saved to" in saved.text)
    [path] = (workdir / "results").glob("*.json")
    assert path.name == "knowtheline-ch01-Ana-Maria.json" and path.name in saved.text
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["learner"] == "Ana Maria" and record["checksum"] == results.checksum(record)
    assert record["answers"] == [{"question": q["id"], "chosen": [wrong], "attempts": 1}]
    assert record["quiz_version"] == view["version"] and record["score"]["correct"] == 0


def test_live_state_explorer_in_jupyterlab(jupyterlab, browser):
    """The book's explorer module as a widget: choosing another state shows its text, and the
    chart Python draws for it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select

    from knowtheline.charts.explorer import state_explorer

    base, token, workdir = jupyterlab
    chapter = next(p for p in sorted((ROOT / "chapters").glob("*.ipynb"))
                   if "state_explorer" in p.read_text(encoding="utf-8"))
    prepare(chapter, workdir, ROOT)   # what `make workshop` opens
    wait = run_all_cells(browser, base, token, chapter.name, timeout=120)
    explorer = wait.until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, ".jp-OutputArea-output .ktl-explorer[data-live][data-ready]")))
    assert len(browser.find_elements(By.CSS_SELECTOR, ".ktl-explorer")) == 1  # the widget, not the HTML as well
    select = explorer.find_element(By.CSS_SELECTOR, "select")
    assert explorer.find_elements(By.CSS_SELECTOR, f"label[for='{select.get_attribute('id')}']")
    picker = Select(select)
    data = state_explorer().data["states"]
    target = next(o.text for o in picker.options
                  if o.text != picker.first_selected_option.text and data[o.text]["series"])
    live = explorer.find_element(By.CSS_SELECTOR, "[aria-live='polite']")
    browser.execute_script("arguments[0].scrollIntoView()", explorer)
    picker.select_by_visible_text(target)
    wait.until(lambda d: data[target]["summary"] in live.text)
    chart = wait.until(lambda d: live.find_elements(By.CSS_SELECTOR, f"img[alt^='Line chart of {target}']"))
    assert chart[0].size["width"] > 300
    browser.save_screenshot(str(workdir.parent / "live-explorer.png"))  # for a look at 1366x768


RAW_MYST = ("{term}`", "{footcite", "{doc}`", ":::{", "```{", "(ch0", ":class:", "{asof}`", "{event}`")


def test_chapters_render_as_the_book_does_in_jupyterlab(jupyterlab, browser):
    """jupyterlab-myst renders the book's MyST: no raw roles or directives, tables drawn,
    facilitator notes folded, one cell per section."""
    import json
    import shutil

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    base, token, workdir = jupyterlab
    chapter = sorted((ROOT / "chapters").glob("08-*.ipynb"))[0]
    sections = sum(1 for c in json.loads(chapter.read_text(encoding="utf-8"))["cells"]
                   if c["cell_type"] == "markdown" and "".join(c["source"]).lstrip().startswith("## "))
    assert sections >= 8, "a chapter is one markdown cell per ## section"
    prepare(chapter, workdir, ROOT)   # what `make workshop` opens
    browser.get(f"{base}/lab/tree/{chapter.name}?token={token}&reset")
    wait = WebDriverWait(browser, 90)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".jp-MarkdownCell details")))
    time.sleep(5)  # every markdown cell renders
    text = browser.find_element(By.CSS_SELECTOR, ".jp-Notebook").get_attribute("innerText")
    raw = [m for m in RAW_MYST if m in text]
    assert not raw, f"raw MyST shown in JupyterLab: {raw}"
    keys = set(re.findall(r"\{footcite:[pt]\}`([^`]*)`", chapter.read_text(encoding="utf-8")))
    shown = [k for group in keys for k in group.split(",") if re.search(rf"\b{re.escape(k.strip())}\b", text)]
    assert not shown, f"citation keys shown as text: {shown[:5]}"
    assert "Sources" in text or "References" in text
    assert browser.find_elements(By.CSS_SELECTOR, ".jp-MarkdownCell table"), "list-tables are not drawn"
    notes = browser.execute_script(
        "return Array.from(document.querySelectorAll('.jp-MarkdownCell details'))"
        ".filter(d => d.textContent.includes('For facilitators')).map(d => d.open)")
    assert notes == [False], f"facilitator notes should be one folded dropdown, got {notes}"


def test_spanish_chapter_in_jupyterlab(jupyterlab, browser):
    """`make workshop lang=es`: the Spanish chapter's live quiz answers in Spanish, with the
    option's Spanish feedback, and saves a results file with the Spanish name."""
    from selenium.webdriver.common.by import By

    from knowtheline.quiz import book_bank, learner_view

    base, token, workdir = jupyterlab
    chapter = sorted((ROOT / "es" / "chapters").glob("03-*.ipynb"))[0]
    prepare(chapter, workdir, ROOT, "es")   # what `make workshop lang=es` opens
    view = learner_view(book_bank("es")["ch03"])
    q = next(q for q in view["questions"] if not q["multiple"])
    wrong = next(o["id"] for o in q["options"] if o["id"] not in q["answer"])
    wait = run_all_cells(browser, base, token, chapter.name)
    quiz, form, feedback = answer_wrong(wait, q, wrong, "No exactamente")
    assert q["feedback"][wrong] in feedback.text
    assert "Puntaje: 0 de" in quiz.find_element(By.CSS_SELECTOR, ".ktl-score").text
    browser.execute_script("arguments[0].scrollIntoView({block: 'end'})", feedback)
    browser.save_screenshot(str(workdir.parent / "live-quiz-es.png"))
    quiz.find_element(By.CSS_SELECTOR, ".ktl-learner-name").send_keys("María")
    quiz.find_element(By.CSS_SELECTOR, ".ktl-download").click()
    saved = quiz.find_element(By.CSS_SELECTOR, ".ktl-saved")
    wait.until(lambda d: "Guardado en" in saved.text)
    [path] = (workdir / "results").glob("*.json")
    assert path.name == "conozca-el-limite-ch03-Maria.json"
