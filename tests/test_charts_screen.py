"""Charts and the state explorer as readers see them: text large enough on a 390 px phone
and a 1366 px desktop, drawn for the dark theme when the page is dark, data tables in words,
and an explorer that offers every state and territory and loads its chart.

The first part checks the drawings and the HTML from the package; the browser part
(marked `browser`) measures the built book in headless Chromium."""

from __future__ import annotations

import base64
import json
import re
import time

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from conftest import FIXTURES, HTML, ROOT, built_pages, soup  # noqa: E402
from knowtheline.charts import agreements, explorer, penalties, style  # noqa: E402
from knowtheline.data import load  # noqa: E402
from knowtheline.data.clean import VALID_STATES  # noqa: E402

MIN_PX = 11
#: Content width of a chapter page, in CSS px: a 390 px phone and a 1366 px desktop (measured
#: on the built book; the browser tests below measure the real drawn width).
PHONE, DESKTOP = 342, 757
CHARTS = [agreements.active_over_time, agreements.by_state, agreements.signed_per_month,
          agreements.task_force_share, penalties.max_penalties]
RAW_NAMES = ("max_months", "cite_key", "as_of", "snapshot_date", "tfm_share_percent", "task_force_model",
             "jurisdiction", ">total<", ">month<", ">kind<")
_FONT = re.compile(r"font(?:-size)?:[^;\"]*?([0-9.]+)px")
_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
_BACKGROUND = re.compile(r'<g id="patch_1">\s*<path [^>]*style="fill: (#[0-9a-f]{6})')


def smallest_font(svg: str) -> float:
    sizes = [float(s) for s in _FONT.findall(svg)]
    assert sizes, "no text in the drawing"
    return min(sizes)


def drawn_min_px(svg: str, column: float) -> float:
    """Smallest text in CSS px when the SVG is drawn at its own width, shrunk to fit ``column``."""
    width = float(_VIEWBOX.search(svg).group(1))
    return smallest_font(svg) * min(column, width) / width


@pytest.fixture(scope="module", params=CHARTS, ids=lambda f: f.__name__)
def chart(request):
    return request.param()


def shown(html: str, theme: str, layout: str) -> str:
    """The SVG a reader's browser shows for ``theme`` and ``layout``, from the figure's HTML."""
    picture = soup(html).select_one(f"picture.ktl-{theme}")
    assert picture, f"no {theme} drawing"
    prefix = "data:image/svg+xml;base64,"
    source, img = picture.find("source", srcset=True), picture.find("img", src=True)
    assert source and img and source["srcset"].startswith(prefix) and img["src"].startswith(prefix), \
        "the picture needs a narrow <source> and a wide <img>"
    return base64.b64decode((source["srcset"] if layout == "narrow" else img["src"])[len(prefix):]).decode()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_smallest_text_is_at_least_11px_on_phone_and_desktop(chart, theme):
    html = chart.to_html(dark=True)
    for layout, column in (("narrow", PHONE), ("wide", DESKTOP)):
        px = drawn_min_px(shown(html, theme, layout), column)
        assert px >= MIN_PX, f"{theme} {layout}: smallest text {px:.1f} px"


def test_state_chart_text_is_at_least_11px():
    data = explorer.explorer_data()
    chart = explorer.state_chart("Texas", data["states"]["Texas"])
    for variant in style.VARIANTS:
        column = PHONE if variant.layout is style.NARROW else DESKTOP
        assert drawn_min_px(chart.svg(variant), column) >= MIN_PX, variant.name


def test_dark_drawings_are_drawn_on_the_dark_page_background(chart):
    html = chart.to_html(dark=True)
    for layout in ("narrow", "wide"):
        assert _BACKGROUND.search(shown(html, "dark", layout)).group(1) == style.DARK.background
        assert _BACKGROUND.search(shown(html, "light", layout)).group(1) == style.LIGHT.background


