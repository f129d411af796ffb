"""A state-by-state explorer of the 287(g) lists, for workshops and the book.

:func:`state_explorer` returns an object that the built book shows as a
self-contained HTML fragment and Jupyter as a live widget. Both run one ES
module, ``static/ktl-explorer.js``, on the same HTML and data: the book inlines
it (it works from file://), and in Jupyter it is the ``_esm`` of
:class:`knowtheline.charts.explorer_widget.ExplorerWidget` (anywidget). No
external requests, no framework, nothing remembered after the visit, usable by
keyboard and screen reader, and readable without a kernel or JavaScript. With
``KNOWTHELINE_STATIC_BUILD=1`` (set by the book build) no widget is created, so
no widget state lands in the built book.

It lists every state and DC, and each territory that appears in ICE's lists,
with or without agreements. For a chosen state it shows one sentence on its
newest numbers, what the book says about its law on 287(g)
(``data/state_287g_law.csv``, cited), a chart of its agreements by model over
time (the book's chart style, light and dark, narrow and wide), a short table
(the last list of each year and the newest list) and its agencies.

In the book the default state's chart is part of the page; the other states'
charts are drawn while the book is built (:func:`write_state_charts`, called
by knowtheline.book.pagefixes) into a folder of their own, and fetched when a
reader chooses the state. In Jupyter, Python draws the chosen state's chart
with the same code (:meth:`StateExplorer.chart_html`) and sends it to the widget.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from knowtheline import i18n
from knowtheline.charts import style
from knowtheline.charts.base import STATIC_ENV, Chart, Column, picture_html, static_build, svg_size, table_html
from knowtheline.data import load
from knowtheline.data.clean import VALID_STATES
from knowtheline.paths import STATIC
from knowtheline.render import render, script_json

__all__ = ["STATIC_ENV", "StateExplorer", "explorer_data", "load_state_law", "state_explorer", "write_state_charts",
           "yearly_columns"]

#: The five inhabited territories: listed only when one of ICE's lists names them.
TERRITORIES = frozenset({"GUAM", "PUERTO RICO", "AMERICAN SAMOA", "NORTHERN MARIANA ISLANDS", "U.S. VIRGIN ISLANDS"})
LAW_COLUMNS = ["state", "summary", "cite_keys", "as_of"]
#: Shown first: the book's running example.
DEFAULT_STATE = "California"
#: Fixed size of every state chart, in SVG units: the page keeps its place while one loads.
STATE_CHART_HEIGHT = {"narrow": 330, "wide": 330}


def _name(state: str) -> str:
    """ICE's upper-case spelling -> the book's ('DISTRICT OF COLUMBIA' -> 'District of Columbia')."""
    return " ".join(w if w in ("U.S.",) else (w.lower() if w == "OF" else w.title()) for w in state.split())


def slug(state: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", state.lower()).strip("-")


def law_path(lang: str = "en") -> Path:
    """data/state_287g_law.csv; its translation in data/<lang>/ (same states, keys and dates)."""
    from knowtheline import repo_root

    return repo_root() / "data" / ("" if lang == "en" else lang) / "state_287g_law.csv"


def _words(lang: str):
    """The explorer's text in `lang` (knowtheline/i18n: explorer.<key>), and dates in words."""
    return (lambda key, **values: i18n.t(lang, f"explorer.{key}", **values)), (lambda ts: i18n.day(ts, lang))


def _model(model: str, lang: str) -> str:
    return i18n.t(lang, "charts.models")[model]


def _per_model(counts, lang: str, skip_zero: bool) -> str:
    """'5 Jail Enforcement Model, 2 Task Force Model' / 'Modelo de Control en Cárceles: 5; …'."""
    m, _ = _words(lang)
    return m("list_sep").join(m("per_model", n=f"{n:,}", model=_model(model, lang))
                              for n, model in zip(counts, style.MODELS) if n or not skip_zero)


