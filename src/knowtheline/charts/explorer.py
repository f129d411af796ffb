"""A state-by-state explorer of the 287(g) lists, for workshops.

:func:`state_explorer` returns an object that Jupyter shows as a live
ipywidgets dropdown (pick a state: its agreements by model over time and its
agencies) and that the built book shows as a small self-contained HTML page
fragment doing the same with plain JavaScript: no external requests, no
framework, usable by keyboard and screen reader, and readable without a
kernel. With ``KNOWTHELINE_STATIC_BUILD=1`` (set by the book build) no
widget is created, so no widget state lands in the built book.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os

import matplotlib.pyplot as plt
import pandas as pd

from knowtheline.charts import style
from knowtheline.charts.base import render_svg
from knowtheline.data import load

STATIC_ENV = "KNOWTHELINE_STATIC_BUILD"
SHORT = [style.SHORT[m] for m in style.MODELS]


def explorer_data(folder=None) -> dict:
    """The explorer's data: per state, monthly counts by model and agencies.

    The time series keeps the last list of each month. Agencies come from
    the newest list, one row per agreement.
    """
    active = load.active_agreements(folder)
    dates = active["snapshot_date"].drop_duplicates().sort_values()
    monthly = dates.groupby(dates.dt.to_period("M")).max().sort_values()
    active = active[active["snapshot_date"].isin(monthly)]
    newest = load.newest_list(folder)
    newest_date = load.newest_snapshot_date(folder)
    states = {}
    for state in sorted(active["state"].unique()):
        rows = active[active["state"] == state]
        wide = rows.pivot_table(index="snapshot_date", columns="model", values="agreements",
                                aggfunc="sum", fill_value=0).reindex(monthly, fill_value=0)
        series = [
            [d.strftime("%Y-%m-%d"), *(int(wide[m].get(d, 0)) if m in wide else 0 for m in style.MODELS)]
            for d in monthly
        ]
        agencies = newest[newest["state"] == state]
        states[state.title()] = {
            "series": series,
            "agencies": [
                [r.agency, _text(r.agency_type), _text(r.county), style.SHORT[r.model],
                 r.signed.strftime("%Y-%m-%d") if pd.notna(r.signed) else "unknown"]
                for r in agencies.itertuples()
            ],
        }
    return {"newest": newest_date.strftime("%Y-%m-%d"), "models": SHORT, "states": states}


def _text(value) -> str:
    """A table cell as text ('' for missing)."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _json_for_script(data: dict) -> str:
    """JSON safe to place inside an inline ``<script>``."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _table(caption: str, header: list[str], rows: list[list]) -> str:
    """An accessible HTML table (caption, column headers), escaped."""
    esc = html.escape
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def state_summary(state: str, entry: dict, newest: str) -> str:
    """One sentence on a state's newest numbers."""
    last = entry["series"][-1][1:]
    parts = ", ".join(f"{n} {m}" for n, m in zip(last, SHORT))
    agencies = len({a[0] for a in entry["agencies"]})
    return f"{state}: {sum(last)} agreements ({parts}) at {agencies} agencies on {newest}."


def state_view(state: str, data: dict) -> str:
    """HTML for one state: summary, counts over time, agencies (no chart)."""
    entry = data["states"][state]
    series = [[d, *counts, sum(counts)] for d, *counts in entry["series"]]
    return (
        f"<p>{html.escape(state_summary(state, entry, data['newest']))}</p>"
        + _table(f"{state}: active agreements by model (last list of each month)",
                 ["List date", *SHORT, "Total"], series)
        + '<div role="region" tabindex="0" aria-label="Agencies" style="max-height:24em;overflow:auto">'
        + _table(f"{state}: agencies in the list of {data['newest']}",
                 ["Agency", "Type", "County", "Model", "Signed"], entry["agencies"])
        + "</div>"
    )


