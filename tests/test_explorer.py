"""The workshop state explorer: widget in Jupyter, static HTML in the book."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from knowtheline.charts import explorer  # noqa: E402
from knowtheline.data import load  # noqa: E402

WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def view():
    return explorer.state_explorer()


def test_static_build_has_no_widget(view, monkeypatch):
    monkeypatch.setenv(explorer.STATIC_ENV, "1")
    assert set(view._repr_mimebundle_()) == {"text/html", "text/plain"}


def test_jupyter_gets_the_books_module_as_a_widget(view, monkeypatch):
    """One module: the widget's _esm is the file the book inlines, with the same HTML and data."""
    monkeypatch.delenv(explorer.STATIC_ENV, raising=False)
    bundle = view._repr_mimebundle_()
    assert WIDGET in bundle and "text/html" in bundle
    widget = view.widget()
    module = explorer.MODULE.read_text(encoding="utf-8")
    assert str(widget._esm) == module and "export function render" in module
    assert module.replace("</", "<\\/") in view.to_html()  # the book inlines the same code
    assert "ktl-explorer-data" in widget.html and explorer.data_from_html(widget.html) == view.data
    assert "data-live" in widget.html and '<script type="module">' not in widget.html


def test_widget_draws_the_chosen_states_chart_in_python(view):
    widget = view.widget()
    assert widget.state == view.default and widget.chart == {}  # the default's chart is in the HTML
    widget.state = "Texas"
    assert widget.chart["state"] == "Texas" and "<picture" in widget.chart["html"]
    assert 'alt="Line chart of Texas' in widget.chart["html"]
    widget.state = view.default
    assert widget.chart == {"state": view.default, "html": view.chart_html(view.default)}


def test_html_is_labelled_live_and_self_contained(view):
    assert view.default == explorer.DEFAULT_STATE  # the book's running example, California
    html = explorer.StateExplorer(view.data, "Texas").to_html()
    uid = re.search(r'<select id="([^"]+)"', html).group(1)
    assert f'<label for="{uid}">' in html
    assert 'aria-live="polite"' in html and '<th scope="col">' in html
    module = html.split('<script type="module">')[1].split("</script>")[0]
    assert "http://" not in module and "https://" not in module and "localStorage" not in module
    payload = html.split('class="ktl-explorer-data">')[1].split("</script>")[0]
    assert "<" not in payload and json.loads(payload) == view.data


def test_numbers_match_the_tables(view):
    totals = load.snapshot_totals().iloc[-1]
    newest = sum(sum(s["series"][-1][1:]) for s in view.data["states"].values() if s["series"])
    assert newest == totals["total"]
    assert sum(len(s["agencies"]) for s in view.data["states"].values()) == totals["total"]


def test_data_is_escaped_against_script_injection():
    evil = "</script><img src=x onerror=alert(1)>"
    data = {"newest": "May 18, 2026", "models": ["Jail Enforcement Model", "Warrant Service Officer", "Task Force Model"],
            "chart_size": {"narrow": [340, 330], "wide": [612, 330]},
            "states": {"X": {"series": [], "yearly": [], "slug": "x", "summary": evil, "law": None,
                             "agencies": [[evil, "", "Jail Enforcement Model", ""]]}}}
    html = explorer.StateExplorer(data).to_html()
    assert "</script><img" not in html and "<img src=x" not in html
    assert explorer.data_from_html(html) == data