def test_jupyter_gets_the_light_drawings_only(chart):
    html = chart.to_html(dark=False)
    assert 'class="ktl-light"' in html and 'class="ktl-dark"' not in html


def test_dark_palette_keeps_contrast_and_stays_colour_blind_safe():
    """Every colour on the dark page has at least 3:1 contrast with it (WCAG non-text
    contrast), and all of them come from the Okabe-Ito palette."""
    colours = [*style.DARK.palette.values(), style.DARK.federal, style.DARK.state, style.DARK.ink, style.DARK.muted]
    for colour in colours:
        assert style.contrast(colour, style.DARK.background) >= 3, colour
    assert set(style.DARK.palette.values()) <= {c.upper() for c in style.OKABE_ITO.values()}
    assert len(set(style.DARK.palette.values())) == len(style.MODELS)


def test_caption_does_not_repeat_the_source_line(chart):
    html = chart.to_html()
    caption = soup(html).find("figcaption")
    text = caption.get_text() if caption else ""
    assert chart.source not in text
    assert chart.source.split(";")[0].split(".")[0] not in text


def test_data_table_speaks_words_with_units(chart):
    table = soup(chart.to_html()).find("details")
    headers = [th.get_text() for th in table.find_all("th")]
    cells = [text.strip() for text in table.find_all(string=True)]
    for name in RAW_NAMES:
        assert name not in str(table), f"raw column name {name!r} in the data table"
    assert headers and all(h[:1].isupper() for h in headers), headers
    assert not any(re.fullmatch(r"\d{4}-\d\d-\d\d", c) for c in cells), "dates must be written as 'May 18, 2026'"
    assert not any(re.fullmatch(r"\d+\.0", c) for c in cells), "whole numbers shown with a decimal"
    assert table.select("td.ktl-num"), "no right-aligned number column"


