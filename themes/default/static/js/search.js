// The search page: loads the index made by `tongwen build` (search-index/) piece by piece
// as <script> files, so that it also works from file://, and shows the pages that hold
// every term of the query, in the page's script. See src/search/ for the index format.
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var input = root.querySelector("[data-search-input]");
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var more = root.querySelector("[data-search-more]");
  var word = function (k) { return root.getAttribute("data-" + k) || ""; };
  // A --portable copy writes folder links as `folder/index.html` (src/portable.rs).
  var base = new URL(word("index"), document.baseURI).href.replace(/index\.html$/, "");
  var home = new URL(word("home"), document.baseURI).href;
  var lang = word("lang");
  var PAGE = 10;
  var HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2FA1F}\u{30000}-\u{3134F}]/u;
  var WORDCHAR = /[\p{Alphabetic}\p{N}]/u;
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGITS = new Array(128).fill(0);
  for (var d = 0; d < ALPHABET.length; d++) DIGITS[ALPHABET.charCodeAt(d)] = d;
  var loading = {};
  var waiting = {};
  var fold = new Map();
  var toHant = new Map();
  // The characters folding or conversion changes, so that long texts are scanned natively.
  var foldRe = /[A-Z\uFF01-\uFF5E\u3000]/g;
  var convertRe = { "zh-hans": null, "zh-hant": null };
  var manifest = null;
  var current = 0;

  function settle(name, value) {
    var done = waiting[name];
    delete waiting[name];
    if (done) done(value);
  }
  window.tongwenSearch = {
    manifest: function (m) { settle("manifest", m); },
    shard: function (n, text) { settle("s/" + n, parseShard(text)); },
    doc: function (id, record) { settle("d/" + id, record); }
  };

  // Loads search-index/NAME.js; `missing` is the value when the file does not exist.
  function load(name, missing) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var script = document.createElement("script");
        script.src = base + name + ".js";
        script.onload = function () { script.remove(); settle(name, missing); };
        script.onerror = function () {
          script.remove();
          delete loading[name];
          delete waiting[name];
          if (missing !== undefined) resolve(missing); else reject(new Error(name));
        };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  function loadManifest() {
    return load("manifest").then(function (m) {
      if (!manifest) {
        manifest = m;
        var pairs = Array.from(m.fold);
        var many = new Set();
        for (var i = 0; i + 1 < pairs.length; i += 2) {
          fold.set(pairs[i], pairs[i + 1]);
          // The conversion to traditional, as src/search/fold.rs makes it: the one
          // character that folds to a simplified one, or the manifest's preferred one.
          if (toHant.has(pairs[i + 1])) many.add(pairs[i + 1]); else toHant.set(pairs[i + 1], pairs[i]);
        }
        many.forEach(function (c) { toHant.delete(c); });
        var preferred = Array.from(m.hant || "");
        for (var j = 0; j + 1 < preferred.length; j += 2) toHant.set(preferred[j], preferred[j + 1]);
        foldRe = new RegExp("[A-Z\\uFF01-\\uFF5E\\u3000" + charClass(fold) + "]", "gu");
        convertRe["zh-hans"] = new RegExp("[" + charClass(fold) + "]", "gu");
        convertRe["zh-hant"] = new RegExp("[" + charClass(toHant) + "]", "gu");
      }
      return manifest;
    });
  }

  // The same folding as src/search/fold.rs, one character for one character.
  function foldChar(c) {
    var cp = c.codePointAt(0);
    if (cp >= 65 && cp <= 90) return String.fromCharCode(cp + 32);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      cp -= 0xFEE0;
      return String.fromCharCode(cp >= 65 && cp <= 90 ? cp + 32 : cp);
    }
    if (cp === 0x3000) return " ";
    if (cp < 128) return c;
    var to = fold.get(c);
    return to && to.length === c.length ? to : c;
  }
  function foldText(text) {
    return text.replace(foldRe, foldChar);
  }
  function charClass(table) {
    return Array.from(table.keys()).join("").replace(/[\\\]\[^-]/g, "\\$&");
  }

  // `text` in the script of `code` character by character, as `Fold::convert_chars`:
  // what the changes of a document file start from.
  function convertChars(text, code) {
    var table = code === "zh-hant" ? toHant : fold;
    var re = convertRe[code];
    return re ? text.replace(re, function (c) { return table.get(c) || c; }) : text;
  }

  // Han runs and words of folded text, as src/search/tokens.rs splits them.
  function runs(text) {
    var out = [];
    var cur = null;
    for (var c of text) {
      var kind = HAN.test(c) ? "han" : WORDCHAR.test(c) ? "word" : null;
      if (cur && cur.kind === kind) { cur.text += c; continue; }
      if (cur) out.push(cur);
      cur = kind ? { kind: kind, text: c } : null;
    }
    if (cur) out.push(cur);
    return out;
  }
  function keysOf(part) {
    if (part.kind === "word") return [part.text];
    var chars = Array.from(part.text);
    if (chars.length === 1) return chars;
    var keys = [];
    for (var i = 0; i + 1 < chars.length; i++) keys.push(chars[i] + chars[i + 1]);
    return keys;
  }
  function shardOf(key, shards) {
    var h = 0x811C9DC5;
    for (var c of key) { h ^= c.codePointAt(0); h = Math.imul(h, 0x01000193) >>> 0; }
    return h % Math.max(1, shards);
  }
  // A posting list as src/search/postings.rs writes it: document ids ascending (`ids`)
  // with the bits of where the key is in each (`vals`), in typed arrays: a common key of a
  // large site lists most of its documents.
  function decode(text) {
    var ids = new Int32Array(text.length), vals = new Int32Array(text.length), n = 0;
    var prev = -1, value = 0, titled = false;
    for (var i = 0; i < text.length; i++) {
      var code = DIGITS[text.charCodeAt(i)];
      value = value * 32 + (code & 31);
      if (code < 32) continue;
      if (titled) {
        vals[n - 1] = value;
        titled = false;
      } else {
        prev += Math.floor(value / 2);
        ids[n] = prev;
        vals[n++] = 1;
        titled = value % 2 === 1;
      }
      value = 0;
    }
    return { ids: ids, vals: vals, n: n };
  }
  var NONE = { ids: new Int32Array(0), vals: new Int32Array(0), n: 0 };
  // The documents of both lists, ascending, each with `join(a's value, b's value)`.
  function intersect(a, b, join) {
    var size = Math.min(a.n, b.n), ids = new Int32Array(size), vals = new Int32Array(size), n = 0;
    for (var i = 0, j = 0; i < a.n && j < b.n;) {
      if (a.ids[i] < b.ids[j]) i++;
      else if (a.ids[i] > b.ids[j]) j++;
      else { ids[n] = a.ids[i]; vals[n++] = join(a.vals[i++], b.vals[j++]); }
    }
    return { ids: ids, vals: vals, n: n };
  }
  // A shard's text: a key, a space, its postings, a space, and so on.
  function parseShard(text) {
    var keys = new Map();
    var items = text ? text.split(" ") : [];
    for (var i = 0; i + 1 < items.length; i += 2) keys.set(items[i], items[i + 1]);
    return keys;
  }
  function weight(bits) { return bits & 4 ? 100 : bits & 2 ? 10 : 1; }

  // Candidates for `query`, best first: every part's keys in the document, ranked by
  // where the parts are (title, fields and tags, body), ties to the newest (lower id).
  function find(query) {
    // Folding needs the manifest's table: a traditional query typed first must wait for it.
    return loadManifest().then(function (m) {
      var parts = [];
      query.split(/\s+/).forEach(function (term) { parts = parts.concat(runs(foldText(term))); });
      if (!parts.length) return null;
      var shards = {};
      parts.forEach(function (p) { keysOf(p).forEach(function (k) { shards[shardOf(k, m.shards)] = true; }); });
      return Promise.all(Object.keys(shards).map(function (n) {
        return load("s/" + n, new Map()).then(function (keys) { return [n, keys]; });
      })).then(function (loaded) {
        var byShard = new Map(loaded);
        var scores = null;
        parts.forEach(function (p) {
          var docs = null;
          keysOf(p).forEach(function (k) {
            var keys = byShard.get(String(shardOf(k, m.shards))) || new Map();
            var posting = keys.has(k) ? decode(keys.get(k)) : NONE;
            docs = docs ? intersect(docs, posting, function (a, b) { return a & b; }) : posting;
          });
          var weighted = { ids: docs.ids, vals: docs.vals.subarray(0, docs.n).map(weight), n: docs.n };
          scores = scores ? intersect(scores, weighted, function (a, b) { return a + b; }) : weighted;
        });
        // Highest score first, ids ascending within a score: a few passes, no sort of all.
        var values = scores.vals.subarray(0, scores.n);
        var ranked = [];
        Array.from(new Set(values)).sort(function (a, b) { return b - a; }).forEach(function (score) {
          for (var i = 0; i < scores.n; i++) if (values[i] === score) ranked.push(scores.ids[i]);
        });
        var confirm = parts.some(function (p) { return p.kind === "han" && Array.from(p.text).length > 2; });
        return { parts: parts, ranked: ranked, confirm: confirm };
      });
    });
  }

  // `base` with `changes` applied, as src/search/diff.rs writes them: a count of characters
  // kept, then characters that replace as many, or `!DEL,LEN,TEXT`.
  function applyChanges(base, changes) {
    if (!changes) return base;
    var from = Array.from(base), ops = Array.from(changes);
    var out = "", at = 0, i = 0;
    function number() {
      var n = "";
      while (i < ops.length && ops[i] >= "0" && ops[i] <= "9") n += ops[i++];
      return Number(n);
    }
    while (i < ops.length) {
      var gap = number();
      out += from.slice(at, at + gap).join("");
      at += gap;
      if (ops[i] === "!") {
        i++;
        var deleted = number();
        i++;
        var len = number();
        i++;
        out += ops.slice(i, i + len).join("");
        i += len;
        at += deleted;
      } else {
        var start = i;
        while (i < ops.length && !(ops[i] >= "0" && ops[i] <= "9") && ops[i] !== "!") i++;
        out += ops.slice(start, i).join("");
        at += i - start;
      }
    }
    return out + from.slice(at).join("");
  }

  // A document file's record as the reader's language shows it: the first language's
  // texts, with this language's changes applied.
  function inLang(record) {
    if (lang === manifest.langs[0]) return record;
    var changes = (record.x || {})[lang] || {};
    var out = { u: record.u, k: record.k };
    ["d", "t", "m", "b"].forEach(function (f) { out[f] = applyChanges(convertChars(record[f], lang), changes[f]); });
    return out;
  }

  function holds(record, parts) {
    var text = foldText(record.t + "\n" + record.m + "\n" + record.b);
    return parts.every(function (p) { return p.kind !== "han" || text.indexOf(p.text) >= 0; });
  }

  // `text` with every part marked, as DOM nodes appended to `el`.
  function mark(el, text, parts) {
    var folded = foldText(text);
    var ranges = [];
    parts.forEach(function (p) {
      for (var at = folded.indexOf(p.text); at >= 0; at = folded.indexOf(p.text, at + p.text.length)) {
        ranges.push([at, at + p.text.length]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] < pos) return;
      el.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      pos = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(pos)));
  }

  function snippet(record, parts) {
    var sources = [record.b, record.m];
    for (var s = 0; s < sources.length; s++) {
      var folded = foldText(sources[s]);
      var first = -1;
      parts.forEach(function (p) {
        var at = folded.indexOf(p.text);
        if (at >= 0 && (first < 0 || at < first)) first = at;
      });
      if (first >= 0) {
        var from = Math.max(0, first - 30);
        var to = Math.min(sources[s].length, first + 70);
        return (from > 0 ? "…" : "") + sources[s].slice(from, to).replace(/\s+/g, " ") + (to < sources[s].length ? "…" : "");
      }
    }
    var start = record.b.slice(0, 100).replace(/\s+/g, " ");
    return start + (record.b.length > 100 ? "…" : "");
  }

  function href(record) {
    var url = new URL(record.u, home).href;
    if (location.protocol === "file:" && url.slice(-1) === "/") url += "index.html";
    return url;
  }

  function item(record, parts) {
    var li = document.createElement("li");
    li.className = "search-result";
    var meta = document.createElement("p");
    meta.className = "search-meta";
    var kind = document.createElement("span");
    kind.className = "search-kind";
    kind.textContent = word("kind-" + record.k);
    meta.appendChild(kind);
    if (record.d) meta.appendChild(document.createTextNode(record.d));
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = href(record);
    mark(a, record.t, parts);
    h.appendChild(a);
    var p = document.createElement("p");
    p.className = "search-snippet";
    mark(p, snippet(record, parts), parts);
    li.appendChild(meta);
    li.appendChild(h);
    li.appendChild(p);
    return li;
  }

  function say(text) { status.textContent = text; }
  // The moment a query's results (or its no-result message) are on screen, after the
  // "tongwen-search-input" mark of its keystroke: benches/search.rs reads both.
  function shown(query) { performance.mark("tongwen-search-shown", { detail: query }); }
  function count(found) {
    var all = found.next >= found.ranked.length;
    var n = found.confirm ? (all ? found.shown : found.shown + found.ranked.length - found.next) : found.ranked.length;
    return word(found.confirm && !all ? "count-about" : "count").replace("{n}", n);
  }

  // Shows the next page of results: documents loaded in rank order, each confirmed to
  // hold every part contiguously, until PAGE more are shown or none are left. Once one is
  // shown, a page checks at most 2 * PAGE documents (pairs that occur apart load pages
  // in vain); "more" goes on from there.
  function showMore(found, run) {
    var shownBefore = found.shown, nextBefore = found.next;
    function step() {
      if (run !== current) return Promise.resolve();
      if (found.shown - shownBefore >= PAGE || found.next >= found.ranked.length) return Promise.resolve();
      if (found.shown > shownBefore && found.next - nextBefore >= 2 * PAGE) return Promise.resolve();
      var batch = found.ranked.slice(found.next, found.next + PAGE - (found.shown - shownBefore));
      found.next += batch.length;
      return Promise.all(batch.map(function (id) { return load("d/" + id, null); })).then(function (records) {
        if (run !== current) return;
        records.forEach(function (r) {
          if (r && (!found.confirm || holds(r, found.parts))) {
            list.appendChild(item(inLang(r), found.parts));
            found.shown += 1;
          }
        });
        return step();
      });
    }
    return step().then(function () {
      if (run !== current) return;
      more.hidden = found.next >= found.ranked.length;
      if (found.shown === 0) say(word("none").replace("{q}", found.query));
      else say(count(found));
      shown(found.query);
    });
  }

  function search(query) {
    var run = ++current;
    list.textContent = "";
    more.hidden = true;
    query = query.trim();
    if (!query) { say(word("empty")); return Promise.resolve(); }
    say(word("loading"));
    return find(query).then(function (found) {
      if (run !== current) return;
      if (!found) { say(word("none").replace("{q}", query)); shown(query); return; }
      found.query = query;
      found.next = 0;
      found.shown = 0;
      more.onclick = function () { showMore(found, current); };
      return showMore(found, run);
    }).catch(function () {
      if (run === current) say(word("failed"));
    });
  }

  function remember(query) {
    try {
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(null, "", url.href);
    } catch (e) { /* file:// pages may refuse; the query still runs */ }
  }

  input.addEventListener("input", function (event) {
    performance.mark("tongwen-search-input", { startTime: event.timeStamp });
    remember(input.value.trim());
    search(input.value);
  });
  root.querySelector(".search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    remember(input.value.trim());
    search(input.value);
  });
  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  if (initial) search(initial);
  else {
    say(word("empty"));
    // While the reader types: the manifest (the fold table) is needed by any query.
    loadManifest().catch(function () { /* the query will say it failed */ });
  }
})();
