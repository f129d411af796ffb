/* Know the Line: phrase search on top of Sphinx's searchtools.js (search page only).
 *
 * Sphinx splits a query at punctuation: "287(g)" becomes "287" and "g", "§ 111" becomes
 * "111", "I-247A" becomes "i" and "247a", and every letter g on the results is highlighted.
 * A query with punctuation inside a word (or in "double quotes") is searched here as a
 * phrase: Sphinx's index finds the candidate pages, each page's text is read, and only the
 * pages that contain the phrase are listed, each with a snippet around the phrase and the
 * phrase alone highlighted (also on the page the reader opens). Other queries are left to
 * Sphinx, with cleaner snippets (no "Contents" menu or page title in them).
 */
"use strict";
(function () {
  if (typeof Search === "undefined" || typeof _displayNextItem === "undefined") return;

  const SNIPPET = 240;
  const SKIP = [".headerlink", "script", "style", "nav", ".bd-toc", ".header-article-main",
    ".bd-header-article", ".prev-next-area", ".ktl-quiz-data", "footer", "header", "h1"].join(", ");
  let phrase = null;

  /** The phrase a query asks for, or null for a query of plain words. */
  const phraseOf = (query) => {
    const q = query.trim();
    const quoted = q.match(/^"(.+)"$/);
    if (quoted) return quoted[1].trim();
    // punctuation inside or between the words ("287(g)", "I-247A", "§ 111", "U.S.C.")
    return /[^\p{Letter}\p{Number}\s]/u.test(q) ? q : null;
  };

  /** A regular expression for the phrase: any run of spaces (or none, as in "§111") between its parts. */
  const phrasePattern = (text) =>
    new RegExp(text.split(/\s+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s*"), "iu");

  /** The page's readable text: its article, without menus, its title or the quiz's data. */
  const pageText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const main = (anchor && doc.querySelector(`[role="main"] ${anchor}`)) || doc.querySelector("#main-content article, [role='main']");
    if (!main) return "";
    main.querySelectorAll(SKIP).forEach((el) => el.remove());
    return main.textContent.replace(/\s+/g, " ").trim();
  };

  /** About SNIPPET characters of text around position `at`, cut between words. */
  const snippet = (text, at) => {
    let start = Math.max(0, at - SNIPPET / 3);
    let end = Math.min(text.length, start + SNIPPET);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    const p = document.createElement("p");
    p.classList.add("context");
    p.textContent = (start > 0 ? "… " : "") + text.slice(start, end).trim() + (end < text.length ? " …" : "");
    return p;
  };

  Search.htmlToText = pageText;

  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = pageText(htmlText, anchor);
    if (!text) return null;
    let at = -1;
    if (phrase) {
      const found = phrasePattern(phrase).exec(text);
      at = found ? found.index : -1;
    } else {
      const lower = text.toLowerCase();
      const hits = [...keywords].map((k) => lower.search(new RegExp(`\\b${k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))).filter((i) => i > -1);
      at = hits.length ? Math.min(...hits) : 0;
    }
    return snippet(text, Math.max(at, 0));
  };

  const sphinxQuery = Search.query;
  Search.query = (query) => {
    phrase = phraseOf(query);
    if (!phrase) return sphinxQuery(query);
    const [searchQuery, searchTerms, excludedTerms, , objectTerms] = Search._parseQuery(query);
    const highlight = new Set([phrase.toLowerCase()]);
    // The page opened from the results highlights these words (sphinx_highlight.js splits
    // at spaces): the phrase itself, or its longer parts when it has spaces ("111" of "§ 111").
    const stored = /\s/.test(phrase) ? phrase.split(/\s+/).filter((w) => w.length > 2) : [phrase];
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
      localStorage.setItem("sphinx_highlight_terms", stored.join(" ").toLowerCase());
    const candidates = Search._performSearch(searchQuery, searchTerms, excludedTerms, highlight, objectTerms);
    const root = document.documentElement.dataset.content_root;
    const pattern = phrasePattern(phrase);
    const seen = new Set();
    Promise.all(candidates.map((item) =>
      fetch(root + item[0] + DOCUMENTATION_OPTIONS.FILE_SUFFIX)
        .then((response) => response.text())
        .then((html) => (pattern.test(pageText(html, item[2])) ? item : null), () => null)))
      .then((kept) => {
        // one entry per page, its best (the list is in rising order of score)
        const results = kept.reverse().filter((item) => item && !seen.has(item[0]) && seen.add(item[0])).reverse();
        _displayNextItem(results, results.length, searchTerms, highlight);
      });
  };
})();
