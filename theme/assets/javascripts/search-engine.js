// The search engine's pure parts: terms, postings and ranking, as generator/output/search_format.py defines
// them. No page, no network: the page's script (search.js) fetches the files and shows the results, and the
// tests run these functions in Node against the same strings as the Python side (tests/test_search_format.py).
// `fmt` is the description the index carries in meta.json ("format").

export const VERSION = 3; // the index format this engine reads; another version is refused

export function supports(meta) {
  return !!meta && meta.version === VERSION && !!meta.format && meta.format.version === VERSION;
}

const patterns = new Map();
function notIndexed(fmt) {
  if (!patterns.has(fmt.notIndexed)) patterns.set(fmt.notIndexed, new RegExp(fmt.notIndexed, "g"));
  return patterns.get(fmt.notIndexed);
}

// What is indexed and searched: NFKC, upper case, only CJK letters, digits and Latin letters.
export function normalise(text, fmt) {
  return String(text).normalize("NFKC").toUpperCase().replace(notIndexed(fmt), "");
}

export function bigrams(text, fmt) {
  const t = normalise(text, fmt), out = [];
  if (t.length === 1) out.push(t);
  for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
  return out;
}

// A number as typed any way: each run of digits without its leading zeros, then normalised, so that
// 〔2026〕0029号 and [2026]29号 are one key (search_format.number_key).
export function numberKey(text, fmt) {
  const digits = String(text).normalize("NFKC").replace(/[0-9]+/g, function (run) { return run.replace(/^0+(?=[0-9])/, ""); });
  return normalise(digits, fmt);
}

// 32-bit FNV-1a of the term's UTF-8 bytes.
export function fnv1a(term) {
  const bytes = new TextEncoder().encode(term);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
  return h >>> 0;
}

export function pad(n, width) {
  let s = String(n);
  while (s.length < width) s = "0" + s;
  return s;
}

export function shardFile(term, fmt) { return "t/" + pad(fnv1a(term) % fmt.shards, 3) + ".bin"; }
export function bigFile(term) { return "b/" + ("00000000" + fnv1a(term).toString(16)).slice(-8) + ".bin"; }

// `count` postings at `offset`: document numbers, and per posting the name length and field bits.
export function decode(bytes, offset, count, fmt) {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
  const numbers = new Int32Array(count), lengths = new Uint8Array(count), bits = new Uint8Array(count);
  const lengthMask = (1 << fmt.lengthBits) - 1, bitMask = (1 << fmt.fieldBits) - 1;
  let n = -1;
  for (let i = 0; i < count; i++) {
    const v = view.getUint32(i * 4, true);
    n += 1 + Math.floor(v / 2 ** fmt.numberShift);
    numbers[i] = n;
    lengths[i] = (v >>> fmt.fieldBits) & lengthMask;
    bits[i] = v & bitMask;
  }
  return { numbers: numbers, lengths: lengths, bits: bits };
}

// The pieces a company name may start with (示例市, 东城区), longest first, from the regions the index knows.
export function regionParts(regions, fmt) {
  const parts = new Set(), pattern = new RegExp(fmt.regionPart, "g");
  regions.forEach(function (r) { (normalise(r, fmt).match(pattern) || []).forEach(function (p) { parts.add(p); }); });
  return Array.from(parts).sort(function (a, b) { return b.length - a.length; });
}

// A name or a query without the region it starts with: what is left begins with the trade name (字号).
export function withoutRegion(text, parts) {
  for (let again = true; again;) {
    again = false;
    for (const part of parts) {
      if (text.length > part.length && text.indexOf(part) === 0) {
        text = text.slice(part.length);
        again = true;
        break;
      }
    }
  }
  return text;
}

// A credit code, however it was typed: 18 letters and digits with at least one digit.
export function isCreditCode(compact) {
  return /^[0-9A-Z]{18}$/.test(compact) && /[0-9]/.test(compact);
}

// A decision or listing number, with any brackets or spaces: looked up as one exact term first.
export function isNumberLike(query, compact) {
  return /[0-9]/.test(compact) && compact.length >= 6 && !/\s/.test(query.trim().replace(/[0-9]\s+[0-9]/g, ""));
}