def _bib_entries(bib_files) -> dict:
    """Citation key -> entry, from the book's BibTeX files."""
    from pybtex.database import parse_file

    entries = {}
    for path in bib_files:
        entries.update(parse_file(str(path), bib_format="bibtex").entries)
    return entries


def _source_text(entry) -> str:
    """A cited entry as plain text: 'Title (year)'."""
    from pybtex.backends.plaintext import Backend
    from pybtex.richtext import Text

    title = Text.from_latex(entry.fields.get("title", "")).render(Backend())
    year = entry.fields.get("year")
    return f"{title} ({year})" if year else title


def load_state_law(path: Path | str | None = None, bib_files=None, lang: str = "en") -> dict[str, dict]:
    """What the book says about each state's law on 287(g): state name -> summary, sources
    (cited entries as text) and the date it was checked, in words in `lang`. A wrong file
    stops with the file, line and field at fault. In another language than English the file
    (by default data/<lang>/state_287g_law.csv) is a translation of data/state_287g_law.csv
    and must have its states, cite keys and dates: a state missing there stops the build
    instead of showing English."""
    law = _read_law(path, bib_files, lang)
    if lang != "en":
        _same_states(law, _read_law(law_path("en"), bib_files, "en"), Path(path or law_path(lang)))
    return {state: {k: v for k, v in entry.items() if not k.startswith("_")} for state, entry in law.items()}


def _read_law(path, bib_files, lang: str) -> dict[str, dict]:
    """load_state_law, with each row's cite keys and date as given (``_keys``, ``_checked``)."""
    from knowtheline import repo_root
    from knowtheline.bank.load import default_bib_files

    path = Path(path or law_path(lang))
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != LAW_COLUMNS:
        raise ValueError(f"{path}: the columns must be {','.join(LAW_COLUMNS)}, not {','.join(table.columns)}")
    sources = _bib_entries(bib_files if bib_files is not None else default_bib_files(repo_root()))
    law = {}
    for line, row in enumerate(table.to_dict("records"), start=2):
        where = f"{path}, line {line}"
        if row["state"].upper() not in VALID_STATES:
            raise ValueError(f"{where}, state: {row['state']!r} is not a state, DC or territory")
        if row["state"] in law:
            raise ValueError(f"{where}, state: {row['state']} is listed twice")
        if not row["summary"].strip():
            raise ValueError(f"{where}, summary: empty")
        keys = [k.strip() for k in row["cite_keys"].split(";") if k.strip()]
        unknown = [k for k in keys if k not in sources]
        if not keys or unknown:
            raise ValueError(f"{where}, cite_keys: {', '.join(unknown) or 'none given'} "
                             "not in references.bib")
        try:
            checked = pd.Timestamp(row["as_of"])
        except ValueError:
            raise ValueError(f"{where}, as_of: {row['as_of']!r} is not a date (YYYY-MM-DD)") from None
        law[row["state"]] = {"summary": row["summary"].strip(), "sources": [_source_text(sources[k]) for k in keys],
                             "as_of": i18n.day(checked, lang), "_keys": keys, "_checked": checked}
    return law


def _same_states(law: dict, english: dict, path: Path) -> None:
    """The translation says what the English file says: same states, sources and dates."""
    missing = sorted(set(english) - set(law))
    if missing:
        raise ValueError(f"{path}: no translation for {', '.join(missing)} (in {law_path('en')}); "
                         "add a row for each, translated")
    extra = sorted(set(law) - set(english))
    if extra:
        raise ValueError(f"{path}: {', '.join(extra)} not in {law_path('en')}")
    for state, entry in law.items():
        for field, what in (("_keys", "cite_keys"), ("_checked", "as_of")):
            if entry[field] != english[state][field]:
                raise ValueError(f"{path}, {state}, {what}: differs from {law_path('en')}; "
                                 "update the translation")


def _count(n: int, one: str, many: str, lang: str = "en") -> str:
    """'1 agreement', '1,234 agreements': `one` and `many` are explorer message keys."""
    m, _ = _words(lang)
    return m(one if n == 1 else many, n=f"{n:,}")


