/* Know the Line: the quiz engine. One ES module for every quiz; no framework, no network.
 * The quiz's HTML comes from one template (knowtheline/render/templates/quiz.html, with its
 * data as JSON in script.ktl-quiz-data); this module makes it work, in two hosts:
 * - the static book and assignment pages load it as a module: every .ktl-quiz on the page
 *   keeps progress in localStorage (this browser only) and downloads its results file;
 * - in Jupyter it is the `_esm` of knowtheline.quiz.widget.QuizWidget (anywidget):
 *   render({model, el}) puts the same HTML (model "html") in the output and runs the same
 *   code; progress goes to the model's "state" (Python sees the choices) and "Save my
 *   results" hands the record and its file name to Python ("request"), which writes them.
 * Practice mode checks answers and shows the chosen option's feedback; graded mode records
 * one submission per question (or data.attempts), locks it and says nothing about right or
 * wrong. Feedback, scoring, progress and verdict text, the results record (the format of
 * knowtheline.quiz.results) and its file name are made here and nowhere else. Every message
 * comes from data.messages, the page language's catalogue (knowtheline/i18n/<lang>.yaml). */
const FORMAT = "knowtheline-quiz-results";

/* A message with its {placeholders} filled in. */
function fill(messages, key, values) {
  return String(messages[key]).replace(/\{(\w+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
}

/* SHA-256 (FIPS 180-4), small and synchronous so it also works on plain http. */
export function sha256(text) {
  var bytes = new TextEncoder().encode(text), K = [], H = [], i, j;
  function frac(x) { return ((x - Math.floor(x)) * 4294967296) | 0; }
  for (var n = 2, found = 0; found < 64; n++) {
    for (j = 2; j * j <= n && n % j; j++);
    if (j * j > n) { if (found < 8) H[found] = frac(Math.pow(n, 1 / 2)); K[found++] = frac(Math.pow(n, 1 / 3)); }
  }
  var len = bytes.length, words = new Array(((len + 9 + 63) >> 6) << 4).fill(0);
  for (i = 0; i < len; i++) words[i >> 2] |= bytes[i] << (24 - (i % 4) * 8);
  words[len >> 2] |= 0x80 << (24 - (len % 4) * 8);
  words[words.length - 1] = len * 8;
  var W = new Array(64), r = function (x, s) { return (x >>> s) | (x << (32 - s)); };
  for (i = 0; i < words.length; i += 16) {
    var a = H.slice();
    for (j = 0; j < 64; j++) {
      if (j < 16) W[j] = words[i + j];
      else W[j] = (W[j - 16] + (r(W[j - 15], 7) ^ r(W[j - 15], 18) ^ (W[j - 15] >>> 3)) + W[j - 7] +
        (r(W[j - 2], 17) ^ r(W[j - 2], 19) ^ (W[j - 2] >>> 10))) | 0;
      var t1 = (a[7] + (r(a[4], 6) ^ r(a[4], 11) ^ r(a[4], 25)) + ((a[4] & a[5]) ^ (~a[4] & a[6])) + K[j] + W[j]) | 0;
      var t2 = ((r(a[0], 2) ^ r(a[0], 13) ^ r(a[0], 22)) + ((a[0] & a[1]) ^ (a[0] & a[2]) ^ (a[1] & a[2]))) | 0;
      a = [(t1 + t2) | 0, a[0], a[1], a[2], (a[3] + t1) | 0, a[4], a[5], a[6]];
    }
    for (j = 0; j < 8; j++) H[j] = (H[j] + a[j]) | 0;
  }
  return H.map(function (h) { return ("00000000" + (h >>> 0).toString(16)).slice(-8); }).join("");
}

/* JSON with sorted keys and no spaces: the same bytes Python's canonical() makes. */
export function canonical(v) {
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  if (v && typeof v === "object") {
    return "{" + Object.keys(v).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(v[k]); }).join(",") + "}";
  }
  return JSON.stringify(v);
}

/* Progress: {v: 2, answers: {q1: {chosen: ["B"], attempts: 1}}, learner}. Progress saved by
 * an older version of this script (no v: 2) is not restored. */
function fresh() { return { v: 2, answers: {}, learner: "" }; }
function valid(s) { return !!s && s.v === 2 && !!s.answers && typeof s.answers === "object"; }
function copy(s) { return JSON.parse(JSON.stringify(s)); }

/* The static page's store: this browser's localStorage, and a download. */
function browserStore(data, msg) {
  var key = "ktl-quiz:" + data.quiz + ":" + data.version;
  return {
    load: function () { try { var s = JSON.parse(localStorage.getItem(key)); return valid(s) ? s : fresh(); } catch (e) { return fresh(); } },
    save: function (s) { try { localStorage.setItem(key, JSON.stringify(s)); } catch (e) { /* private mode: no saving */ } },
    clear: function () { try { localStorage.removeItem(key); } catch (e) { /* nothing saved */ } },
    deliver: function (record, file, say) {
      var link = el("a"), blob = new Blob([JSON.stringify(record, null, 2) + "\n"], { type: "application/json" });
      link.href = URL.createObjectURL(blob);
      link.download = file;
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      say(msg("downloaded", { file: file }));
    }
  };
}

/* The widget's store: the anywidget model, synced with Python (knowtheline.quiz.widget). */
function modelStore(model, msg) {
  function put(s) { model.set("state", copy(s)); model.save_changes(); }
  return {
    load: function () { var s = model.get("state"); return valid(s) ? copy(s) : fresh(); },
    save: put,
    clear: function () { put(fresh()); },
    deliver: function (record, file, say) {
      say(msg("saving"));
      model.off("change:saved");
      model.on("change:saved", function () {
        var r = model.get("saved") || {};
        say(r.path ? msg("saved_to", { path: r.path }) : msg("not_saved", { error: r.error }));
      });
      model.set("request", { record: record, file: file, at: Date.now() });
      model.save_changes();
    }
  };
}

function sameSet(a, b) { return a.length === b.length && a.every(function (x) { return b.indexOf(x) >= 0; }); }
function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; }
function all(node, sel) { return Array.prototype.slice.call(node.querySelectorAll(sel)); }