# A tiny fake DOM, enough for the module: it runs in node as the book and the widget run it.
HARNESS = """
function Node(tag){this.tag=tag;this.children=[];this.style={};this.attrs={};this._t='';this.handlers={};}
Node.prototype.appendChild=function(c){this.children.push(c);return c;};
Node.prototype.setAttribute=function(k,v){this.attrs[k]=v;};
Node.prototype.getAttribute=function(k){return this.attrs[k]===undefined?null:this.attrs[k];};
Node.prototype.hasAttribute=function(k){return k in this.attrs;};
Node.prototype.addEventListener=function(e,f){this.handlers[e]=f;};
Object.defineProperty(Node.prototype,'textContent',{get:function(){return this._t;},
  set:function(v){this._t=v;if(v===''){this.children=[];}}});
function text(n){return (n._t||'')+n.children.map(text).join(' ');}
function find(n,tag){return [].concat.apply(n.tag===tag?[n]:[],n.children.map(function(c){return find(c,tag);}));}
var select=new Node('select'), out=new Node('div'), json=new Node('script'), root=new Node('div'), host=new Node('div');
json.textContent=__DATA__;
root.querySelector=function(q){return q==='select'?select:q==='[aria-live]'?out:json;};
host.querySelector=function(){return root;};
var live=__LIVE__;
if(!live){root.setAttribute('data-charts','../_assets/ktl-states-test');}
global.document={readyState:'complete',querySelectorAll:function(){return live?[]:[root];},
  createElement:function(t){return new Node(t);},createTextNode:function(t){var n=new Node('#text');n.textContent=t;return n;}};
var synced={html:'<div class="ktl-explorer"></div>'}, on={};
var model={get:function(k){return synced[k];},set:function(k,v){synced[k]=v;},save_changes:function(){},
  on:function(e,f){on[e]=f;},off:function(){}};
import(__MODULE__).then(function(m){
  if(live){m.render({model:model,el:host});}
  select.value=__STATE__; select.handlers.change();
  var sent=synced.state;
  if(live&&on['change:chart']){synced.chart={state:sent,html:'<svg>drawn</svg>'};on['change:chart']();}
  var slots=out.children.filter(function(c){return c.tag==='div'&&!c.attrs.role;});
  console.log(JSON.stringify({p:text(out.children[0]),law:text(out.children[1]),parts:out.children.length,
    imgs:find(out,'img').map(function(i){return i.src;}),tables:find(out,'table').length,sent:sent||null,
    slot:slots.length?slots[0].innerHTML||null:null}));
});
"""


def run_module(view, tmp_path, state: str, live: bool) -> dict:
    module = tmp_path / "ktl-explorer.mjs"
    shutil.copy(explorer.MODULE, module)
    data = json.dumps(json.dumps(view.data))
    script = (HARNESS.replace("__DATA__", data).replace("__LIVE__", json.dumps(live))
              .replace("__MODULE__", json.dumps(module.as_uri())).replace("__STATE__", json.dumps(state)))
    (tmp_path / "run.mjs").write_text(script)
    done = subprocess.run(["node", str(tmp_path / "run.mjs")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_module_renders_a_state_in_the_book(view, tmp_path):
    """The book: choosing a state shows its sentence, law, the chart drawn at build time and tables."""
    for state, parts in (("Texas", 5), ("California", 2)):
        result = run_module(view, tmp_path, state, live=False)
        entry = view.data["states"][state]
        assert result["p"] == entry["summary"]
        assert result["parts"] == parts  # sentence, law, chart, yearly table, agencies (none has only two)
        assert result["sent"] is None
        if entry["series"]:
            assert result["imgs"] == [f"../_assets/ktl-states-test/{entry['slug']}-wide-light.svg",
                                      f"../_assets/ktl-states-test/{entry['slug']}-wide-dark.svg"]
            assert result["tables"] == 2
        else:
            assert result["imgs"] == [] and result["tables"] == 0
            assert "SB 54" in result["law"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_module_as_widget_asks_python_for_the_chart(view, tmp_path):
    """Jupyter: the same code shows the same text, sends the state to Python and shows the chart it draws."""
    result = run_module(view, tmp_path, "Texas", live=True)
    assert result["p"] == view.data["states"]["Texas"]["summary"] and result["tables"] == 2
    assert result["sent"] == "Texas" and result["slot"] == "<svg>drawn</svg>" and result["imgs"] == []