// The terms of a query and the word each comes from; a document number is one word however it is spaced.
export function queryTerms(query, stop, fmt) {
  const terms = [], wordOf = new Map();
  const number = /[0-9]\s*号|[〔［\[（(【]\s*[0-9]{4}/.test(query);
  (number ? [query] : query.split(/\s+/)).forEach(function (word, w) {
    bigrams(word, fmt).forEach(function (t) {
      if (!stop.has(t) && terms.indexOf(t) < 0) { terms.push(t); wordOf.set(t, w); }
    });
  });
  return { terms: terms, wordOf: wordOf };
}

// Rank of a record found by every word: tier 0, every word in the name with one where the trade name stands;
// 1, every word in the name; 2, in a code; 3, elsewhere. Within tiers 0 and 1, names closest in length
// (after the region) to the query come first.
export function rank(bits, lead, length, queryLength, fmt) {
  const tier = (bits & fmt.title) ? (lead ? 0 : 1) : (bits & fmt.code) ? 2 : 3;
  const cap = (1 << fmt.lengthBits) - 1;
  return [tier, tier <= 1 ? Math.abs(length - Math.min(queryLength, cap)) : 0];
}

export function compareRank(x, y) {
  return x[0] - y[0] || x[1] - y[1];
}

// --- what a result page shows -------------------------------------------------------------------------------

// Results grouped by party, in the order of each group's best member (`numbers` come best first); within a
// group the gravest record type first (the blacklist before cases), then as they came.
export function groupByParty(numbers, partyOf, gravityOf) {
  const groups = new Map(), out = [];
  numbers.forEach(function (n) {
    const party = partyOf(n);
    let group = groups.get(party);
    if (!group) {
      group = { party: party, numbers: [] };
      groups.set(party, group);
      out.push(group);
    }
    group.numbers.push(n);
  });
  out.forEach(function (group) {
    const place = new Map(group.numbers.map(function (n, i) { return [n, i]; }));
    group.numbers.sort(function (a, b) { return gravityOf(b) - gravityOf(a) || place.get(a) - place.get(b); });
  });
  return out;
}

// Whether `needle` stands in `hay` with at most `edits` characters changed, added or left out (Sellers'
// algorithm: an edit distance where the match may start and end anywhere in `hay`).
export function nearlyContains(needle, hay, edits) {
  const a = Array.from(needle), b = Array.from(hay), m = a.length;
  if (m <= edits) return true;
  let previous = [];
  for (let i = 0; i <= m; i++) previous.push(i);
  for (let j = 0; j < b.length; j++) {
    const current = [0];
    for (let i = 1; i <= m; i++) {
      current.push(Math.min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (a[i - 1] === b[j] ? 0 : 1)));
    }
    if (current[m] <= edits) return true;
    previous = current;
  }
  return false;
}

// Documents holding at least all but `missing` of the query's terms, most terms first: where a name was typed
// with one character wrong, added or left out (each breaks at most two bigrams). `lists`: posting number
// arrays, one per term.
export function nearCandidates(lists, missing, limit) {
  const hits = new Map();
  lists.forEach(function (numbers) {
    for (let k = 0; k < numbers.length; k++) hits.set(numbers[k], (hits.get(numbers[k]) || 0) + 1);
  });
  const need = Math.max(1, lists.length - missing);
  return Array.from(hits).filter(function (h) { return h[1] >= need; })
    .sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; }).slice(0, limit).map(function (h) { return h[0]; });
}

function fold(ch) {
  const f = ch.normalize("NFKC").toUpperCase();
  return f.length === 1 ? f : ch;
}

// Where the query's words stand in a text shown as a result: [[start, end]], sorted and merged, for <mark>.
// A word is found as written (letter case and full width aside) or, failing that, by its two-character pieces.
export function marks(text, words) {
  const t = Array.from(String(text)).map(fold).join(""), found = [];
  function all(piece) {
    let at = 0, any = false;
    if (!piece) return false;
    while ((at = t.indexOf(piece, at)) >= 0) {
      found.push([at, at + piece.length]);
      at += piece.length;
      any = true;
    }
    return any;
  }
  words.forEach(function (word) {
    const w = Array.from(String(word).replace(/\s+/g, "")).map(fold).join("");
    if (!all(w) && w.length > 2) for (let i = 0; i + 1 < w.length; i++) all(w.slice(i, i + 2));
  });
  found.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
  const merged = [];
  found.forEach(function (r) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  });
  return merged;
}

// Words of a query that name a region or a product the index knows become filters (a region by its own name
// or by a part of it that only one region has: 东城区); the other words stay the query.
export function filterWords(query, regions, products, fmt) {
  const out = { words: [], region: "", product: "" };
  const byName = new Map(), byPart = new Map();
  regions.forEach(function (r) {
    if (!r) return;
    byName.set(normalise(r, fmt), r);
    (normalise(r, fmt).match(new RegExp(fmt.regionPart, "g")) || []).forEach(function (part) {
      byPart.set(part, byPart.has(part) && byPart.get(part) !== r ? null : r);
    });
  });
  const productByName = new Map();
  products.forEach(function (p) { if (p) productByName.set(normalise(p, fmt), p); });
  String(query).split(/\s+/).forEach(function (word) {
    if (!word) return;
    const key = normalise(word, fmt);
    const region = byName.get(key) || byPart.get(key);
    if (region && !out.region) out.region = region;
    else if (productByName.has(key) && !out.product) out.product = productByName.get(key);
    else out.words.push(word);
  });
  return out;
}

// Page numbers to link: the first, the last, and two either side of this one; 0 marks a gap (as the lists'
// pager does, output/list_pages.Paging.window).
export function pageWindow(page, last) {
  const shown = new Set([1, last]);
  for (let n = Math.max(1, page - 2); n <= Math.min(last, page + 2); n++) shown.add(n);
  const out = [];
  Array.from(shown).sort(function (a, b) { return a - b; }).forEach(function (n) {
    if (out.length && n > out[out.length - 1] + 1) out.push(0);
    out.push(n);
  });
  return out;
}