def _summary(state: str, series: list, agencies: list, newest: str, last_seen: tuple | None, first: str,
             lang: str = "en") -> str:
    """One sentence on a state's newest numbers, the models spelled out; ``last_seen``: the
    date of the last list that showed any of its agreements, and how many."""
    m, day = _words(lang)
    if series and sum(series[-1][1:]):
        last = series[-1][1:]
        places = len({a[0] for a in agencies})
        return m("summary_active", state=state, agreements=_count(sum(last), "agreement", "agreements", lang),
                 date=newest, per_model=_per_model(last, lang, skip_zero=True),
                 agencies=_count(places, "agency", "agencies", lang))
    if last_seen:
        return m("summary_none_since", state=state, date=newest, last_date=day(last_seen[0]),
                 agreements=_count(last_seen[1], "agreement", "agreements", lang))
    return m("summary_never", state=state, date=newest, first=first)


def _yearly(series: list, lang: str = "en") -> list[list]:
    """The last list of each year and the newest list: [date in words, counts by model..., total]."""
    by_year = {}
    for row in series:
        by_year[row[0][:4]] = row
    return [[i18n.short_day(r[0], lang), *(f"{n:,}" for n in r[1:]), f"{sum(r[1:]):,}"] for r in by_year.values()]


#: The messages ktl-explorer.js shows (it has no words of its own): in the data, per language.
SCRIPT_MESSAGES = ("state_law", "checked", "sources", "source_sep", "no_law", "yearly_caption", "date_of_list",
                   "all_models", "agencies_label", "agencies_caption", "col_agency", "col_model", "col_signed",
                   "chart_alt_short")


def explorer_data(folder=None, law: dict | None = None, lang: str = "en") -> dict:
    """The explorer's data: per state, its sentence, law, yearly table, agencies and the
    monthly counts its chart draws (the last list of each month, from 2021), all in `lang`,
    with the words the page's script shows (``messages``)."""
    m, day = _words(lang)
    active = load.active_agreements(folder)
    per_list = active.groupby(["state", "snapshot_date"])["agreements"].sum()
    per_list = per_list[per_list > 0]
    last_seen = {state: (d, int(n)) for (state, d), n in per_list.items()}  # sorted: the last list wins
    dates = active["snapshot_date"].drop_duplicates().sort_values()
    monthly = dates.groupby(dates.dt.to_period("M")).max().sort_values()
    first_list = day(active["snapshot_date"].min())
    active = active[active["snapshot_date"].isin(monthly)]
    newest = load.newest_list(folder)
    newest_day = day(load.newest_snapshot_date(folder))
    law = load_state_law(lang=lang) if law is None else law
    listed = set(active["state"]) | set(newest["state"]) | set(load.pending_newest(folder)["state"])
    places = sorted((VALID_STATES - TERRITORIES) | (TERRITORIES & listed))
    states = {}
    for state in places:
        name = _name(state)
        rows = active[active["state"] == state]
        series = []
        if not rows.empty:
            wide = rows.pivot_table(index="snapshot_date", columns="model", values="agreements",
                                    aggfunc="sum", fill_value=0).reindex(monthly, fill_value=0)
            series = [[d.strftime("%Y-%m-%d"), *(int(wide[m].get(d, 0)) if m in wide else 0 for m in style.MODELS)]
                      for d in monthly]
        agencies = [
            [r.agency, " · ".join(x for x in (_text(r.county), _text(r.agency_type)) if x), _model(r.model, lang),
             i18n.short_day(r.signed, lang) if pd.notna(r.signed) else m("unknown_date")]
            for r in newest[newest["state"] == state].itertuples()
        ]
        states[name] = {
            "slug": slug(name),
            "summary": _summary(name, series, agencies, newest_day, last_seen.get(state), first_list, lang),
            "law": law.get(name),
            "series": series,
            "yearly": _yearly(series, lang),
            "agencies": agencies,
        }
    sizes = {lay: [style.LAYOUTS[lay].width, h] for lay, h in STATE_CHART_HEIGHT.items()}
    return {"newest": newest_day, "models": [_model(x, lang) for x in style.MODELS], "states": states,
            "chart_size": sizes, "lang": lang, "messages": {k: m(k) for k in SCRIPT_MESSAGES}}


