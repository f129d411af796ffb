"""The built book in headless Chromium, with no kernel: the quiz works by mouse and by
keyboard, keeps progress in the browser, clears it, downloads a valid results file; every
page passes axe-core in both themes; no page requests anything from another origin or
keeps anything but quiz progress; search works from its page and from Ctrl+K."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest

from conftest import HTML, ROOT, built_pages

pytestmark = [pytest.mark.browser, pytest.mark.built]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def quiz_pages() -> list[str]:
    """Paths (relative to the site) of built pages that contain a quiz."""
    return sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                  if 'class="ktl-quiz"' in p.read_text(encoding="utf-8", errors="replace"))


def all_pages() -> list[str]:
    return [str(p.relative_to(HTML)) for p in built_pages()]


@pytest.fixture()
def quiz_page(site, browser):
    pages = quiz_pages()
    assert pages, "no built page contains a quiz"
    browser.get(f"{site}/{pages[0]}")
    wait_for(lambda: browser.execute_script("return !!document.querySelector('.ktl-quiz[data-ready]')"))
    return browser


def wait_for(condition, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        if condition():
            return True
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the page")


def quiz_data(driver) -> dict:
    return json.loads(driver.execute_script("return document.querySelector('.ktl-quiz .ktl-quiz-data').textContent"))


def first_single_question(driver):
    questions = {q["id"]: q for q in quiz_data(driver)["questions"]}
    for form in driver.find_elements("css selector", ".ktl-quiz form.ktl-question"):
        q = questions[form.get_attribute("data-qid")]
        if not q["multiple"]:
            return form, q
    raise AssertionError("no single-answer question")


def a_wrong_option(q: dict) -> str:
    return next(o["id"] for o in q["options"] if o["id"] not in q["answer"])


def test_wrong_then_right_shows_each_options_feedback(quiz_page):
    form, q = first_single_question(quiz_page)
    right = q["answer"][0]
    wrong = a_wrong_option(q)
    form.find_element("css selector", f"input[value='{wrong}']").click()
    form.find_element("css selector", "button.ktl-check").click()
    feedback = form.find_element("css selector", ".ktl-feedback")
    assert "Not quite" in feedback.text and q["feedback"][wrong] in feedback.text
    form.find_element("css selector", f"label[for='{form.get_attribute('id')}-{right}']").click()
    form.find_element("css selector", "button.ktl-check").click()
    assert "Correct." in feedback.text and q["feedback"][right] in feedback.text
    assert q["explanation"] in feedback.text
    score = quiz_page.find_element("css selector", ".ktl-score").text
    assert score.startswith("Score: 1 of ")


def test_quiz_and_explorer_work_from_disk(site, browser):
    """The built book opened from disk (file://), as `make book` suggests: browsers refuse to
    load a module file there, so the quiz must still check answers and the explorer respond."""
    from selenium.webdriver.support.ui import Select

    for page in quiz_pages():
        browser.get((HTML / page).resolve().as_uri())
        wait_for(lambda: browser.execute_script("return !!document.querySelector('.ktl-quiz[data-ready]')"))
    form, q = first_single_question(browser)
    wrong = a_wrong_option(q)
    form.find_element("css selector", f"input[value='{wrong}']").click()
    form.find_element("css selector", "button.ktl-check").click()
    assert q["feedback"][wrong] in form.find_element("css selector", ".ktl-feedback").text
    explorer = [p for p in quiz_pages() if 'class="ktl-explorer"' in (HTML / p).read_text(encoding="utf-8")]
    assert explorer, "no page shows the state explorer"
    browser.get((HTML / explorer[0]).resolve().as_uri())
    box = browser.find_element("css selector", ".ktl-explorer")
    picker = Select(box.find_element("css selector", "select"))
    before = box.text
    picker.select_by_index(1 if picker.first_selected_option.text != picker.options[1].text else 2)
    wait_for(lambda: box.text != before)


def test_keyboard_only(quiz_page):
    from selenium.webdriver.common.keys import Keys

    form, q = first_single_question(quiz_page)
    shown = [i.get_attribute("value") for i in form.find_elements("css selector", "input")]
    target = shown.index(q["answer"][0])
    first_input = form.find_element("css selector", "input")
    quiz_page.execute_script("arguments[0].focus()", first_input)
    active = quiz_page.switch_to.active_element
    active.send_keys(Keys.SPACE)  # select the first option
    for _ in range(target):
        quiz_page.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    quiz_page.switch_to.active_element.send_keys(Keys.TAB)  # to the Check button
    focused = quiz_page.switch_to.active_element
    assert "ktl-check" in focused.get_attribute("class")
    focused.send_keys(Keys.ENTER)
    assert "Correct." in form.find_element("css selector", ".ktl-feedback").text


def test_progress_survives_reload_and_can_be_cleared(quiz_page):
    form, q = first_single_question(quiz_page)
    qid = form.get_attribute("data-qid")
    form.find_element("css selector", f"input[value='{q['answer'][0]}']").click()
    form.find_element("css selector", "button.ktl-check").click()
    quiz_page.refresh()
    wait_for(lambda: quiz_page.execute_script("return !!document.querySelector('.ktl-quiz[data-ready]')"))
    form = quiz_page.find_element("css selector", f"form[data-qid='{qid}']")
    assert form.find_element("css selector", f"input[value='{q['answer'][0]}']").is_selected()
    assert "Correct." in form.find_element("css selector", ".ktl-feedback").text
    quiz_page.find_element("css selector", ".ktl-quiz .ktl-clear").click()
    quiz_page.switch_to.alert.accept()
    assert not form.find_element("css selector", f"input[value='{q['answer'][0]}']").is_selected()
    assert form.find_element("css selector", ".ktl-feedback").text == ""
    quiz_page.refresh()
    wait_for(lambda: quiz_page.execute_script("return !!document.querySelector('.ktl-quiz[data-ready]')"))
    assert quiz_page.execute_script("return Object.keys(localStorage).filter(k => k.startsWith('ktl-quiz:')).length") == 0


def test_download_results_file(quiz_page, root):
    from knowtheline.quiz import book_bank, results

    data = quiz_data(quiz_page)
    form, q = first_single_question(quiz_page)
    wrong = a_wrong_option(q)
    form.find_element("css selector", f"input[value='{wrong}']").click()
    form.find_element("css selector", "button.ktl-check").click()
    name = quiz_page.find_element("css selector", ".ktl-quiz .ktl-learner-name")
    name.send_keys("Ana María")
    quiz_page.find_element("css selector", ".ktl-quiz .ktl-download").click()
    wait_for(lambda: any(p.suffix == ".json" for p in quiz_page.downloads.iterdir()))
    [path] = [p for p in quiz_page.downloads.iterdir() if p.suffix == ".json"]
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["format"] == results.FORMAT and record["quiz"] == data["quiz"]
    assert record["learner"] == "Ana María"
    assert record["answers"] == [{"question": form.get_attribute("data-qid"), "chosen": [wrong], "attempts": 1}]
    assert record["mode"] == "practice" and record["score"]["correct"] == 0
    assert record["checksum"] == results.checksum(record), "browser and Python checksums differ"
    if (root / "_build" / "html") == HTML:
        from knowtheline.classroom import collect

        bank = book_bank()
        assert record["quiz_version"] == bank[data["quiz"]].version
        questions = {x.id: x for quiz in bank.values() for x in quiz.questions}
        graded, warnings = collect.parse(path.read_bytes(), path.name, collect.expected_quizzes(bank, []), questions)
        [(qid, picks)] = graded.chosen.items()
        assert not warnings and not questions[qid].is_correct(picks)  # read back as the wrong answer it was


@pytest.fixture()
def graded_page(tmp_path, browser):
    """A graded assignment from the fixture bank (two submissions allowed), opened from its file."""
    from knowtheline.bank import select
    from knowtheline.classroom import assign

    bank = select.load(ROOT / "tests" / "fixtures" / "quizzes", bib_files=[])
    quiz = select.as_quiz(select.all_questions(bank), "week1", "Week 1")
    assign.make_assignment(quiz, tmp_path / "a", attempts=2)
    browser.get((tmp_path / "a" / "week1.html").as_uri())
    wait_for(lambda: browser.execute_script("return !!document.querySelector('.ktl-quiz[data-ready]')"))
    browser.bank, browser.quiz, browser.assignment = bank, quiz, tmp_path / "a"
    return browser


def test_graded_assignment_submits_locks_and_says_nothing(graded_page, tmp_path):
    from knowtheline.classroom import grade

    page = graded_page
    assert quiz_data(page)["mode"] == "graded"
    assert not page.find_elements("css selector", ".ktl-answer-key")  # nothing for print preview either
    form = page.find_element("css selector", "form.ktl-question[data-qid='q1']")
    inputs = form.find_elements("css selector", "input")
    button = form.find_element("css selector", "button.ktl-check")
    assert button.text == "Submit answer"
    inputs[0].click()
    button.click()
    feedback = form.find_element("css selector", ".ktl-feedback")
    assert "submit again once more" in feedback.text and button.is_enabled()
    second = inputs[1].get_attribute("value")
    inputs[1].click()
    button.click()
    assert "submitted and locked" in feedback.text
    assert not button.is_enabled() and not any(i.is_enabled() for i in inputs)
    text = page.find_element("css selector", ".ktl-quiz").text
    assert "Correct" not in text and "Not quite" not in text and "Score:" not in text
    assert "Submitted: 1 of 4 questions." in text
    page.refresh()  # the lock survives a reload
    # the reloaded page's quiz, once its module has run (fails after 10 s if the lock was lost)
    wait_for(lambda: page.execute_script(
        "var b = document.querySelector('.ktl-quiz[data-ready] form[data-qid=q1] button.ktl-check');"
        "return !!b && b.disabled"))
    page.find_element("css selector", ".ktl-learner-name").send_keys("Ana")
    page.find_element("css selector", ".ktl-download").click()
    wait_for(lambda: any(p.suffix == ".json" for p in page.downloads.iterdir()))
    [path] = [p for p in page.downloads.iterdir() if p.suffix == ".json"]
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["answers"] == [{"question": "q1", "chosen": [second], "attempts": 2}] and "score" not in record
    report = grade.grade_folder(page.downloads, page.bank, assignments=[page.assignment / "assignment.json"],
                                out=tmp_path / "grades", progress=False)
    assert [s.learner for s in report.collection.submissions] == ["Ana"] and not report.collection.skipped
    first = page.quiz.questions[0]
    letters = {letter: oid for oid, letter in first.letters.items()}
    assert report.collection.submissions[0].chosen == {first.id: (letters[second],)}
    assert report.collection.submissions[0].attempts == {first.id: 2}
    assert [u for u in requested_urls(page) if u.startswith(("http:", "https:", "ws:", "wss:"))] == []  # offline


def test_axe_finds_no_violations_on_a_graded_assignment(graded_page):
    page = graded_page
    page.execute_script(AXE.read_text(encoding="utf-8"))
    form = page.find_element("css selector", "form.ktl-question")
    form.find_element("css selector", "input").click()
    form.find_element("css selector", "button.ktl-check").click()  # include the locked state
    result = page.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document.querySelector('.ktl-quiz')).then(r => done(r.violations.map(v => [v.id, v.help, v.nodes.length])))"
    )
    assert result == []


def test_axe_finds_no_violations_on_the_quiz(quiz_page):
    quiz_page.execute_script(AXE.read_text(encoding="utf-8"))
    form, q = first_single_question(quiz_page)
    form.find_element("css selector", f"input[value='{q['answer'][0]}']").click()
    form.find_element("css selector", "button.ktl-check").click()  # include feedback state
    result = quiz_page.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document.querySelector('.ktl-quiz')).then(r => done(r.violations.map(v => [v.id, v.help, v.nodes.length])))"
    )
    assert result == []


def requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver) -> list[str]:
    """SEVERE entries of the browser console since the last call (a missing favicon aside)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]]


