"""One search format: the engine in the page (search-engine.js) and the index builder (search_format.py) read
the same strings the same way. The engine's own tests run in Node, without a browser; the same vectors go
through both languages here and must come out the same."""
from __future__ import annotations

import json
import shutil
import subprocess
from array import array

import pytest

from conftest import PROJECT
from generator.output import search_format as fmt

ENGINE = PROJECT / "theme" / "assets" / "javascripts" / "search-engine.js"
VECTORS = ["示例市东城区宏安消防器材有限公司", "示例市监处罚〔２０２６〕11号", "ＭＦＺ/ABC-4 手提式", "灯", "，。、",
           "㐀𠀀豈", "Ⅱ型①号", "abc DEF", "9144 0300 MA5F 2K12 34", "宏安　安消",
           "示例南市监罚字〔２０２６〕００２９号", "0", "a00b0c"]


@pytest.fixture(scope="session")
def engine_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("engine")
    shutil.copy(ENGINE, folder / "engine.mjs")
    shutil.copy(PROJECT / "tests" / "js" / "search_engine.test.mjs", folder)
    (folder / "format.json").write_text(json.dumps(fmt.description(), ensure_ascii=False), encoding="utf-8")
    return folder


def test_the_engine_passes_its_own_tests_in_node(engine_dir):
    done = subprocess.run(["node", "--test", str(engine_dir / "search_engine.test.mjs")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass 13" in done.stdout


def test_python_and_javascript_read_the_same_strings_the_same_way(engine_dir):
    postings = array("I", [fmt.posting(n, length, bits) for n, length, bits in
                           [(0, 5, fmt.TITLE | fmt.LEAD), (3, 31, fmt.CODE), (4, 40, fmt.OTHER), (900, 2, fmt.TITLE)]])
    encoded = fmt.encode(postings)
    script = f"""
import * as e from "./engine.mjs";
import {{ readFileSync }} from "node:fs";
const f = JSON.parse(readFileSync("./format.json", "utf-8"));
const vectors = {json.dumps(VECTORS, ensure_ascii=False)};
const bytes = Uint8Array.from({json.dumps(list(encoded))});
const p = e.decode(bytes, 0, {len(postings)}, f);
console.log(JSON.stringify({{
  normalise: vectors.map(v => e.normalise(v, f)), bigrams: vectors.map(v => e.bigrams(v, f)),
  numberKey: vectors.map(v => e.numberKey(v, f)),
  hash: vectors.map(v => e.fnv1a(e.normalise(v, f))), shard: vectors.map(v => e.shardFile(e.normalise(v, f), f)),
  decoded: Array.from(p.numbers).map((n, i) => [n, p.lengths[i], p.bits[i]]),
  version: e.VERSION,
}}));
"""
    (engine_dir / "vectors.mjs").write_text(script, encoding="utf-8")
    done = subprocess.run(["node", "vectors.mjs"], cwd=engine_dir, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    js = json.loads(done.stdout)
    assert js["normalise"] == [fmt.normalise(v) for v in VECTORS]
    assert js["bigrams"] == [fmt.bigrams(v) for v in VECTORS]
    assert js["numberKey"] == [fmt.number_key(v) for v in VECTORS]
    assert js["hash"] == [fmt.fnv1a(fmt.normalise(v)) for v in VECTORS]
    assert js["shard"] == [f"t/{fmt.shard_of(fmt.normalise(v)):03d}.bin" for v in VECTORS]
    assert js["decoded"] == [list(p) for p in fmt.decode(encoded, 0, len(postings))]
    assert js["decoded"][2][1] == 31  # a name longer than the field holds is capped, in both
    assert js["version"] == fmt.VERSION


def test_the_built_index_says_its_format_and_version(sample_site):
    meta = json.loads((sample_site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == fmt.VERSION and meta["format"] == fmt.description()
    header, body = _first_shard(sample_site)
    term, entry = next((t, e) for t, e in header.items() if len(e) == 2 and e[0] > 1)
    numbers = [n for n, _, _ in fmt.decode(body, entry[1], entry[0])]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def _first_shard(site):
    import gzip

    for path in sorted((site / "search" / "t").glob("*.bin")):
        data = gzip.decompress(path.read_bytes())
        cut = data.index(b"\n")
        header = json.loads(data[:cut])
        if any(len(e) == 2 and e[0] > 1 for e in header.values()):
            return header, data[cut + 1:]
    raise AssertionError("no shard with a list of two or more postings")


def test_the_builders_posting_lists_are_the_formats_encoding_of_each_terms_documents():
    # The builder makes every posting list at once in array operations; each must be exactly what encode()
    # (the format's definition, read by the engine above) gives for the term's documents, fields and name length.
    import gzip

    from generator.output.search_builder import Document, IndexBuilder, gzipped, terms_of

    names = ["示例市宏安消防器材有限公司", "示例市宏远电器商行", "示例市安达燃气具有限公司", "宏安达", "示例市东城区宏安建材店"]
    docs = [Document(url=f"cases/{n}/", title=name, subtitle="", date="", type_index=0, product="灭火器",
                     fields=[(fmt.TITLE, name), (fmt.OTHER, "销售不合格灭火器")], lead=name.removeprefix("示例市"))
            for n, name in enumerate(names)]
    expected: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        length = len(fmt.normalise(doc.lead))
        for term, bits in terms_of(doc).items():
            expected.setdefault(term, []).append(fmt.posting(number, length, bits))
    builder = IndexBuilder([{"name": "cases"}, {"name": "pages"}])
    for doc in docs:
        builder.add(doc)
    files = {path: gzip.decompress(gzipped(data)) if packed else data for path, data, packed in builder.files()}
    assert len(expected) > 30
    for term, postings in expected.items():
        shard = files[f"t/{fmt.shard_of(term):03d}.bin"]
        header, body = shard.split(b"\n", 1)
        count, offset = json.loads(header)[term]
        assert count == len(postings)
        assert body[offset:offset + 4 * count] == fmt.encode(array("I", postings)), term
