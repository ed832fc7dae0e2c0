// The search engine's pure parts: terms, postings and ranking, as generator/output/search_format.py defines
// them. No page, no network: the page's script (search.js) fetches the files and shows the results, and the
// tests run these functions in Node against the same strings as the Python side (tests/test_search_format.py).
// `fmt` is the description the index carries in meta.json ("format").

export const VERSION = 2; // the index format this engine reads; another version is refused

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
