/* Diligence search. Loads the index generated under search/ on demand through
   script elements (works from file:// and under script-src 'self'; no fetch,
   no WebAssembly, no eval), finds the forms of a word through the stem keys
   the index maps them to (no stemmer here), ranks with BM25F scores
   precomputed per page and weighted by idf, and shows results built from
   text nodes only. The folding in `words` must match
   Sources/DiligenceSupport/TextFolding.swift. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? script.src.replace(/static\/search\.js(?:[?#].*)?$/, "") : "";
  var registry = {};
  var loading = {};
  /* The interface's words, in the page's language (static/strings-<lang>.js). */
  function say(key, values) {
    var text = (window.DiligenceStrings || {})[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }
  var api = window.DiligenceSearch = {
    put: function (key, value) {
      // Page records carry no key (their bytes depend on their page alone):
      // they are stored under the name their script element was loaded as.
      if (key === null) { key = document.currentScript && document.currentScript.getAttribute("data-key"); }
      registry[key] = value;
    },
    /** Files loaded so far, for tests and measurements. */
    loaded: []
  };

  // ---- Loading -----------------------------------------------------------

  function load(name) {
    if (registry[name] !== undefined) { return Promise.resolve(registry[name]); }
    if (loading[name]) { return loading[name]; }
    var file = name.indexOf("d-") === 0 ? "d/" + name.slice(2) : name;
    loading[name] = new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.setAttribute("data-key", name);
      element.src = root + "search/" + file + ".js";
      element.onload = function () {
        api.loaded.push(file + ".js");
        if (registry[name] !== undefined) { resolve(registry[name]); } else { reject(new Error("search/" + file + ".js is empty")); }
      };
      element.onerror = function () { delete loading[name]; reject(new Error("cannot load search/" + file + ".js")); };
      document.head.appendChild(element);
    });
    return loading[name];
  }

  // ---- Words -------------------------------------------------------------

  var MARKS = /\p{Mn}/gu;
  var WORD = /[\p{L}\p{N}]+/gu;
  // French elided articles and pronouns, dropped when an apostrophe and at
  // once a word follow: "l'exportation" is "exportation" (TextFolding.elisions).
  var ELIDED = { l: 1, d: 1, j: 1, m: 1, n: 1, s: 1, t: 1, c: 1, qu: 1, jusqu: 1, lorsqu: 1, puisqu: 1, quoiqu: 1 };
  /** The index's language (`l` of meta.js), once loaded: "fr" drops elisions. */
  var language = "";
  function words(text, lang) {
    var folded = text.normalize("NFD").replace(MARKS, "").toLowerCase().replace(/ς/g, "σ").replace(/œ/g, "oe").replace(/æ/g, "ae");
    if ((lang === undefined ? language : lang) !== "fr") { return folded.match(WORD) || []; }
    var found = Array.from(folded.matchAll(WORD));
    return found.filter(function (m, i) {
      var end = m.index + m[0].length, next = found[i + 1];
      return !(ELIDED.hasOwnProperty(m[0]) && next && next.index === end + 1 && (folded[end] === "'" || folded[end] === "\u2019"));
    }).map(function (m) { return m[0]; });
  }

  /** Query → required words (with how each may match) and phrases. */
  function parse(query) {
    var phrases = [];
    var rest = query.replace(/"([^"]*)("|$)/g, function (match, inner) {
      var list = words(inner);
      if (list.length) { phrases.push(list); }
      return " ";
    });
    var free = words(rest);
    var items = free.map(function (word, i) {
      var last = i === free.length - 1 && !/[\s"]$/.test(query);
      return { word: word, prefix: last && word.length >= 2, typo: word.length >= 5 };
    });
    phrases.forEach(function (list) {
      list.forEach(function (word) { items.push({ word: word, prefix: false, typo: false }); });
    });
    return { items: items, phrases: phrases };
  }

  // ---- Index lookups -----------------------------------------------------

  function chunkIndex(meta, term) {
    var low = 0, high = meta.c.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (meta.c[mid] <= term) { low = mid; } else { high = mid - 1; }
    }
    return low;
  }

  function decode(postings) {
    var parts = postings.split(","), out = [], doc = 0;
    for (var i = 0; i + 1 < parts.length; i += 2) {
      doc += parseInt(parts[i], 36);
      out.push(doc, parseInt(parts[i + 1], 36));
    }
    return out;
  }

  function editDistanceAtMostOne(a, b) {
    if (a === b) { return true; }
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) { return false; }
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) { i += 1; }
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) { return true; }
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Postings are per stem key (Snowball's, at build time); a form with
  // another key has a redirect term, "cameras 6" → camera, "happy 4 i" →
  // happi, in the chunk of form + " \uffff" (docs/search.md).

  function formOf(term) {
    var space = term.indexOf(" ");
    return space < 0 ? term : term.slice(0, space);
  }

  /** The stem key a chunk term leads to: itself, or a redirect's stem. */
  function stemOf(term) {
    var parts = term.split(" ");
    return parts.length === 1 ? term : parts[0].slice(0, parseInt(parts[1], 10)) + (parts[2] || "");
  }

  /**
   * Chunk c's file name, from its first term (SearchIndexFiles.chunkName):
   * "i-" and the term's UTF-8 bytes, each one but a-z and 0-9 as "_" and two
   * hex digits; a name over 62 characters cut to 42, "-" and c after it.
   */
  function chunkName(meta, c) {
    var bytes = new TextEncoder().encode(meta.c[c]), name = "i-";
    for (var i = 0; i < bytes.length; i += 1) {
      var b = bytes[i];
      name += (b >= 97 && b <= 122) || (b >= 48 && b <= 57) ? String.fromCharCode(b) : "_" + (b < 16 ? "0" : "") + b.toString(16);
    }
    return name.length > 62 ? name.slice(0, 42) + "-" + c : name;
  }

  /** Chunks by number; one of a single redirect (meta.s) is its term in meta.c, not loaded. */
  function loadChunks(meta, numbers) {
    return Promise.all(numbers.map(function (c) {
      if (meta.s && meta.s.indexOf(c) >= 0) {
        var solo = {};
        solo[meta.c[c]] = 0;
        return solo;
      }
      return load(chunkName(meta, c));
    })).then(function (chunks) {
      var byNumber = {};
      numbers.forEach(function (c, i) { byNumber[c] = chunks[i]; });
      return byNumber;
    });
  }

  /** The stems of the terms of `chunks` whose form passes `weightOf` (a weight, or 0), best weight kept. */
  function collectStems(chunks, weightOf, stems) {
    Object.keys(chunks).forEach(function (c) {
      Object.keys(chunks[c]).forEach(function (term) {
        var weight = weightOf(formOf(term));
        if (!weight) { return; }
        var stem = stemOf(term);
        if (!(stems[stem] >= weight)) { stems[stem] = weight; }
      });
    });
    return stems;
  }

  /**
   * The stems a query word leads to, with their postings and a weight: as
   * typed 1, a form it begins (last word) 0.8, a form one typo away 0.6;
   * and the forms of the loaded chunks that lead to them (to highlight).
   */
  function expand(meta, item) {
    var word = item.word;
    var numbers = [chunkIndex(meta, word + " \uffff")];
    if (item.prefix) {
      var first = chunkIndex(meta, word);
      var last = Math.min(chunkIndex(meta, word + "\uffff"), first + 2);
      numbers = [];
      for (var c = first; c <= last; c += 1) { numbers.push(c); }
    }
    var chunks = {};
    return loadChunks(meta, numbers).then(function (loaded) {
      Object.assign(chunks, loaded);
      var stems = collectStems(loaded, function (form) {
        return form === word ? 1 : item.prefix && form.indexOf(word) === 0 ? 0.8 : 0;
      }, {});
      var exact = Object.keys(stems).some(function (stem) { return stems[stem] === 1; });
      if (exact || !item.typo) { return stems; }
      var initial = word.codePointAt(0);
      if (meta.v.indexOf(String.fromCodePoint(initial)) < 0) { return stems; }
      return load("v-" + initial.toString(16)).then(function (vocabulary) {
        // At most four index chunks more for the corrections.
        var wanted = {};
        var near = vocabulary.split(" ").filter(function (form) {
          if (form === word || !editDistanceAtMostOne(form, word)) { return false; }
          var chunk = chunkIndex(meta, form + " \uffff");
          if (!wanted[chunk] && Object.keys(wanted).length >= 4) { return false; }
          wanted[chunk] = true;
          return true;
        });
        return loadChunks(meta, Object.keys(wanted).map(Number)).then(function (found) {
          Object.assign(chunks, found);
          return collectStems(found, function (form) { return near.indexOf(form) >= 0 ? 0.6 : 0; }, stems);
        });
      });
    }).then(function (stems) {
      // Each stem's postings (its key's chunk), best weights first, at most four chunks more.
      var order = Object.keys(stems).sort(function (a, b) { return stems[b] - stems[a] || (a < b ? -1 : 1); });
      var more = {};
      order = order.filter(function (stem) {
        var c = chunkIndex(meta, stem);
        if (chunks[c] || more[c]) { return true; }
        if (Object.keys(more).length >= 4) { return false; }
        more[c] = true;
        return true;
      });
      return loadChunks(meta, Object.keys(more).map(Number)).then(function (found) {
        Object.assign(chunks, found);
        var matches = [];
        order.forEach(function (stem) {
          var postings = chunks[chunkIndex(meta, stem)][stem];
          if (typeof postings === "string") { matches.push({ term: stem, weight: stems[stem], postings: postings }); }
        });
        // The forms that lead to a matched stem, for highlighting.
        var forms = {};
        Object.keys(chunks).forEach(function (c) {
          Object.keys(chunks[c]).forEach(function (term) {
            if (stems[stemOf(term)] !== undefined) { forms[formOf(term)] = true; }
          });
        });
        return { matches: matches, forms: forms };
      });
    });
  }

  // ---- Ranking -----------------------------------------------------------

  /** Every page matching all words, best first: [{doc, score}], and the terms matched. */
  function rank(query) {
    if (!words(query).length) { return Promise.resolve({ hits: [], terms: {}, parsed: parse(query) }); }
    var pageCount = 0;
    var parsed;
    return load("meta").then(function (meta) {
      pageCount = meta.n;
      language = meta.l || "";
      parsed = parse(query);
      return Promise.all(parsed.items.map(function (item) { return expand(meta, item); }));
    }).then(function (expansions) {
      var terms = {};
      var total = null;
      expansions.forEach(function (expansion) {
        var scores = new Map();
        Object.keys(expansion.forms).forEach(function (form) { terms[form] = true; });
        expansion.matches.forEach(function (match) {
          var list = decode(match.postings);
          // Stored scores are per page; rarer terms weigh more (BM25's idf).
          var df = list.length / 2;
          var idf = Math.log(1 + (pageCount - df + 0.5) / (df + 0.5));
          for (var i = 0; i < list.length; i += 2) {
            var score = list[i + 1] * idf * match.weight;
            if (!(scores.get(list[i]) >= score)) { scores.set(list[i], score); }
          }
        });
        if (total === null) { total = scores; return; }
        var next = new Map();
        scores.forEach(function (score, doc) { if (total.has(doc)) { next.set(doc, total.get(doc) + score); } });
        total = next;
      });
      var hits = [];
      (total || new Map()).forEach(function (score, doc) { hits.push({ doc: doc, score: score }); });
      hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return { hits: hits, terms: terms, parsed: parsed };
    });
  }

  /** A page's record: its name from the table `n-<k>.js` that lists it, then `d/<name>.js`. */
  function loadRecord(doc) {
    return load("meta").then(function (meta) {
      var perTable = meta.r[0], length = meta.r[1];
      return load("n-" + Math.floor(doc / perTable)).then(function (names) {
        var start = (doc % perTable) * length;
        return load("d-" + names.slice(start, start + length));
      });
    });
  }

  function containsPhrase(record, phrase) {
    var texts = [record.t, record.s].concat(record.x.map(function (s) { return s[1] + " " + s[2]; }));
    var needle = " " + phrase.join(" ") + " ";
    return texts.some(function (text) { return (" " + words(text).join(" ") + " ").indexOf(needle) >= 0; });
  }

  // ---- Facets ------------------------------------------------------------

  var facetSets = null;

  /** A facet value's pages, from the encoding SearchFacets chose. */
  function facetPages(encoded) {
    var set = new Set(), doc = 0, i, k;
    if (encoded.charAt(0) === "~") {
      // Whole tables of numbers (SearchFacets.encodeTables): a result is
      // in the value if its number is in one of the ranges.
      var bounds = [], parts = encoded.slice(1).split(",");
      for (i = 0; i + 1 < parts.length; i += 2) {
        doc += parseInt(parts[i], 36);
        bounds.push(doc, doc + parseInt(parts[i + 1], 36));
        doc = bounds[bounds.length - 1];
      }
      return { has: function (page) {
        for (var j = 0; j < bounds.length; j += 2) { if (page >= bounds[j] && page < bounds[j + 1]) { return true; } }
        return false;
      } };
    }
    if (encoded.charAt(0) === "+") {
      var runs = encoded.slice(1).split(",");
      for (i = 0; i + 1 < runs.length; i += 2) {
        doc += parseInt(runs[i], 36);
        for (k = parseInt(runs[i + 1], 36); k > 0; k -= 1) { set.add(doc); doc += 1; }
      }
    } else if (encoded.charAt(0) === "!") {
      var colon = encoded.indexOf(":"), start = parseInt(encoded.slice(1, colon), 36);
      for (i = colon + 1; i < encoded.length; i += 1) {
        var bits = parseInt(encoded.charAt(i), 32), page = start + (i - colon - 1) * 5;
        for (k = 0; k < 5; k += 1) { if (bits & (16 >> k)) { set.add(page + k); } }
      }
    } else if (encoded) {
      encoded.split(",").forEach(function (delta) { doc += parseInt(delta, 36); set.add(doc); });
    }
    return set;
  }
  var EACH = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  /** A filter given page by page (SearchFacets.encodeEach): each page into its value's set. */
  function eachPage(dim) {
    var parts = dim.each.split(":"), page = parseInt(parts[0], 36), per = +parts[1], states = dim.values.length + 1;
    for (var i = 0; i < parts[2].length; i += 1) {
      var code = EACH.indexOf(parts[2].charAt(i));
      for (var k = per - 1; k >= 0; k -= 1) {
        var value = code % states;
        code = (code - value) / states;
        if (value) { facetSets[dim.id][dim.values[value - 1].id].add(page + k); }
      }
      page += per;
    }
  }
  function facets() {
    return load("facets").then(function (data) {
      if (!facetSets) {
        facetSets = {};
        data.dims.forEach(function (dim) {
          facetSets[dim.id] = {};
          dim.values.forEach(function (value) {
            facetSets[dim.id][value.id] = facetPages(value.docs);
          });
          if (dim.each) { eachPage(dim); }
        });
      }
      return data;
    });
  }

  function passes(doc, filters, except) {
    return Object.keys(filters).every(function (dim) {
      if (dim === except || !filters[dim].length) { return true; }
      return filters[dim].some(function (value) { return facetSets[dim][value] && facetSets[dim][value].has(doc); });
    });
  }

  // ---- Search ------------------------------------------------------------

  /**
   * Runs a query. options: limit (results with records, default 10),
   * filters ({dim: [value ids]}), counts (true to compute filter counts).
   * Resolves to {total, results: [{doc, score, record, section, snippet}], counts}.
   */
  function search(query, options) {
    options = options || {};
    var limit = options.limit || 10;
    var filters = options.filters || {};
    var needFacets = options.counts || Object.keys(filters).some(function (d) { return filters[d].length; });
    return Promise.all([rank(query), needFacets ? facets() : null]).then(function (both) {
      var ranked = both[0];
      var hits = needFacets ? ranked.hits.filter(function (h) { return passes(h.doc, filters); }) : ranked.hits;
      var counts = null;
      if (options.counts) {
        counts = {};
        both[1].dims.forEach(function (dim) {
          counts[dim.id] = {};
          var others = ranked.hits.filter(function (h) { return passes(h.doc, filters, dim.id); });
          dim.values.forEach(function (value) {
            var set = facetSets[dim.id][value.id];
            counts[dim.id][value.id] = others.filter(function (h) { return set.has(h.doc); }).length;
          });
        });
      }
      var phrases = ranked.parsed.phrases;
      var results = [];
      var position = 0;
      var rejected = 0;
      // A phrase is checked on the records themselves: at most this many are
      // loaded for it, so a phrase of common words cannot pull a whole site.
      var checkLimit = phrases.length ? Math.min(hits.length, 200) : hits.length;
      function next() {
        if (results.length >= limit || position >= checkLimit) {
          // With a phrase, pages past the last one checked are counted as candidates.
          var total = phrases.length ? hits.length - rejected : hits.length;
          return { total: total, results: results, counts: counts, terms: ranked.terms };
        }
        var batch = hits.slice(position, position + (limit - results.length));
        position += batch.length;
        return Promise.all(batch.map(function (h) { return loadRecord(h.doc); })).then(function (records) {
          records.forEach(function (record, i) {
            if (!phrases.every(function (p) { return containsPhrase(record, p); })) { rejected += 1; return; }
            results.push(describe(batch[i], record, ranked.terms, ranked.parsed));
          });
          return next();
        });
      }
      return next();
    });
  }

  /** Picks the section that matches most query words, and its snippet. */
  function describe(hit, record, terms, parsed) {
    var prefixes = parsed.items.filter(function (i) { return i.prefix; }).map(function (i) { return i.word; });
    function matches(folded) {
      return terms[folded] === true || prefixes.some(function (p) { return folded.indexOf(p) === 0; });
    }
    var best = null, bestCount = 0;
    record.x.forEach(function (section, index) {
      var seen = {};
      words(section[1] + " " + section[2]).forEach(function (w) { if (matches(w)) { seen[w] = true; } });
      var count = Object.keys(seen).length;
      if (count > bestCount) { best = index; bestCount = count; }
    });
    var section = best === null ? null : record.x[best];
    var text = section && section[2] ? section[2] : record.s;
    return {
      doc: hit.doc, score: hit.score, record: record,
      url: root + record.u + (section && section[0] ? "#" + section[0] : ""),
      heading: section && section[0] ? section[1] : "",
      snippet: snippet(text, matches),
      titleParts: snippet(record.t, matches, true)
    };
  }

  /** Text around the first match, as [text, matched] parts. */
  function snippet(text, matches, whole) {
    var tokens = [], re = /[\p{L}\p{N}\p{M}]+/gu, m;
    while ((m = re.exec(text)) !== null) { tokens.push({ start: m.index, end: m.index + m[0].length, hit: words(m[0]).some(matches) }); }
    var from = 0, to = text.length;
    if (!whole && tokens.length > 32) {
      var first = 0;
      for (var i = 0; i < tokens.length; i += 1) { if (tokens[i].hit) { first = i; break; } }
      var startToken = Math.max(0, first - 8), endToken = Math.min(tokens.length - 1, startToken + 30);
      from = startToken === 0 ? 0 : tokens[startToken].start;
      to = endToken === tokens.length - 1 ? text.length : tokens[endToken].end;
    }
    var parts = [], cursor = from;
    tokens.forEach(function (t) {
      if (!t.hit || t.start < from || t.end > to) { return; }
      if (t.start > cursor) { parts.push([text.slice(cursor, t.start), false]); }
      parts.push([text.slice(t.start, t.end), true]);
      cursor = t.end;
    });
    if (cursor < to) { parts.push([text.slice(cursor, to), false]); }
    if (from > 0) { parts.unshift(["… ", false]); }
    if (to < text.length) { parts.push([" …", false]); }
    return parts;
  }

  /** Suggestions under the box; results first shown on search.html, and added per "Show more". */
  var BOX_RESULTS = 5, PAGE_RESULTS = 5, PAGE_MORE = 10;
  /** A search starts once typing pauses this long (Pagefind's UI waits 300 ms). */
  var TYPING_PAUSE_MS = 100;

  api.search = search;
  api.words = words;
  /** The stem keys a folded form resolves to, as a query word typed whole (for tests). */
  api.stems = function (form) {
    return load("meta").then(function (meta) {
      language = meta.l || "";
      return expand(meta, { word: form, prefix: false, typo: false });
    }).then(function (expansion) { return expansion.matches.map(function (m) { return m.term; }).sort(); });
  };

  // ---- DOM helpers -------------------------------------------------------

  function el(name, className, text) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function highlighted(name, className, parts) {
    var node = el(name, className);
    parts.forEach(function (part) {
      node.appendChild(part[1] ? el("mark", null, part[0]) : document.createTextNode(part[0]));
    });
    return node;
  }

  function resultBody(result) {
    var fragment = document.createDocumentFragment();
    fragment.appendChild(highlighted("span", "result-title", result.titleParts));
    var meta = result.record.k + (result.heading ? " › " + result.heading : "") + (result.record.r ? " · " + result.record.r : "");
    fragment.appendChild(el("span", "result-meta", meta));
    fragment.appendChild(highlighted("span", "result-snippet", result.snippet));
    return fragment;
  }

  function reportError(status, error) {
    if (status) { status.textContent = say("js_search_unavailable", { error: error.message }); }
  }

  // ---- The search box in every page's header (combobox) ------------------

  function setUpCombobox() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-suggestions");
    var form = document.getElementById("search-form");
    if (!input || !list || !form) { return; }
    var active = -1, sequence = 0;

    function options() { return list.querySelectorAll("[role=option]"); }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function activate(index) {
      var all = options();
      if (!all.length) { return; }
      active = (index + all.length) % all.length;
      Array.prototype.forEach.call(all, function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }
    function allResultsURL(query) { return root + "search.html?q=" + encodeURIComponent(query); }
    function show(query, outcome) {
      list.textContent = "";
      list.setAttribute("data-query", query);
      active = -1;
      outcome.results.forEach(function (result, i) {
        // An option holds no link (the ARIA combobox pattern: options are
        // not interactive themselves); choosing it opens its page.
        var option = el("li", "suggestion");
        option.id = "search-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-href", result.url);
        option.appendChild(resultBody(result));
        list.appendChild(option);
      });
      var more = el("li", "suggestion all-results", say(outcome.total ? (outcome.total === 1 ? "js_search_one_result_for" : "js_search_all_results_for") : "js_search_no_results_see_all", { count: outcome.total, query: query }));
      more.id = "search-option-all";
      more.setAttribute("role", "option");
      more.setAttribute("aria-selected", "false");
      more.setAttribute("data-href", allResultsURL(query));
      list.appendChild(more);
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    var timer = null;
    function update() {
      var query = input.value;
      var mine = ++sequence;
      clearTimeout(timer);
      if (!words(query).length) { close(); return; }
      var started = performance.now();
      // While keys come faster than this, nothing loads: a word typed key by
      // key loads the files of the word, not of each of its prefixes.
      timer = setTimeout(function () {
        if (mine !== sequence) { return; }
        search(query, { limit: BOX_RESULTS }).then(function (outcome) {
          if (mine !== sequence) { return; }
          show(query, outcome);
          api.lastQueryMs = performance.now() - started;
        }, function (error) { if (mine === sequence) { close(); console.warn(error.message); } });
      }, TYPING_PAUSE_MS);
    }
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value && list.children.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) { update(); } else { activate(active + 1); } }
      else if (event.key === "ArrowUp") { event.preventDefault(); activate(active - 1); }
      else if (event.key === "Escape") { if (!list.hidden) { event.preventDefault(); close(); } else { input.value = ""; } }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = options()[active].getAttribute("data-href");
      }
    });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest ? event.target.closest("[role=option]") : null;
      if (option) { window.location.href = option.getAttribute("data-href"); }
    });
    input.addEventListener("blur", function () { close(); });
    document.addEventListener("keydown", function (event) {
      var target = event.target, tag = target && target.tagName;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) { return; }
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  // ---- The full results page (search.html) --------------------------------

  function setUpResultsPage() {
    var results = document.getElementById("search-results");
    if (!results) { return; }
    var form = document.getElementById("search-page-form");
    var input = document.getElementById("search-page-input");
    var status = document.getElementById("search-status");
    var filtersBox = document.getElementById("search-filters");
    var filterList = document.getElementById("search-filter-list");
    // Filters start open where there is room beside the results, closed on
    // a phone so the results come first; the reader's choice then stays.
    if (window.matchMedia) { filtersBox.open = window.matchMedia("(min-width: 40rem)").matches; }
    var allPages = document.getElementById("all-pages");
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    var sequence = 0;
    var timer = null;
    var shown = PAGE_RESULTS;
    var more = el("button", "search-more", say("js_search_show_more"));
    more.type = "button";
    more.hidden = true;
    results.parentNode.insertBefore(more, results.nextSibling);
    more.addEventListener("click", function () { shown += PAGE_MORE; run(true); });
    form.hidden = false;
    input.value = params.get("q") || "";
    ["kind", "region", "risk", "category", "regime"].forEach(function (dim) { filters[dim] = params.getAll(dim); });

    function writeURL() {
      var next = new URLSearchParams();
      if (input.value) { next.set("q", input.value); }
      Object.keys(filters).forEach(function (dim) { filters[dim].forEach(function (v) { next.append(dim, v); }); });
      var query = next.toString();
      try { history.replaceState(null, "", query ? "?" + query : window.location.pathname); } catch (e) { /* file:// in some browsers */ }
    }

    function renderFilters(data, counts) {
      // The boxes are drawn again after every change: the one that had
      // focus gets it back, so a keyboard user stays where they were.
      var focused = document.activeElement && filterList.contains(document.activeElement) ? document.activeElement.id : null;
      filterList.textContent = "";
      data.dims.forEach(function (dim) {
        var fieldset = el("fieldset", "filter");
        fieldset.appendChild(el("legend", null, dim.label));
        dim.values.forEach(function (value) {
          var count = counts[dim.id][value.id];
          var checked = filters[dim.id].indexOf(value.id) >= 0;
          if (!count && !checked) { return; }
          var id = "filter-" + dim.id + "-" + value.id;
          var box = el("input");
          box.type = "checkbox";
          box.id = id;
          box.checked = checked;
          box.addEventListener("change", function () {
            filters[dim.id] = box.checked ? filters[dim.id].concat([value.id]) : filters[dim.id].filter(function (v) { return v !== value.id; });
            run();
          });
          var label = el("label", null, value.label + " ");
          label.htmlFor = id;
          label.appendChild(el("span", "count", "(" + count + ")"));
          var row = el("div", "filter-value");
          row.appendChild(box);
          row.appendChild(label);
          fieldset.appendChild(row);
        });
        if (fieldset.querySelector("input")) { filterList.appendChild(fieldset); }
      });
      filtersBox.hidden = !filterList.children.length;
      var again = focused && document.getElementById(focused);
      if (again) { again.focus(); }
    }

    function run(keepCount) {
      var query = input.value;
      var mine = ++sequence;
      if (keepCount !== true) { shown = PAGE_RESULTS; }
      writeURL();
      if (!words(query).length) {
        more.hidden = true;
        results.textContent = "";
        filtersBox.hidden = true;
        status.textContent = "";
        allPages.hidden = false;
        return;
      }
      allPages.hidden = true;
      var started = performance.now();
      search(query, { limit: shown, filters: filters, counts: true }).then(function (outcome) {
        if (mine !== sequence) { return; }
        var focusFrom = keepCount === true ? results.children.length : -1;
        results.textContent = "";
        outcome.results.forEach(function (result) {
          var item = el("li", "result");
          var link = el("a");
          link.href = result.url;
          link.appendChild(resultBody(result));
          item.appendChild(link);
          results.appendChild(item);
        });
        more.hidden = outcome.total <= outcome.results.length;
        // After "Show more", the first new result takes the focus.
        if (focusFrom >= 0 && results.children[focusFrom]) { results.children[focusFrom].querySelector("a").focus(); }
        status.textContent = say(outcome.total === 0 ? "js_search_no_results" : outcome.total === 1 ? "js_search_results_one" :
          outcome.total > outcome.results.length ? "js_search_results_first" : "js_search_results_other",
          { count: outcome.total, query: query, shown: outcome.results.length });
        return facets().then(function (data) { renderFilters(data, outcome.counts); });
      }).then(function () { api.lastQueryMs = performance.now() - started; }, function (error) { reportError(status, error); allPages.hidden = false; });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, TYPING_PAUSE_MS); });
    run();
  }

  setUpCombobox();
  setUpResultsPage();
}());