def _text(value) -> str:
    """A table cell as text ('' for missing)."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


_DATA = re.compile(r'<script type="application/json" class="ktl-explorer-data">(?P<json>.*?)</script>', re.S)


def data_from_html(page: str) -> dict | None:
    """The explorer data inside a page (or an output) that shows the explorer, else None."""
    found = _DATA.search(page)
    return json.loads(found.group("json")) if found else None


def move_data_out(page: str, folder: Path) -> str:
    """The page without the explorer's data, which goes to ``folder``/data.js instead."""
    uid = re.search(r'class="ktl-explorer"[^>]*? id="([^"]+)"', page).group(1)
    found = _DATA.search(page)
    script = (f"(window.ktlExplorerData=window.ktlExplorerData||{{}})[{json.dumps(uid)}]="
              f"{found.group('json')};\n")
    (folder / "data.js").write_text(script, encoding="utf-8")
    return page[:found.start()] + page[found.end():]


def state_chart(state: str, entry: dict, lang: str = "en") -> Chart:
    """One state's active agreements by model over time, in the book's chart style, in `lang`."""
    m, day = _words(lang)
    series = entry["series"]
    dates = pd.to_datetime([r[0] for r in series])
    counts = {model: [r[i + 1] for r in series] for i, model in enumerate(style.MODELS)}
    title = m("chart_title", state=state)
    source = m("chart_source")

    def draw(variant: style.Variant):
        lay, theme = variant.layout, variant.theme
        fig, ax = style.new_figure(variant, STATE_CHART_HEIGHT[lay.name])
        for model in style.MODELS:
            ax.step(dates, counts[model], where="post", label=_model(model, lang), color=theme.colour(model),
                    linestyle=style.LINESTYLES[model], linewidth=2, marker=style.MARKERS[model],
                    markevery=6, markersize=5)
        ax.set_ylim(bottom=0)
        ax.yaxis.get_major_locator().set_params(integer=True)
        import matplotlib.dates as mdates

        ax.xaxis.set_major_locator(mdates.YearLocator(2 if lay is style.NARROW else 1))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_ylabel(m("chart_ylabel"))
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0,
                  ncol=1 if lay is style.NARROW else 2, handlelength=2.6)
        style.title_and_source(fig, variant, title, source)
        return fig

    last = series[-1]
    alt = m("chart_alt", state=state, first=day(series[0][0]), last=day(last[0]),
            per_model=_per_model(last[1:], lang, skip_zero=False))
    return Chart(fig=draw, title=title, alt=alt, source=source, table=pd.DataFrame(), lang=lang)


def write_state_charts(data: dict, folder: Path) -> None:
    """Draw every state's chart, in every variant, as ``<slug>-<variant>.svg`` in ``folder``
    (kept if already there: the folder is named after the data, which includes its language),
    in the data's language."""
    folder.mkdir(parents=True, exist_ok=True)
    for state, entry in data["states"].items():
        if not entry["series"]:
            continue
        chart = state_chart(state, entry, data.get("lang", "en"))
        for variant in style.VARIANTS:
            target = folder / f"{entry['slug']}-{variant.name}.svg"
            if not target.exists():
                svg = chart.svg(variant)
                if svg_size(svg) != tuple(round(x) for x in data["chart_size"][variant.layout.name]):
                    raise ValueError(f"{state}: chart is {svg_size(svg)}, not the size the page reserves")
                target.write_text(svg, encoding="utf-8")


def data_hash(data: dict) -> str:
    """Names the folder of the data's charts: a hash of the data, language included (the
    English and Spanish books never share a folder)."""
    return hashlib.sha256(f"{data.get('lang', 'en')}\n{script_json(data)}".encode()).hexdigest()[:12]


