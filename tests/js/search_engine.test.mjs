// The search engine's pure functions, in Node's own test runner (no browser). Run by tests/test_search_format.py,
// which copies theme/assets/javascripts/search-engine.js beside this file as engine.mjs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as engine from "./engine.mjs";

const fmt = JSON.parse(readFileSync(new URL("./format.json", import.meta.url), "utf-8"));

test("a query is normalised as the index was: full width, brackets and spaces do not matter", () => {
  assert.equal(engine.normalise("示例市监处罚〔２０２６〕11号 ", fmt), "示例市监处罚202611号");
  assert.equal(engine.normalise("ｍｆｚ/abc-4", fmt), "MFZABC4");
  assert.deepEqual(engine.bigrams("宏安消防", fmt), ["宏安", "安消", "消防"]);
  assert.deepEqual(engine.bigrams("灯", fmt), ["灯"]);
  assert.deepEqual(engine.bigrams("，。", fmt), []);
});

test("the hash is 32-bit FNV-1a of UTF-8, so the shard a term lives in is the one the builder wrote", () => {
  assert.equal(engine.fnv1a(""), 0x811c9dc5);
  assert.equal(engine.fnv1a("a"), 0xe40c292c);
  assert.match(engine.shardFile("宏安", fmt), /^t\/\d{3}\.bin$/);
  assert.match(engine.bigFile("宏安"), /^b\/[0-9a-f]{8}\.bin$/);
});

test("postings decode into document numbers, name lengths and field bits", () => {
  const shift = 2 ** fmt.numberShift;
  const values = [0 * shift + (7 << fmt.fieldBits) + fmt.title, 2 * shift + (31 << fmt.fieldBits) + fmt.code];
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v, true));
  const p = engine.decode(bytes, 0, 2, fmt);
  assert.deepEqual(Array.from(p.numbers), [0, 3]);
  assert.deepEqual(Array.from(p.lengths), [7, 31]);
  assert.deepEqual(Array.from(p.bits), [fmt.title, fmt.code]);
});

test("an index of another version is refused", () => {
  assert.equal(engine.supports({ version: engine.VERSION, format: { version: engine.VERSION } }), true);
  assert.equal(engine.supports({ version: engine.VERSION + 1, format: { version: engine.VERSION + 1 } }), false);
  assert.equal(engine.supports({ version: 1 }), false);
});

test("a name starts with its trade name once the region is taken off", () => {
  const parts = engine.regionParts(["示例市东城区", "示例省"], fmt);
  assert.equal(engine.withoutRegion("示例市东城区宏安消防器材有限公司", parts), "宏安消防器材有限公司");
  assert.equal(engine.withoutRegion("示例市", parts), "示例市");  // never to nothing
});

test("codes and numbers are recognised however they are typed", () => {
  assert.equal(engine.isCreditCode("91440300MA5F2K1234"), true);
  assert.equal(engine.isCreditCode("ABCDEFGHIJKLMNOPQR"), false);
  assert.equal(engine.isNumberLike("示例市监处罚〔2026〕11号", "示例市监处罚202611号"), true);
  assert.equal(engine.isNumberLike("宏安 灭火器", "宏安灭火器"), false);
  const q = engine.queryTerms("示例市监处罚 2026 11号", new Set(), fmt);
  assert.ok(q.terms.includes("罚2") && new Set(q.wordOf.values()).size === 1);  // one number, one word
  const words = engine.queryTerms("宏安 灭火器", new Set(["火器"]), fmt);
  assert.deepEqual(words.terms, ["宏安", "灭火"]);
});

test("ranking: the trade name first, then the name, a code, the rest; closer lengths first", () => {
  const lead = fmt.lead, title = fmt.title, code = fmt.code, other = fmt.other;
  assert.deepEqual(engine.rank(title, lead, 6, 6, fmt), [0, 0]);
  assert.deepEqual(engine.rank(title, 0, 10, 6, fmt), [1, 4]);
  assert.deepEqual(engine.rank(code, 0, 10, 6, fmt), [2, 0]);
  assert.deepEqual(engine.rank(other, 0, 10, 6, fmt), [3, 0]);
  assert.ok(engine.compareRank([0, 3], [1, 0]) < 0 && engine.compareRank([1, 1], [1, 2]) < 0);
});

test("a number is one key however its zeros and brackets are written", () => {
  assert.equal(engine.numberKey("示例南市监罚字〔2026〕0029号", fmt), engine.numberKey("示例南市监罚字[2026]29号", fmt));
  assert.equal(engine.numberKey("０００７", fmt), "7");
  assert.equal(engine.numberKey("000", fmt), "0");
});

test("results are grouped by party, the gravest record first in each group", () => {
  const party = { 1: "a", 2: "b", 3: "a", 4: "c", 5: "b" }, gravity = { 1: 0, 2: 0, 3: 1, 4: 0, 5: 0 };
  const groups = engine.groupByParty([1, 2, 3, 4, 5], (n) => party[n], (n) => gravity[n]);
  assert.deepEqual(groups.map((g) => [g.party, g.numbers]), [["a", [3, 1]], ["b", [2, 5]], ["c", [4]]]);
});

test("one character wrong, added or left out still finds a name; two do not", () => {
  assert.equal(engine.nearlyContains("宏安消访", "示例市宏安消防器材有限公司", 1), true);   // changed
  assert.equal(engine.nearlyContains("宏安消防防", "示例市宏安消防器材有限公司", 1), true); // added
  assert.equal(engine.nearlyContains("宏消防", "示例市宏安消防器材有限公司", 1), true);     // left out
  assert.equal(engine.nearlyContains("宏女消访", "示例市宏安消防器材有限公司", 1), false);  // two
  assert.deepEqual(engine.nearCandidates([[1, 2, 3], [2, 3], [3, 9]], 1, 10), [3, 2]);
});

test("the query's words are marked where they stand, whole or by their pieces", () => {
  assert.deepEqual(engine.marks("示例市宏安消防器材有限公司", ["宏安"]), [[3, 5]]);
  assert.deepEqual(engine.marks("ＭＦＺ/ABC-4 灭火器", ["mfz"]), [[0, 3]]);
  assert.deepEqual(engine.marks("宏安消防器材", ["宏安器材"]), [[0, 2], [4, 6]]);
  assert.deepEqual(engine.marks("无关", ["宏安"]), []);
});

test("a word naming a region or a product becomes its filter", () => {
  const found = engine.filterWords("宏安 东城区 灭火器", ["示例市东城区", "示例市城南区"], ["灭火器"], fmt);
  assert.deepEqual(found, { words: ["宏安"], region: "示例市东城区", product: "灭火器" });
  const shared = engine.filterWords("示例市", ["示例市东城区", "示例市城南区"], [], fmt);
  assert.deepEqual(shared, { words: ["示例市"], region: "", product: "" });  // a part two regions share: a word
});

test("page numbers: the first, the last and two either side", () => {
  assert.deepEqual(engine.pageWindow(1, 1), [1]);
  assert.deepEqual(engine.pageWindow(5, 12), [1, 0, 3, 4, 5, 6, 7, 0, 12]);
  assert.deepEqual(engine.pageWindow(2, 4), [1, 2, 3, 4]);
});
