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


def test_jupyter_gets_a_widget_too(view, monkeypatch):
    monkeypatch.delenv(explorer.STATIC_ENV, raising=False)
    bundle = view._repr_mimebundle_()
    assert WIDGET in bundle and "text/html" in bundle


def test_html_is_labelled_live_and_self_contained(view):
    assert view.default == explorer.DEFAULT_STATE  # the book's running example, California
    html = explorer.StateExplorer(view.data, "Texas").to_html()
    uid = re.search(r'<select id="([^"]+)"', html).group(1)
    assert f'<label for="{uid}">' in html
    assert 'aria-live="polite"' in html and '<th scope="col">' in html
    assert "http://" not in html.split("<script>")[1] and "https://" not in html.split("<script>")[1]
    script = html.split("<script>")[1].split("</script>")[0]
    assert "<" not in script.split("var raw=")[1].split(", data=null")[0]


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
    payload = html.split("var raw=")[1].split(", data=null")[0]
    assert json.loads(json.loads(payload)) == data  # a JS string holding the JSON


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_script_renders_a_state_in_a_minimal_dom(view, tmp_path):
    """Run the inline script against a tiny fake DOM and switch state."""
    script = view.to_html().split("<script>")[1].split("</script>")[0]
    harness = """
function Node(tag){this.tag=tag;this.children=[];this.style={};this.attrs={};this.textContent='';this.handlers={};}
Node.prototype.appendChild=function(c){this.children.push(c);return c;};
Node.prototype.setAttribute=function(k,v){this.attrs[k]=v;};
Node.prototype.getAttribute=function(k){return this.attrs[k]===undefined?null:this.attrs[k];};
Node.prototype.addEventListener=function(e,f){this.handlers[e]=f;};
Object.defineProperty(Node.prototype,'textContent',{get:function(){return this._t||'';},
  set:function(v){this._t=v;if(v===''){this.children=[];}}});
function text(n){return (n._t||'')+n.children.map(text).join(' ');}
var select=new Node('select'), out=new Node('div'), root=new Node('div');
root.querySelector=function(q){return q==='select'?select:out;};
global.document={getElementById:function(){return root;},createElement:function(t){return new Node(t);},
  createTextNode:function(t){var n=new Node('#text');n.textContent=t;return n;}};
root.setAttribute('data-charts', '../_assets/ktl-states-test');
""" + script + """
select.value=__STATE__; select.handlers.change();
function find(n,tag){return [].concat.apply(n.tag===tag?[n]:[],n.children.map(function(c){return find(c,tag);}));}
console.log(JSON.stringify({p:text(out.children[0]),law:text(out.children[1]),parts:out.children.length,
  imgs:find(out,'img').map(function(i){return i.src;}),tables:find(out,'table').length}));
"""
    for state, parts in (("Texas", 5), ("California", 2)):
        (tmp_path / "run.js").write_text(harness.replace("__STATE__", json.dumps(state)))
        result = json.loads(subprocess.run(["node", str(tmp_path / "run.js")], capture_output=True,
                                           text=True, check=True).stdout)
        entry = view.data["states"][state]
        assert result["p"] == entry["summary"]
        assert result["parts"] == parts  # sentence, law, chart, yearly table, agencies (none has only two)
        if entry["series"]:
            assert result["imgs"] == [f"../_assets/ktl-states-test/{entry['slug']}-wide-light.svg",
                                      f"../_assets/ktl-states-test/{entry['slug']}-wide-dark.svg"]
            assert result["tables"] == 2
        else:
            assert result["imgs"] == [] and result["tables"] == 0
            assert "SB 54" in result["law"]