def yearly_columns(lang: str = "en") -> list[str]:
    """The yearly table's headers: 'Date of list', the three models, 'All models'."""
    m, _ = _words(lang)
    return [m("date_of_list"), *(_model(x, lang) for x in style.MODELS), m("all_models")]


def state_view(state: str, data: dict, chart: str = "") -> str:
    """HTML for one state: sentence, law, ``chart`` (HTML), yearly table, agencies, in the
    data's language (template ``render/templates/state.html``)."""
    lang = data.get("lang", "en")
    m, _ = _words(lang)
    entry = data["states"][state]
    yearly = ""
    if entry["series"]:
        headers = yearly_columns(lang)
        columns = [Column(str(i), h, numeric=i > 0) for i, h in enumerate(headers)]
        frame = pd.DataFrame(entry["yearly"], columns=[str(i) for i in range(len(headers))])
        yearly = table_html(frame, m("yearly_caption", state=state), columns)
    law = entry["law"]
    sources = m("sources", sources=m("source_sep").join(law["sources"])) if law else ""
    return render("state.html", lang=lang, state=state, entry=entry, sources=sources, chart=Markup(chart),
                  yearly=Markup(yearly), newest=data["newest"])


#: The explorer's one script: the book inlines it, the Jupyter widget runs it (``_esm``).
MODULE = STATIC / "ktl-explorer.js"


class StateExplorer:
    """Pick a state; see its agreements by model over time, its law and its agencies."""

    def __init__(self, data: dict, default: str | None = None):
        self.data = data
        self.lang = data.get("lang", "en")
        states = data["states"]
        self.default = default or (DEFAULT_STATE if DEFAULT_STATE in states else next(iter(states)))

    def chart_html(self, state: str, dark: bool = False) -> str:
        """HTML for ``state``'s chart (empty if it never had an agreement)."""
        entry = self.data["states"][state]
        if not entry["series"]:
            return ""
        chart = state_chart(state, entry, self.lang)
        return "<div>" + picture_html(chart.svgs(dark), chart.alt, dark) + "</div>"

    def to_html(self, dark: bool | None = None, live: bool = False) -> str:
        """The explorer's HTML: label, select, the default state's view (readable without
        JavaScript), its data as JSON and, unless ``live`` (the widget runs the module), the
        module itself, inline so it also works from file://. With ``dark`` (default: in the
        book build) the default state's chart for the dark theme too."""
        dark = static_build() if dark is None else dark
        # named after the states' data (not the words around it), so a page keeps its ids
        named = {k: v for k, v in self.data.items() if k not in ("lang", "messages")}
        uid = "ktl-explorer-" + hashlib.sha256(str(script_json(named)).encode()).hexdigest()[:10]
        view = state_view(self.default, self.data, self.chart_html(self.default, dark))
        return render("explorer.html", lang=self.lang, uid=uid, live=live, narrow_media=style.NARROW_MEDIA,
                      states=list(self.data["states"]), default=self.default, view=Markup(view), data=self.data,
                      module="" if live else MODULE.read_text(encoding="utf-8"))

    def to_text(self) -> str:
        """Plain-text fallback: the default state's summary."""
        return i18n.t(self.lang, "explorer.name") + ". " + self.data["states"][self.default]["summary"]

    def widget(self):
        """The live explorer in Jupyter: the same module and HTML as the book, as an ipywidget."""
        from knowtheline.charts.explorer_widget import ExplorerWidget

        return ExplorerWidget(self)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """HTML for the book; plus the live widget in Jupyter (not in static builds)."""
        bundle = {"text/html": self.to_html(), "text/plain": self.to_text()}
        if not static_build():
            widget_bundle, _ = self.widget()._repr_mimebundle_()
            bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle


def state_explorer(folder=None, default: str | None = None, lang: str = "en") -> StateExplorer:
    """The workshop state explorer over the committed 287(g) tables, in `lang` ('en', 'es')."""
    return StateExplorer(explorer_data(folder, lang=lang), default)
