/* Know the Line: the state explorer. One ES module, no framework, no network, nothing
 * remembered after the visit. The explorer's HTML (label, select, the default state's view
 * in a polite live region) comes from knowtheline.charts.explorer (StateExplorer.to_html);
 * this module makes it work, in two hosts:
 * - the static book: the page inlines this module (so it works from file://). The data is
 *   a JSON script.ktl-explorer-data inside the explorer, or, in the built book, data.js in
 *   the folder named by data-charts (loaded with a <script> when a reader turns to the
 *   picker), next to every state's chart drawn at build time;
 * - Jupyter: it is the `_esm` of knowtheline.charts.explorer.ExplorerWidget (anywidget).
 *   render({model, el}) puts the same HTML (model "html", with the same JSON data) in the
 *   output and runs the same code; the chosen state goes to Python (model "state"), which
 *   draws that state's chart with the book's chart code and sends it back (model "chart").
 * The text of a state's view is Python's (explorer_data), and so are the words around it:
 * this module has none of its own, it shows data.messages (in the explorer's language,
 * from knowtheline/i18n, "{name}" placeholders filled here). The layout mirrors state_view(). */

/* A message with its {placeholders} filled in. */
function fill(message, values) {
  return message.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? String(values[name]) : all; });
}

function el(tag, text, cls) {
  var e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function table(caption, header, rows, numeric) {
  var t = el("table"), tr = el("tr"), thead = el("thead"), tb = el("tbody");
  t.appendChild(el("caption", caption));
  header.forEach(function (h, i) { var th = el("th", h, numeric && i > 0 ? "ktl-num" : ""); th.scope = "col"; tr.appendChild(th); });
  thead.appendChild(tr); t.appendChild(thead);
  rows.forEach(function (r) {
    var row = el("tr");
    r.forEach(function (c, i) {
      var td = el("td", typeof c === "string" ? c : undefined, numeric && i > 0 ? "ktl-num" : "");
      if (typeof c !== "string") { td.appendChild(document.createTextNode(c[0])); td.appendChild(el("span", c[1], "ktl-agency-where")); }
      row.appendChild(td);
    });
    tb.appendChild(row);
  });
  t.appendChild(tb);
  return t;
}

/* One state's view: sentence, law, chart (host.chart), yearly table, agencies. */
function show(out, data, state, host) {
  var e = data.states[state], m = data.messages;
  out.textContent = "";
  out.appendChild(el("p", e.summary));
  var law = el("p", "", "ktl-law");
  if (e.law) {
    law.appendChild(el("strong", m.state_law));
    law.appendChild(document.createTextNode(fill(m.checked, { date: e.law.as_of }) + e.law.summary + " "));
    law.appendChild(el("span", fill(m.sources, { sources: e.law.sources.join(m.source_sep) }), "ktl-law-sources"));
  } else {
    law.textContent = m.no_law;
  }
  out.appendChild(law);
  var c = e.series.length ? host.chart(state, e, data) : null;
  if (c) out.appendChild(c);
  if (e.series.length) {
    out.appendChild(table(fill(m.yearly_caption, { state: state }),
      [m.date_of_list].concat(data.models, [m.all_models]), e.yearly, true));
  }
  if (e.agencies.length) {
    var box = el("div", "", "ktl-agencies");
    box.setAttribute("role", "region"); box.tabIndex = 0; box.setAttribute("aria-label", fill(m.agencies_label, { state: state }));
    box.appendChild(table(fill(m.agencies_caption, { state: state, date: data.newest }), [m.col_agency, m.col_model, m.col_signed],
      e.agencies.map(function (a) { return [[a[0], a[1]], a[2], a[3]]; }), false));
    out.appendChild(box);
  }
}

/* The explorer's data: the JSON on the page (parsed on first use, not while the page
 * loads), else data.js from the charts folder. */
function pageData(root) {
  var data = null, waiting = null, loading = false;
  function load() {
    var json = root.querySelector("script.ktl-explorer-data");
    if (data || json || loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root.getAttribute("data-charts") + "/data.js";
    s.onload = function () { data = window.ktlExplorerData[root.id]; if (waiting) waiting(data); };
    document.head.appendChild(s);
  }
  return {
    load: load,
    get: function (then) {
      var json = root.querySelector("script.ktl-explorer-data");
      if (!data && json) data = JSON.parse(json.textContent);
      if (data) then(data); else { waiting = then; load(); }
    }
  };
}

/* The book's charts: drawn at build time into the folder named by data-charts. */
function bookCharts(root) {
  return function (state, e, data) {
    var base = root.getAttribute("data-charts");
    if (!base) return null;
    var box = el("div");
    ["light", "dark"].forEach(function (theme) {
      var p = el("picture", "", "ktl-" + theme), s = el("source"), i = el("img");
      if (theme === "dark") p.style.display = "none";
      s.media = root.getAttribute("data-narrow-media");
      s.srcset = base + "/" + e.slug + "-narrow-" + theme + ".svg";
      s.width = data.chart_size.narrow[0]; s.height = data.chart_size.narrow[1];
      p.appendChild(s);
      i.src = base + "/" + e.slug + "-wide-" + theme + ".svg"; i.loading = "lazy"; i.decoding = "async";
      i.width = data.chart_size.wide[0]; i.height = data.chart_size.wide[1];
      i.style.maxWidth = "100%"; i.style.height = "auto";
      i.alt = fill(data.messages.chart_alt_short, { summary: e.summary });
      p.appendChild(i); box.appendChild(p);
    });
    return box;
  };
}

/* Make one explorer work. host: {data: pageData(root), chart(state, entry, data) -> node|null}. */
export function setup(root, host) {
  if (root.hasAttribute("data-ready")) return;
  root.setAttribute("data-ready", "");
  var select = root.querySelector("select"), out = root.querySelector("[aria-live]");
  select.addEventListener("focus", host.data.load);
  select.addEventListener("pointerdown", host.data.load);
  select.addEventListener("change", function () {
    host.data.get(function (data) { show(out, data, select.value, host); });
  });
}

/* The static page: every explorer on it (not those a widget runs). */
export function start() {
  Array.prototype.forEach.call(document.querySelectorAll(".ktl-explorer:not([data-live])"), function (root) {
    setup(root, { data: pageData(root), chart: bookCharts(root) });
  });
}

/* anywidget's entry point: the same explorer in a notebook's output; Python draws the
 * chosen state's chart (model "chart": {state, html}) with the book's chart code. */
export function render({ model, el: host }) {
  host.innerHTML = model.get("html");
  var root = host.querySelector(".ktl-explorer"), slot = null, wanted = null;
  function fill() {
    var c = model.get("chart") || {};
    if (slot && c.state === wanted) slot.innerHTML = c.html || "";
  }
  model.on("change:chart", fill);
  setup(root, {
    data: pageData(root),
    chart: function (state) {
      wanted = state; slot = el("div");
      model.set("state", state); model.save_changes();
      fill();
      return slot;
    }
  });
  return function () { model.off("change:chart", fill); };
}

export default { render };

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
}