def displayed(driver, selector: str):
    shown = [e for e in driver.find_elements("css selector", selector) if e.is_displayed()]
    assert shown, f"no visible {selector}"
    return shown[0]


def test_reading_keeps_nothing_but_quiz_progress_and_asks_no_other_site(site, browser):
    """A reader opens every page, answers a quiz question and switches the colour theme:
    no request goes to another origin, no cookie is set, the only thing left in
    localStorage is quiz progress ("ktl-quiz:" keys; the theme setting lasts the visit
    only), and no page logs an error to the console."""
    origin = urlparse(site).netloc
    foreign, errors = {}, {}

    def check(label):
        for url in requested_urls(browser):
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "chrome", "chrome-untrusted", "about") or parsed.netloc == origin:
                continue  # the site itself, inline data, or the browser's own start page
            foreign.setdefault(label, []).append(url)
        if found := console_errors(browser):
            errors[label] = found

    for page in all_pages():
        browser.get(f"{site}/{page}")
        browser.execute_script("return document.readyState")
        time.sleep(0.2)
        check(page)

    quiz = quiz_pages()[0]
    browser.get(f"{site}/{quiz}")
    wait_for(lambda: browser.execute_script("return !!document.querySelector('.ktl-quiz[data-ready]')"))
    form, q = first_single_question(browser)
    form.find_element("css selector", f"input[value='{q['answer'][0]}']").click()
    form.find_element("css selector", "button.ktl-check").click()
    mode = browser.execute_script("return document.documentElement.dataset.mode")
    displayed(browser, ".theme-switch-button").click()
    wait_for(lambda: browser.execute_script("return document.documentElement.dataset.mode") != mode)
    time.sleep(0.2)
    check(f"{quiz} (question answered, theme switched)")

    local = browser.execute_script("return Object.keys(localStorage)")
    session = browser.execute_script("return Object.assign({}, sessionStorage)")
    cookies = browser.execute_cdp_cmd("Storage.getCookies", {})["cookies"]
    new_mode = browser.execute_script("return document.documentElement.dataset.mode")
    assert foreign == {}
    assert cookies == []
    assert [key for key in local if not key.startswith("ktl-quiz:")] == []
    assert any(key.startswith("ktl-quiz:") for key in local), "answering saved no quiz progress: the check saw nothing"
    assert session.get("ktl-theme:mode") == new_mode, f"the theme switch was not kept for the visit: {session}"
    assert errors == {}


