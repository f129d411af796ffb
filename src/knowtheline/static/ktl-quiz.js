/* Know the Line: the static quiz engine. No framework, no network.
 * Finds every .ktl-quiz on the page; in practice mode checks answers against its embedded
 * JSON, shows the chosen option's feedback and keeps score; in graded mode records one
 * submission per question (or data.attempts) and locks it. Saves progress in localStorage
 * (this browser only) and builds a results file in the browser for the learner to hand in. */
(function () {
  "use strict";
  var FORMAT = "knowtheline-quiz-results";

  /* SHA-256 (FIPS 180-4), small and synchronous so it also works on plain http. */
  function sha256(text) {
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
  function canonical(v) {
    if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
    if (v && typeof v === "object") {
      return "{" + Object.keys(v).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(v[k]); }).join(",") + "}";
    }
    return JSON.stringify(v);
  }

  /* Progress in this browser: {v: 2, answers: {q1: {chosen: ["B"], attempts: 1}}, learner}.
   * Progress saved by an older version of this script (no v: 2) is not restored. */
  function storageKey(data) { return "ktl-quiz:" + data.quiz + ":" + data.version; }
  function fresh() { return { v: 2, answers: {}, learner: "" }; }
  function load(data) {
    try {
      var state = JSON.parse(localStorage.getItem(storageKey(data)));
      return state && state.v === 2 && state.answers ? state : fresh();
    } catch (e) { return fresh(); }
  }
  function save(data, state) {
    try { localStorage.setItem(storageKey(data), JSON.stringify(state)); } catch (e) { /* private mode: no saving */ }
  }
  function sameSet(a, b) { return a.length === b.length && a.every(function (x) { return b.indexOf(x) >= 0; }); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; }

  /* One engine, two modes (data.mode): "practice" checks answers and shows feedback (the
   * data carries answers, feedback and explanations); "graded" records a submission per
   * question, locks it after data.attempts submissions and says nothing about right or
   * wrong (the data carries no answers). */
  function setup(root) {
    var dataNode = root.querySelector("script.ktl-quiz-data");
    if (!dataNode || root.getAttribute("data-ready")) return;
    var data = JSON.parse(dataNode.textContent), state = load(data);
    var graded = data.mode === "graded", limit = data.attempts || 1, questions = {};
    data.questions.forEach(function (q) {
      q.text = {};
      q.options.forEach(function (o) { q.text[o.id] = o.text; });
      questions[q.id] = q;
    });
    var forms = Array.prototype.slice.call(root.querySelectorAll("form.ktl-question"));
    var score = root.querySelector(".ktl-score"), name = root.querySelector(".ktl-learner-name");
    root.setAttribute("data-ready", "1");
    forms.forEach(function (f) { f.querySelector(".ktl-qtotal").textContent = forms.length; });

    function chosen(form) {
      return Array.prototype.slice.call(form.querySelectorAll("input:checked")).map(function (i) { return i.value; });
    }
    function showFeedback(form, picks) {
      var q = questions[form.getAttribute("data-qid")], box = form.querySelector(".ktl-feedback");
      var right = sameSet(picks, q.answer);
      box.textContent = "";
      box.className = "ktl-feedback " + (right ? "ktl-right" : "ktl-wrong");
      box.appendChild(el("p", "ktl-verdict", right ? "Correct." : (q.multiple ? "Not quite: check every option that applies." : "Not quite. Try again.")));
      picks.forEach(function (id) { box.appendChild(el("p", null, q.text[id] + ": " + q.feedback[id])); });
      if (right) box.appendChild(el("p", "ktl-explanation", q.explanation));
      form.setAttribute("data-result", right ? "right" : "wrong");
    }
    function showSubmitted(form, saved) {
      var box = form.querySelector(".ktl-feedback"), left = limit - saved.attempts;
      box.textContent = "";
      box.className = "ktl-feedback ktl-submitted";
      box.appendChild(el("p", "ktl-verdict", left > 0
        ? "Answer submitted. You can change it and submit again " + (left === 1 ? "once more." : left + " more times.")
        : "Answer submitted and locked."));
      form.setAttribute("data-result", "submitted");
      var locked = left <= 0;
      Array.prototype.forEach.call(form.querySelectorAll("input, button"), function (i) { i.disabled = locked; });
      form.classList.toggle("ktl-locked", locked);
    }
    function updateScore() {
      var answered = forms.filter(function (f) { return f.hasAttribute("data-result"); }).length;
      if (graded) { score.textContent = "Submitted: " + answered + " of " + forms.length + " questions."; return; }
      var right = forms.filter(function (f) { return f.getAttribute("data-result") === "right"; }).length;
      score.textContent = "Score: " + right + " of " + forms.length + " correct (" + answered + " answered).";
    }
    function restore() {
      forms.forEach(function (form) {
        var saved = state.answers[form.getAttribute("data-qid")];
        Array.prototype.forEach.call(form.querySelectorAll("input"), function (i) {
          i.checked = !!saved && saved.chosen.indexOf(i.value) >= 0;
        });
        var box = form.querySelector(".ktl-feedback");
        if (saved && saved.chosen.length) { if (graded) showSubmitted(form, saved); else showFeedback(form, saved.chosen); }
        else {
          box.textContent = ""; box.className = "ktl-feedback"; form.removeAttribute("data-result");
          form.classList.remove("ktl-locked");
          Array.prototype.forEach.call(form.querySelectorAll("input, button"), function (i) { i.disabled = false; });
        }
      });
      name.value = state.learner || "";
      updateScore();
    }

    forms.forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var picks = chosen(form), qid = form.getAttribute("data-qid"), box = form.querySelector(".ktl-feedback");
        var prev = state.answers[qid];
        if (graded && prev && prev.attempts >= limit) { showSubmitted(form, prev); return; }
        if (!picks.length) { box.className = "ktl-feedback"; box.textContent = "Choose an answer first."; return; }
        state.answers[qid] = { chosen: picks, attempts: (prev ? prev.attempts : 0) + 1 };
        save(data, state);
        if (graded) showSubmitted(form, state.answers[qid]); else showFeedback(form, picks);
        updateScore();
      });
    });
    name.addEventListener("change", function () { state.learner = name.value; save(data, state); });
    root.querySelector(".ktl-clear").addEventListener("click", function () {
      if (!window.confirm("Clear your answers to this quiz from this browser?")) return;
      state = fresh();
      try { localStorage.removeItem(storageKey(data)); } catch (e) { /* nothing saved */ }
      restore();
      score.textContent = "Your answers were cleared. " + score.textContent;
    });
    root.querySelector(".ktl-download").addEventListener("click", function () {
      /* The results format of knowtheline.quiz.results (format_version 2): neutral question
       * ids and option letters, as on the page. */
      var answers = [];
      forms.forEach(function (form) {
        var qid = form.getAttribute("data-qid"), s = state.answers[qid];
        if (s && s.chosen.length) answers.push({ question: qid, chosen: s.chosen.slice().sort(), attempts: s.attempts });
      });
      var record = {
        format: FORMAT, format_version: 2, quiz: data.quiz, quiz_version: data.version, mode: data.mode,
        learner: (name.value || "").trim(), saved: new Date().toISOString().replace(/\.\d+Z$/, "Z"), answers: answers
      };
      if (!graded) {
        record.score = { correct: answers.filter(function (a) { return sameSet(a.chosen, questions[a.question].answer); }).length,
                         answered: answers.length, total: forms.length };
      }
      record.checksum = "sha256:" + sha256(canonical(record));
      var blob = new Blob([JSON.stringify(record, null, 2) + "\n"], { type: "application/json" });
      var link = el("a"), who = record.learner.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-|-$/g, "");
      link.href = URL.createObjectURL(blob);
      link.download = "knowtheline-" + data.quiz + (who ? "-" + who : "") + ".json";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    });
    restore();
  }

  function start() { Array.prototype.forEach.call(document.querySelectorAll(".ktl-quiz"), setup); }
  window.ktlQuiz = { sha256: sha256, canonical: canonical, start: start };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