def test_penalty_table_terms_in_words():
    cells = [text.strip() for text in soup(penalties.max_penalties().to_html()).find("details").find_all(string=True)]
    assert {"Maximum prison term", "20 years", "1 year"} <= set(cells)
    assert any(re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", c) for c in cells)


def test_penalty_chart_takes_more_rows():
    """State felonies added to data/penalties.csv: every row drawn and listed, each state named once."""
    path = FIXTURES / "penalties_more.csv"
    rows = pd.read_csv(path)
    chart = penalties.max_penalties(path)
    for state in set(rows["jurisdiction"]) - {"Federal"}:
        assert chart.title.count(state) == 1, chart.title
    assert "10 years" in chart.title
    for variant in style.VARIANTS:
        svg = chart.svg(variant)
        assert all(penalties.term_label(m) in svg for m in rows["max_months"]), variant.name
        column = PHONE if variant.layout is style.NARROW else DESKTOP
        assert drawn_min_px(svg, column) >= MIN_PX


# The state explorer's data


def expected_places() -> set[str]:
    """Every state and DC, and each territory named in any of ICE's lists (from the data)."""
    folder = load.data_dir()
    listed = set()
    for name in ("active_agreements.csv", "participating_newest.csv", "pending_newest.csv"):
        listed |= set(pd.read_csv(folder / name)["state"])
    return (VALID_STATES - explorer.TERRITORIES) | (explorer.TERRITORIES & listed)


@pytest.fixture(scope="module")
def view():
    return explorer.state_explorer()


def test_explorer_lists_every_state_dc_and_listed_territory(view):
    assert {s.upper() for s in view.data["states"]} == expected_places()
    for state in ("California", "Illinois", "Oregon", "Washington", "District of Columbia"):
        assert "no 287(g) agreement" in view.data["states"][state]["summary"], state


def test_explorer_spells_out_the_models(view):
    html = explorer.StateExplorer(view.data, "Texas").to_html()
    page = soup(html)
    for script in page("script"):
        script.decompose()
    text = str(page)
    assert not re.search(r"\b(JEM|WSO|TFM)\b", text)
    assert not re.search(r"\b(JEM|WSO|TFM)\b", json.dumps(view.data))
    assert "Jail Enforcement Model" in text


def test_explorer_summarizes_instead_of_listing_every_month(view):
    for state, entry in view.data["states"].items():
        years = {row[0][-4:] for row in entry["yearly"]}
        assert len(entry["yearly"]) <= len(years) + 1, state


def test_state_law_file_cites_the_books_references():
    """data/state_287g_law.csv: real states, cite keys that references.bib has, a date."""
    law = explorer.load_state_law()
    assert {"California", "Illinois", "Maryland", "Texas", "Florida"} <= set(law)
    assert "Keep Illinois Families Together Act" in law["Illinois"]["summary"]
    assert all(entry["sources"] and entry["as_of"] for entry in law.values())


@pytest.mark.parametrize("row, message", [
    ("Atlantis,Something.,cal-gov-7284-2,2026-12-03", "line 2, state"),
    ("Texas,Something.,no-such-key,2026-12-03", "line 2, cite_keys: no-such-key"),
    ("Texas,Something.,cal-gov-7284-2,soon", "line 2, as_of"),
])
def test_state_law_file_errors_name_line_and_field(tmp_path, row, message):
    path = tmp_path / "law.csv"
    path.write_text("state,summary,cite_keys,as_of\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        explorer.load_state_law(path, bib_files=[ROOT / "references.bib"])


# The built book in Chromium

SVG_OF = """const img = arguments[0], done = arguments[arguments.length - 1];
fetch(img.currentSrc).then(r => r.text()).then(t => done([t, img.getBoundingClientRect().width]), e => done([null, String(e)]));"""


def chart_pages() -> list[str]:
    return [str(p.relative_to(HTML)) for p in built_pages()
            if 'class="ktl-chart"' in (text := p.read_text(encoding="utf-8")) or 'class="ktl-explorer"' in text]


def shown_images(driver, where: str = ".ktl-chart img, .ktl-explorer img") -> list:
    """The chart images a reader sees (charts and the explorer's), each loaded."""
    images = [i for i in driver.find_elements("css selector", where) if i.is_displayed()]
    for image in images:
        driver.execute_script("arguments[0].loading = 'eager'; arguments[0].scrollIntoView()", image)
    end = time.time() + 10
    while time.time() < end and not all(driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", i)
                                         for i in images):
        time.sleep(0.1)
    return images


# The colour a reader sees behind an element: its own background, or the nearest one behind it.
BEHIND = """let e = arguments[0];
while (e) { const c = getComputedStyle(e).backgroundColor;
  if (c && c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) return c; e = e.parentElement; }
return 'rgb(255, 255, 255)';"""


def set_theme(driver, theme: str) -> None:
    """Set the theme as its switch does, once the page's own scripts (which settle the theme
    when they run) have finished, and check that it holds."""
    end = time.time() + 10
    while time.time() < end and driver.execute_script("return document.readyState") != "complete":
        time.sleep(0.05)
    for _ in range(20):
        driver.execute_script("document.documentElement.dataset.theme = arguments[0]", theme)
        time.sleep(0.1)
        if driver.execute_script("return document.documentElement.dataset.theme") == theme:
            return
    raise AssertionError(f"the page would not stay in the {theme} theme")


@pytest.mark.browser
@pytest.mark.built
@pytest.mark.parametrize("width, height, mobile", [(390, 844, True), (1366, 900, False)], ids=["phone", "desktop"])
def test_charts_as_drawn_have_text_of_at_least_11px(site, browser, width, height, mobile):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": mobile})
    pages = chart_pages()
    assert pages, "no built page shows a chart"
    small, seen = {}, 0
    for page in pages:
        browser.get(f"{site}/{page}")
        for theme in ("light", "dark"):
            set_theme(browser, theme)
            for image in shown_images(browser):
                svg, drawn = browser.execute_async_script(SVG_OF, image)
                assert svg, f"{page}: {image.get_attribute('currentSrc')} did not load: {drawn}"
                seen += 1
                px = smallest_font(svg) * drawn / float(_VIEWBOX.search(svg).group(1))
                if px < MIN_PX:
                    small[f"{page} {theme} {image.get_attribute('currentSrc').rsplit('/', 1)[-1]}"] = round(px, 1)
    assert seen >= len(pages)
    assert small == {}


@pytest.mark.browser
@pytest.mark.built
def test_dark_theme_shows_charts_and_explorer_drawn_dark(site, browser):
    """With the theme's switch set to dark, each chart shown is the drawing on the dark
    background, the explorer has no light panel, and light comes back when switched back."""
    pages = chart_pages()
    wrong = {}
    for page in pages:
        browser.get(f"{site}/{page}")
        for theme, background in (("dark", style.DARK.background), ("light", style.LIGHT.background)):
            set_theme(browser, theme)
            for image in shown_images(browser):
                svg, _ = browser.execute_async_script(SVG_OF, image)
                fill = _BACKGROUND.search(svg or "")
                if not fill or fill.group(1) != background:
                    wrong[f"{page} {theme} {image.get_attribute('currentSrc')}"] = fill and fill.group(1)
                dimmed = browser.execute_script("return getComputedStyle(arguments[0]).filter", image)
                if dimmed != "none":
                    wrong[f"{page} {theme} {image.get_attribute('currentSrc')} filter"] = dimmed
            if theme == "dark":
                for box in browser.find_elements("css selector", ".ktl-explorer, .ktl-chart, .ktl-explorer select, "
                                                                  ".ktl-chart img, .ktl-explorer img, .ktl-explorer p"):
                    colour = browser.execute_script(BEHIND, box)
                    if min(int(c) for c in re.findall(r"\d+", colour)[:3]) > 128:
                        wrong[f"{page} {box.get_attribute('class') or box.tag_name}"] = colour
    assert wrong == {}


@pytest.mark.browser
@pytest.mark.built
def test_explorer_offers_every_state_and_loads_the_chosen_states_chart(site, browser):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    page = next(p for p in chart_pages() if 'class="ktl-explorer"' in (HTML / p).read_text(encoding="utf-8"))
    browser.get(f"{site}/{page}")
    box = browser.find_element("css selector", ".ktl-explorer")
    select = Select(box.find_element("css selector", "select"))
    assert {o.text.upper() for o in select.options} == expected_places()
    # Florida by keyboard: its chart is fetched and shown.
    box.find_element("css selector", "select").send_keys("Florida")
    end = time.time() + 10
    while time.time() < end and "Florida has" not in box.text:
        time.sleep(0.1)
    assert select.first_selected_option.text == "Florida"
    [image] = shown_images(browser, ".ktl-explorer img")
    assert "/florida-" in image.get_attribute("currentSrc")
    assert browser.execute_script("return arguments[0].naturalWidth", image) > 0
    # California: no agreements, says so, and what its law says.
    box.find_element("css selector", "select").send_keys("California", Keys.ENTER)
    end = time.time() + 10
    while time.time() < end and "California has no 287(g) agreement" not in box.text:
        time.sleep(0.1)
    assert "California has no 287(g) agreement" in box.text and "SB 54" in box.text
    assert not re.search(r"\b(JEM|WSO|TFM)\b", box.text)
    assert browser.execute_script("return Object.keys(localStorage).filter(k => !k.startsWith('ktl-quiz:'))") == []
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    browser.execute_script(axe)
    for theme in ("light", "dark"):
        set_theme(browser, theme)
        violations = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document.querySelector('.ktl-explorer')).then(r => done(r.violations.map(v => [v.id, v.help])))")
        assert violations == [], theme