def test_quiz_pages_do_not_load_the_widget_manager():
    for page in quiz_pages():
        text = (HTML / page).read_text(encoding="utf-8")
        if "application/vnd.jupyter.widget-state+json" not in text:
            assert "embed-amd.js" not in text and "require.min.js" not in text, page


def test_no_foreign_asset_references_in_built_files():
    """Belt and braces for the network test: no script, style or font from another origin."""
    pattern = re.compile(r"""(?:<script[^>]+src|<link[^>]+href|url\()\s*=?\s*["']?(https?:)?//""", re.I)
    offenders = []
    for path in HTML.rglob("*"):
        if path.suffix in (".html", ".css") and "vendor" not in path.parts:
            for match in pattern.finditer(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(f"{path.relative_to(HTML)}: {match.group(0)}")
    assert offenders == []


def test_pages_fit_a_phone_screen(site, browser):
    """Readers on phones never have to scroll sideways: tables, quizzes, charts and
    reference lists wrap within a 390-pixel-wide screen."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    too_wide = {}
    for page in all_pages():
        if Path(page).name in ("genindex.html", "search.html"):  # in either edition
            continue
        browser.get(f"{site}/{page}")
        width, viewport = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width > viewport + 1:
            too_wide[page] = width
    assert too_wide == {}


def test_state_explorer_works_without_a_kernel(site, browser):
    """The static explorer: choosing a state by keyboard updates its table; axe-clean."""
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    pages = [p for p in all_pages() if 'class="ktl-explorer"' in (HTML / p).read_text(encoding="utf-8")]
    assert pages, "no page shows the state explorer"
    browser.get(f"{site}/{pages[0]}")
    explorer = browser.find_element("css selector", ".ktl-explorer")
    select = explorer.find_element("css selector", "select")
    label = explorer.find_elements("css selector", f"label[for='{select.get_attribute('id')}']")
    assert label, "the state picker has no label"
    before = explorer.text
    choices = [o.text for o in Select(select).options]
    select.send_keys(Keys.END)  # keyboard only: jump to the last state
    wait_for(lambda: explorer.text != before)
    assert Select(select).first_selected_option.text == choices[-1]
    assert choices[-1].split(" (")[0] in explorer.text
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document.querySelector('.ktl-explorer')).then(r => done(r.violations.map(v => [v.id, v.help])))")
    assert violations == []


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def test_axe_finds_no_violations_on_any_page(site, browser):
    """Every built page (index, search and the index of terms included), as a whole
    document, passes axe-core's WCAG 2.0-2.2 A/AA and best-practice rules, in the light
    and the dark theme. index.html only redirects: it is checked as the page it shows."""
    script = AXE.read_text(encoding="utf-8")
    found = {}
    for page in all_pages():
        browser.get(f"{site}/{page}")
        if 'http-equiv="refresh"' in (HTML / page).read_text(encoding="utf-8").lower():  # wait for the redirect
            wait_for(lambda: not browser.current_url.endswith(f"/{page}")
                     and browser.execute_script("return document.readyState") == "complete")
        shown = urlparse(browser.current_url).path.lstrip("/")
        label = page if shown == page else f"{page} -> {shown}"
        # No transitions: colours are measured as they end, not halfway.
        browser.execute_script("const s = document.createElement('style'); s.textContent = arguments[0];"
                               "document.head.appendChild(s)", NO_MOTION)
        browser.execute_script(script)
        for theme in ("light", "dark"):
            browser.execute_script("document.documentElement.dataset.theme = arguments[0]", theme)
            violations = browser.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
                ".then(r => done(r.violations.map(v => v.id + ': ' + v.nodes[0].html.slice(0, 120))),"
                "      e => done(['axe failed: ' + e]))", AXE_TAGS)
            if violations:
                found[f"{label} ({theme})"] = violations
    assert found == {}


def chapter_pages() -> list[str]:
    return [p for p in all_pages() if p.startswith("chapters/")]


@pytest.mark.parametrize("query", ["287", "287(g)"])
def test_search_lists_matching_pages(site, browser, query):
    """Searching on search.html lists matching pages as links: for "287" on its own and for
    "287(g)", as the book writes it."""
    browser.get(f"{site}/search.html?q={quote(query)}")
    results = ("return Array.from(document.querySelectorAll('#search-results ul.search li a'))"
               ".map(a => a.getAttribute('href'))")
    summary = "const s = document.querySelector('#search-results .search-summary'); return s && s.textContent"
    end = time.time() + 5
    while time.time() < end and not browser.execute_script(results) and not browser.execute_script(summary):
        time.sleep(0.1)
    links = browser.execute_script(results)
    said = browser.execute_script(summary) or "nothing: the search never ran"
    assert links, f"no results for {query!r}; the page said {said!r}; console: {console_errors(browser)}"
    assert all(link and ".html" in link for link in links), links


def test_ctrl_k_opens_the_search_dialog(site, browser):
    """On a chapter page, Ctrl+K (as the search button shows) opens the search dialog with
    the cursor in its search box, and Enter there goes to the search page with the query."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{site}/{chapter_pages()[0]}")
    is_open = "return document.querySelector('#pst-search-dialog').hasAttribute('open')"
    assert browser.execute_script(is_open) is False
    ActionChains(browser).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
    wait_for(lambda: browser.execute_script(is_open))
    field = browser.switch_to.active_element
    assert field.get_attribute("name") == "q" and browser.execute_script(
        "return document.querySelector('#pst-search-dialog').contains(arguments[0])", field)
    field.send_keys("287(g)", Keys.ENTER)
    wait_for(lambda: urlparse(browser.current_url).path.endswith("/search.html"))
    assert parse_qs(urlparse(browser.current_url).query).get("q") == ["287(g)"]