/* The results record (format_version 2, knowtheline.quiz.results): neutral question ids and
 * option letters, as on the page; and its file name. */
function resultsRecord(data, state, learner, questions, total) {
  var answers = [];
  data.questions.forEach(function (q) {
    var s = state.answers[q.id];
    if (s && s.chosen.length) answers.push({ question: q.id, chosen: s.chosen.slice().sort(), attempts: s.attempts });
  });
  var record = {
    format: FORMAT, format_version: 2, quiz: data.quiz, quiz_version: data.version, mode: data.mode,
    learner: learner.trim(), saved: new Date().toISOString().replace(/\.\d+Z$/, "Z"), answers: answers
  };
  if (data.mode !== "graded") {
    record.score = { correct: answers.filter(function (a) { return sameSet(a.chosen, questions[a.question].answer); }).length,
                     answered: answers.length, total: total };
  }
  record.checksum = "sha256:" + sha256(canonical(record));
  return record;
}
function resultsFile(record, prefix) {
  var who = record.learner.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  return prefix + "-" + record.quiz + (who ? "-" + who : "") + ".json";
}

/* Make one quiz element work; `store(msg)` makes what keeps its progress (default: this browser). */
export function setup(root, store) {
  var dataNode = root.querySelector("script.ktl-quiz-data");
  if (!dataNode || root.getAttribute("data-ready")) return;
  var data = JSON.parse(dataNode.textContent);
  var msg = function (key, values) { return fill(data.messages, key, values); };
  store = store ? store(msg) : browserStore(data, msg);
  var state = store.load(), graded = data.mode === "graded", limit = data.attempts || 1, questions = {};
  data.questions.forEach(function (q) {
    q.text = {};
    q.options.forEach(function (o) { q.text[o.id] = o.text; });
    questions[q.id] = q;
  });
  var forms = all(root, "form.ktl-question");
  var score = root.querySelector(".ktl-score"), name = root.querySelector(".ktl-learner-name");
  var saved = root.querySelector(".ktl-saved");
  root.setAttribute("data-ready", "1");

  function chosen(form) { return all(form, "input:checked").map(function (i) { return i.value; }); }
  function showFeedback(form, picks) {
    var q = questions[form.getAttribute("data-qid")], box = form.querySelector(".ktl-feedback");
    var right = sameSet(picks, q.answer);
    box.textContent = "";
    box.className = "ktl-feedback " + (right ? "ktl-right" : "ktl-wrong");
    box.appendChild(el("p", "ktl-verdict", right ? msg("correct") : msg(q.multiple ? "not_quite_multiple" : "not_quite")));
    picks.forEach(function (id) { box.appendChild(el("p", null, q.text[id] + ": " + q.feedback[id])); });
    if (right) box.appendChild(el("p", "ktl-explanation", q.explanation));
    form.setAttribute("data-result", right ? "right" : "wrong");
  }
  function showSubmitted(form, s) {
    var box = form.querySelector(".ktl-feedback"), left = limit - s.attempts;
    box.textContent = "";
    box.className = "ktl-feedback ktl-submitted";
    box.appendChild(el("p", "ktl-verdict", left > 0
      ? (left === 1 ? msg("submitted_once_more") : msg("submitted_more", { n: left }))
      : msg("submitted_locked")));
    form.setAttribute("data-result", "submitted");
    lock(form, left <= 0);
  }
  function lock(form, locked) {
    all(form, "input, button").forEach(function (i) { i.disabled = locked; });
    form.classList.toggle("ktl-locked", locked);
  }
  function updateScore() {
    var answered = forms.filter(function (f) { return f.hasAttribute("data-result"); }).length;
    if (graded) { score.textContent = msg("submitted_score", { answered: answered, total: forms.length }); return; }
    var right = forms.filter(function (f) { return f.getAttribute("data-result") === "right"; }).length;
    score.textContent = msg("score", { right: right, total: forms.length, answered: answered });
  }
  function restore() {
    forms.forEach(function (form) {
      var s = state.answers[form.getAttribute("data-qid")];
      all(form, "input").forEach(function (i) { i.checked = !!s && s.chosen.indexOf(i.value) >= 0; });
      var box = form.querySelector(".ktl-feedback");
      if (s && s.chosen.length) { if (graded) showSubmitted(form, s); else showFeedback(form, s.chosen); }
      else { box.textContent = ""; box.className = "ktl-feedback"; form.removeAttribute("data-result"); lock(form, false); }
    });
    name.value = state.learner || name.defaultValue;
    updateScore();
  }

  forms.forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var picks = chosen(form), qid = form.getAttribute("data-qid"), box = form.querySelector(".ktl-feedback");
      var prev = state.answers[qid];
      if (graded && prev && prev.attempts >= limit) { showSubmitted(form, prev); return; }
      if (!picks.length) { box.className = "ktl-feedback"; box.textContent = msg("choose_first"); return; }
      state.answers[qid] = { chosen: picks, attempts: (prev ? prev.attempts : 0) + 1 };
      store.save(state);
      if (graded) showSubmitted(form, state.answers[qid]); else showFeedback(form, picks);
      updateScore();
    });
  });
  name.addEventListener("change", function () { state.learner = name.value; store.save(state); });
  root.querySelector(".ktl-clear").addEventListener("click", function () {
    if (!window.confirm(msg("confirm_clear"))) return;
    state = fresh();
    store.clear();
    restore();
    score.textContent = msg("cleared") + " " + score.textContent;
  });
  root.querySelector(".ktl-download").addEventListener("click", function () {
    var record = resultsRecord(data, state, name.value || "", questions, forms.length);
    store.deliver(record, resultsFile(record, data.messages.file_prefix), function (text) { saved.textContent = text; });
  });
  restore();
}

/* The static page: every quiz on it (not those a widget runs). */
export function start() { all(document, ".ktl-quiz:not([data-live])").forEach(function (root) { setup(root); }); }

/* anywidget's entry point: the same quiz in a notebook's output, synced with Python. */
export function render({ model, el: host }) {
  host.innerHTML = model.get("html");
  setup(host.querySelector(".ktl-quiz"), function (msg) { return modelStore(model, msg); });
  return function () { model.off("change:saved"); };
}

export default { render };

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
}