# The data is a JSON string, parsed on the first change of state: a page with the explorer
# spends no time on it while loading (a JS object literal this size is a long task on phones).
_SCRIPT = """(function(){
var raw=%(data)s, data=null;
var root=document.getElementById(%(id)s);
var select=root.querySelector("select"), out=root.querySelector("[aria-live]");
function el(tag,text){var e=document.createElement(tag);if(text!==undefined){e.textContent=String(text);}return e;}
function table(caption,header,rows){
 var t=el("table");t.appendChild(el("caption",caption));
 var tr=el("tr");header.forEach(function(h){var th=el("th",h);th.scope="col";tr.appendChild(th);});
 var thead=el("thead");thead.appendChild(tr);t.appendChild(thead);
 var tb=el("tbody");rows.forEach(function(r){var row=el("tr");r.forEach(function(c){row.appendChild(el("td",c));});tb.appendChild(row);});
 t.appendChild(tb);return t;}
function render(state){
 data=data||JSON.parse(raw);
 var e=data.states[state], last=e.series[e.series.length-1].slice(1), total=0, parts=[];
 last.forEach(function(n,i){total+=n;parts.push(n+" "+data.models[i]);});
 var names={};e.agencies.forEach(function(a){names[a[0]]=1;});
 out.textContent="";
 out.appendChild(el("p",state+": "+total+" agreements ("+parts.join(", ")+") at "+Object.keys(names).length+" agencies on "+data.newest+"."));
 var rows=e.series.map(function(r){var s=0;r.slice(1).forEach(function(n){s+=n;});return r.concat([s]);});
 out.appendChild(table(state+": active agreements by model (last list of each month)",["List date"].concat(data.models,["Total"]),rows));
 var box=el("div");box.setAttribute("role","region");box.tabIndex=0;box.setAttribute("aria-label","Agencies");
 box.style.maxHeight="24em";box.style.overflow="auto";
 box.appendChild(table(state+": agencies in the list of "+data.newest,["Agency","Type","County","Model","Signed"],e.agencies));
 out.appendChild(box);}
select.addEventListener("change",function(){render(select.value);});
})();"""


class StateExplorer:
    """Pick a state; see its agreements by model over time and its agencies."""

    def __init__(self, data: dict, default: str | None = None):
        self.data = data
        states = data["states"]
        self.default = default or max(states, key=lambda s: (sum(states[s]["series"][-1][1:]), s))

    def to_html(self) -> str:
        """Self-contained HTML + JS view (works without a kernel)."""
        payload = _json_for_script(self.data)
        uid = "ktl-explorer-" + hashlib.sha256(payload.encode()).hexdigest()[:10]
        options = "".join(
            f'<option value="{html.escape(s)}"{" selected" if s == self.default else ""}>{html.escape(s)}</option>'
            for s in self.data["states"]
        )
        script = _SCRIPT % {"data": json.dumps(payload, ensure_ascii=False), "id": json.dumps(uid)}
        return (
            f'<div class="ktl-explorer" id="{uid}">'
            f'<label for="{uid}-state">Choose a state or territory: </label>'
            f'<select id="{uid}-state">{options}</select>'
            f'<div aria-live="polite">{state_view(self.default, self.data)}</div>'
            f"<script>{script}</script></div>"
        )

    def to_text(self) -> str:
        """Plain-text fallback: the default state's summary."""
        entry = self.data["states"][self.default]
        return "287(g) state explorer. " + state_summary(self.default, entry, self.data["newest"])

    def small_chart(self, state: str) -> str:
        """An ``<img>`` with a small SVG chart of one state's counts by model."""
        style.apply_style()
        series = self.data["states"][state]["series"]
        dates = pd.to_datetime([r[0] for r in series])
        fig, ax = plt.subplots(figsize=(6.0, 2.6))
        for i, model in enumerate(style.MODELS):
            ax.step(dates, [r[i + 1] for r in series], where="post", label=style.SHORT[model],
                    color=style.PALETTE[model], linestyle=style.LINESTYLES[model],
                    marker=style.MARKERS[model], markersize=3)
        ax.set_title(f"{state}: active agreements by model", fontsize=10)
        ax.set_ylabel("Agreements")
        ax.legend(fontsize=8, loc="upper left")
        fig.tight_layout()
        svg = render_svg(fig)
        plt.close(fig)
        last = series[-1][1:]
        alt = f"{state}: agreements by model over time; on {self.data['newest']}: " + ", ".join(
            f"{n} {m}" for n, m in zip(last, SHORT)
        )
        data = base64.b64encode(svg.encode()).decode("ascii")
        return f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}">'

    def widget(self):
        """A live ipywidgets view: dropdown, small chart and tables."""
        import ipywidgets as widgets

        dropdown = widgets.Dropdown(options=list(self.data["states"]), value=self.default,
                                    description="State:")
        view = widgets.HTML()

        def show(state: str) -> None:
            view.value = self.small_chart(state) + state_view(state, self.data)

        dropdown.observe(lambda change: show(change["new"]), names="value")
        show(self.default)
        return widgets.VBox([dropdown, view])

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """HTML for the book; plus a live widget in Jupyter (not in static builds)."""
        bundle = {"text/html": self.to_html(), "text/plain": self.to_text()}
        if os.environ.get(STATIC_ENV) != "1":
            widget_bundle = self.widget()._repr_mimebundle_() or {}
            bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle


def state_explorer(folder=None, default: str | None = None) -> StateExplorer:
    """The workshop state explorer over the committed 287(g) tables."""
    return StateExplorer(explorer_data(folder), default)