def test_search_words_are_highlighted_on_the_next_page_only(site, browser):
    """After a search, the page a reader opens from the results shows the searched words
    highlighted, as in any Sphinx book; the pages read after it are not highlighted any
    more. (The words are stored the way searchtools.js stores them after a search.)"""
    first, second = chapter_pages()[:2]
    word = "officer"
    for page in (first, second):
        assert word in (HTML / page).read_text(encoding="utf-8").lower(), f"{page} no longer says {word!r}"
    highlighted = "return document.querySelectorAll('#main-content .highlighted').length"
    browser.get(f"{site}/search.html")
    browser.execute_script("localStorage.setItem('sphinx_highlight_terms', arguments[0])", word)
    loaded = "return document.readyState === 'complete'"
    browser.get(f"{site}/{first}")
    # Sphinx highlights once the page's deferred scripts have run: wait for it, not for luck
    # (wait_for fails the test if the words are never highlighted).
    started = time.time()
    wait_for(lambda: browser.execute_script(highlighted) > 0)
    took = time.time() - started
    browser.get(f"{site}/{second}")
    wait_for(lambda: browser.execute_script(loaded))
    time.sleep(2 * took + 0.2)  # twice what the first page needed to highlight its words
    assert browser.execute_script(highlighted) == 0, "the search words are still highlighted on the next page"
