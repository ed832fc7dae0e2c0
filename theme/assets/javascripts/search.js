// The site's search page. Reads the static index under search/ (format: generator/output/search_format.py) a
// few small files per query, never the whole index; what terms, postings and ranks are is search-engine.js's.
// Everything shown is inserted as text, never as HTML.
import * as engine from "./search-engine.js";

(function () {
  "use strict";
  var app = document.getElementById("search-app");
  if (!app) return;
  var BASE = app.getAttribute("data-index");
  var PAGE = 20;
  var form = app.querySelector(".search-form");
  var statusEl = app.querySelector(".search-status");
  var list = app.querySelector(".search-results");
  var pagesEl = app.querySelector(".search-pages");
  var filters = app.querySelector(".search-filters");
  var cache = new Map();
  window.__searchBytes = 0; // bytes this page has fetched for search (read by the tests and the benchmark)

  function fetchBytes(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(BASE + path).then(function (res) {
        if (res.status === 404) return null;
        if (!res.ok) throw new Error(path + " " + res.status);
        return res.arrayBuffer();
      }).then(function (buf) {
        if (buf) window.__searchBytes += buf.byteLength;
        return buf;
      }));
    }
    return cache.get(path);
  }
  function json(path) {
    return fetchBytes(path).then(function (buf) { return JSON.parse(new TextDecoder().decode(buf)); });
  }
  function metaOf() {
    return json("meta.json").then(function (meta) {
      if (!engine.supports(meta)) {
        throw new Error("搜索索引的版本与本页的搜索程序不一致（请刷新页面；仍不行请告知网站管理员重新生成网站）");
      }
      return meta;
    });
  }
  var inflated = new Map();
  function gz(path) {
    if (!inflated.has(path)) {
      inflated.set(path, fetchBytes(path).then(function (buf) {
        if (!buf) return null;
        var stream = new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
      }));
    }
    return inflated.get(path);
  }

  // --- postings ------------------------------------------------------------------------------------
  function shard(term, meta) {
    return gz(engine.shardFile(term, meta.format)).then(function (bytes) {
      var cut = bytes.indexOf(10);
      var header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, cut)));
      return { header: header, body: bytes.subarray(cut + 1) };
    });
  }
  function termInfo(term, meta) {
    return shard(term, meta).then(function (s) {
      var entry = s.header[term];
      return entry ? { term: term, df: entry[0], entry: entry, shard: s } : { term: term, df: 0 };
    });
  }
  function postings(info, meta) {
    if (info.entry.length === 2) {
      return Promise.resolve(engine.decode(info.shard.body, info.entry[1], info.df, meta.format));
    }
    return gz(engine.bigFile(info.term)).then(function (bytes) { return engine.decode(bytes, 0, info.df, meta.format); });
  }

  // --- facets --------------------------------------------------------------------------------------
  function facetChunks(numbers, meta, folder) {
    var need = new Set();
    var size = meta.format.facetChunk;
    numbers.forEach(function (n) { need.add(Math.floor(n / size)); });
    var names = Array.from(need);
    return Promise.all(names.map(function (c) { return gz(folder + "/" + engine.pad(c, 3) + ".bin"); })).then(function (parts) {
      var map = new Map();
      names.forEach(function (c, i) { map.set(c, parts[i]); });
      return function (n, slot) { return map.get(Math.floor(n / size))[(n % size) * 3 + slot]; };
    });
  }
  function kindOf(n, meta) {
    for (var k = 0; k < meta.ranges.length; k++) if (n >= meta.ranges[k][0] && n < meta.ranges[k][1]) return k;
    return -1;
  }
  function yearOf(n, meta, kind) {
    var years = meta.years[kind] || [];
    for (var i = 0; i < years.length; i++) if (n >= years[i][1] && n < years[i][2]) return years[i][0];
    return 0;
  }

  // --- one search ----------------------------------------------------------------------------------
  var regionParts = null;
  function withoutRegion(text, meta) {
    if (!regionParts) regionParts = engine.regionParts(meta.regions, meta.format);
    return engine.withoutRegion(text, regionParts);
  }
  function exact(term, meta) {
    return termInfo(term, meta).then(function (info) {
      if (!info.df) return null;
      return postings(info, meta).then(function (p) {
        var rank = new Map();
        p.numbers.forEach(function (n) { rank.set(n, [0, 0]); });
        return { numbers: Array.from(p.numbers), rank: rank, terms: 1 };
      });
    });
  }
  function candidates(state, meta) {
    var compact = engine.normalise(state.q, meta.format);
    if (engine.isCreditCode(compact)) {  // a credit code, however it was typed
      return exact("#" + compact, meta).then(function (found) {
        return found || { numbers: [], rank: new Map(), terms: 1 };
      });
    }
    // a decision or listing number, with any brackets or spaces: the record that has exactly it, if any
    if (engine.isNumberLike(state.q, compact)) {
      return exact("#" + compact, meta).then(function (found) { return found || byWords(state, meta, compact); });
    }
    return byWords(state, meta, compact);
  }
  function byWords(state, meta, compact) {
    var query = engine.queryTerms(state.q, new Set(meta.stop), meta.format);
    var terms = query.terms, wordOf = query.wordOf;
    if (!terms.length) return Promise.resolve(null);  // nothing to look up: browse by the filters alone
    var queryLength = withoutRegion(compact, meta).length;
    return Promise.all(terms.map(function (t) {
      return termInfo(t, meta).then(function (info) { info.word = wordOf.get(t); return info; });
    })).then(function (infos) {
      if (infos.some(function (i) { return !i.df; })) return { numbers: [], rank: new Map(), terms: terms.length };
      infos.sort(function (a, b) { return a.df - b.df; });
      var current = null, bits = null, lead = null, seen = new Map();
      function step(i) {
        // enough: a few hundred candidates need no further large list of a word of which three pieces were
        // already looked up (a long name); every word, and every piece of a short one, is always looked up
        if (i === infos.length) return Promise.resolve();
        var word = infos[i].word;
        if (current && current.size <= 300 && infos[i].entry.length === 1 && (seen.get(word) || 0) >= 3) {
          return step(i + 1);
        }
        seen.set(word, (seen.get(word) || 0) + 1);
        return postings(infos[i], meta).then(function (p) {
          var next = new Map(), nextBits = new Map(), nextLead = new Map(), LEAD = meta.format.lead;
          for (var k = 0; k < p.numbers.length; k++) {
            var n = p.numbers[k];
            if (current && !current.has(n)) continue;
            next.set(n, p.lengths[k]);
            nextBits.set(n, (bits ? bits.get(n) : 0xff) & p.bits[k]);
            nextLead.set(n, (lead ? lead.get(n) : 0) | (p.bits[k] & LEAD));
          }
          current = next;
          bits = nextBits;
          lead = nextLead;
          return step(i + 1);
        });
      }
      return step(0).then(function () {
        var rank = new Map();
        current.forEach(function (length, n) {
          rank.set(n, engine.rank(bits.get(n), lead.get(n), length, queryLength, meta.format));
        });
        return { numbers: Array.from(current.keys()).sort(function (a, b) { return a - b; }), rank: rank,
                 terms: terms.length };
      });
    });
  }

  function everything(state, meta) {
    var numbers = [];
    meta.ranges.forEach(function (r, kind) {
      if (meta.types[kind].name === "pages") return;
      if (state.type !== "" && String(kind) !== state.type) return;
      for (var n = r[0]; n < r[1]; n++) numbers.push(n);
    });
    return { numbers: numbers, rank: null, browse: true };
  }

  function campaignSet(state, meta) {
    if (!state.campaign) return Promise.resolve(null);
    return termInfo("~" + state.campaign, meta).then(function (info) {
      return info.df ? postings(info, meta).then(function (p) { return new Set(p.numbers); }) : new Set();
    });
  }

  function search(state) {
    return metaOf().then(function (meta) {
      return candidates(state, meta).then(function (found) {
        found = found || everything(state, meta);
        var needFacets = state.region || state.product || state["class"] || !found.browse;
        var numbers = found.numbers.filter(function (n) {
          var kind = kindOf(n, meta);
          if (state.type !== "" && String(kind) !== state.type) return false;
          return !state.year || meta.types[kind].name === "pages" || String(yearOf(n, meta, kind)) === state.year;
        });
        var records = numbers.filter(function (n) { return meta.types[kindOf(n, meta)].name !== "pages"; });
        // hand-written pages have no region, product or year: a filter narrows the search to records
        var filtered = ["type", "region", "product", "year", "class", "campaign"].some(function (f) { return state[f]; });
        var pages = filtered ? [] : numbers.filter(function (n) { return meta.types[kindOf(n, meta)].name === "pages"; });
        // a page whose title holds the query comes before the records; one that only mentions it, after them
        var titled = function (n) { return found.rank && found.rank.get(n) && found.rank.get(n)[0] <= 1; };
        pages = pages.filter(titled).concat(pages.filter(function (n) { return !titled(n); }));
        var pagesLead = pages.filter(titled).length;
        return Promise.all([needFacets ? facetChunks(records, meta, "f") : null, campaignSet(state, meta),
                            state.sort === "fine" || state.sort === "name" ? facetChunks(records, meta, "o") : null])
          .then(function (parts) {
            var facet = parts[0], inCampaign = parts[1], order = parts[2];
            var wanted = { region: meta.regions.indexOf(state.region), product: meta.products.indexOf(state.product),
                           "class": meta.classes.indexOf(state["class"]) };
            var slots = { region: 0, product: 1, "class": 2 };
            function keep(n, skip) {
              for (var f in slots) {
                if (f === skip || !state[f]) continue;
                if (facet(n, slots[f]) !== wanted[f]) return false;
              }
              return skip === "campaign" || !inCampaign || inCampaign.has(n);
            }
            var shown = records.filter(function (n) { return keep(n, null); });
            var counts = null;
            if (facet) {
              counts = { region: {}, product: {}, "class": {} };
              Object.keys(slots).forEach(function (f) {
                var names = f === "region" ? meta.regions : f === "product" ? meta.products : meta.classes;
                records.forEach(function (n) {
                  if (!keep(n, f)) return;
                  var v = names[facet(n, slots[f])];
                  if (v) counts[f][v] = (counts[f][v] || 0) + 1;
                });
              });
            }
            sortResults(shown, state, found.rank, order);
            return { meta: meta, records: shown, pages: pages, pagesLead: pagesLead, counts: counts,
                     terms: found.terms };
          });
      });
    });
  }

  function sortResults(numbers, state, rank, order) {
    if (state.sort === "old") numbers.sort(function (a, b) { return b - a; });
    else if (state.sort === "fine") numbers.sort(function (a, b) { return order(b, 0) - order(a, 0) || a - b; });
    else if (state.sort === "name") {
      numbers.sort(function (a, b) {
        return (order(a, 1) * 256 + order(a, 2)) - (order(b, 1) * 256 + order(b, 2)) || a - b;
      });
    } else if (state.sort === "" && rank) {
      numbers.sort(function (a, b) {
        return engine.compareRank(rank.get(a), rank.get(b)) || a - b;
      });
    }
  }

  function docs(numbers, meta) {
    var size = meta.format.chunk;
    var chunks = Array.from(new Set(numbers.map(function (n) { return Math.floor(n / size); })));
    return Promise.all(chunks.map(function (c) { return gz("d/" + engine.pad(c, 4) + ".bin"); })).then(function (parts) {
      var byChunk = new Map();
      chunks.forEach(function (c, i) { byChunk.set(c, JSON.parse(new TextDecoder().decode(parts[i]))); });
      return numbers.map(function (n) { return byChunk.get(Math.floor(n / size))[n % size]; });
    });
  }

  // --- the page ------------------------------------------------------------------------------------
  var FIELDS = ["q", "type", "region", "product", "year", "class", "campaign", "sort", "page"];
  function readState() {
    var params = new URLSearchParams(location.search), state = {};
    FIELDS.forEach(function (f) { state[f] = params.get(f) || ""; });
    return state;
  }
  function writeState(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (f) { if (state[f]) params.set(f, state[f]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }
  function option(select, value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
  }
  function fillSelect(name, values, counts, chosen, all) {
    var select = form.elements[name];
    select.textContent = "";
    option(select, "", all);
    values.forEach(function (v) {
      if (!v) return;
      var n = counts ? counts[v] || 0 : null;
      if (counts && !n && v !== chosen) return;
      option(select, v, n === null ? v : v + "（" + n + "）");
    });
    select.value = chosen;
  }
  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }
  function render(state, result, items, pageItems) {
    var meta = result.meta;
    filters.hidden = false;
    var typeSelect = form.elements.type;
    typeSelect.textContent = "";
    option(typeSelect, "", "全部");
    meta.types.forEach(function (t, k) { if (t.name !== "pages") option(typeSelect, String(k), t.label); });
    typeSelect.value = state.type;
    var kind = state.type === "" ? 0 : Number(state.type);
    var counts = result.counts || (state.type === "" ? mergeCounts(meta) : meta.counts[kind]);
    fillSelect("region", meta.regions, counts.region, state.region, "全部地区");
    fillSelect("product", meta.products, counts.product, state.product, "全部产品");
    fillSelect("class", meta.classes, counts["class"], state["class"], "全部");
    var years = new Set();
    meta.years.forEach(function (ys) { ys.forEach(function (y) { years.add(y[0]); }); });
    fillSelect("year", Array.from(years).sort().reverse().map(String), null, state.year, "全部年份");
    fillSelect("campaign", meta.campaigns, null, state.campaign, "全部");
    form.elements.sort.value = state.sort;
    app.querySelector("[data-class-label]").textContent = state.type !== "" && meta.types[kind]["class"] ?
      meta.types[kind]["class"] : "违法行为 / 列入事由";

    list.textContent = "";
    var total = result.records.length;
    statusEl.textContent = total || result.pages.length ?
      "找到 " + total + " 条信息" + (result.pages.length ? "，" + result.pages.length + " 个网站页面" : "") + "。" :
      (state.q ? "没有找到与“" + state.q + "”相符的信息。请检查名称或代码，或减少筛选条件。" : "没有符合条件的信息。");
    var lead = Math.min(result.pagesLead || 0, pageItems.length);
    pageItems.slice(0, lead).forEach(function (d) { list.appendChild(item(d, meta)); });
    items.forEach(function (d) { list.appendChild(item(d, meta)); });
    pageItems.slice(lead).forEach(function (d) { list.appendChild(item(d, meta)); });
    pagesEl.textContent = "";
    var page = Number(state.page || 1), last = Math.max(1, Math.ceil(total / PAGE));
    if (last > 1) {
      if (page > 1) pagesEl.appendChild(pageLink(state, page - 1, "上一页"));
      var here = document.createElement("span");
      here.textContent = "第 " + page + " / " + last + " 页";
      pagesEl.appendChild(here);
      if (page < last) pagesEl.appendChild(pageLink(state, page + 1, "下一页"));
    }
  }
  function mergeCounts(meta) {
    var merged = { region: {}, product: {}, "class": {} };
    meta.counts.forEach(function (c) {
      Object.keys(merged).forEach(function (f) {
        Object.keys(c[f] || {}).forEach(function (v) { merged[f][v] = (merged[f][v] || 0) + c[f][v]; });
      });
    });
    return merged;
  }
  function pageLink(state, page, text) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (f) { if (state[f] && f !== "page") params.set(f, state[f]); });
    if (page > 1) params.set("page", String(page));
    var a = link("?" + params.toString(), text);
    a.addEventListener("click", function (e) {
      e.preventDefault();
      state.page = page > 1 ? String(page) : "";
      go(state);
    });
    return a;
  }
  function item(d, meta) {
    // d: [url, title, subtitle, date, kind, summary, fine, region, entity page (if the party has one)]
    var li = document.createElement("li"), type = meta.types[d[4]];
    li.className = "search-result";
    var title = document.createElement("p");
    title.className = "search-result__title";
    title.appendChild(link("../" + d[0], d[1]));
    var label = document.createElement("span");
    label.className = "search-result__type";
    label.textContent = type.short || type.label;
    title.appendChild(label);
    li.appendChild(title);
    var details = [d[2], d[3], d[7], d[5]].filter(Boolean);
    if (d[6]) details.push("罚款 " + Number(d[6]).toLocaleString("zh-CN") + " 元");
    var p = document.createElement("p");
    p.className = "search-result__details";
    p.textContent = details.join(" · ");
    if (d[8]) {
      p.appendChild(document.createTextNode(" · "));
      p.appendChild(link("../" + d[8], "该主体的全部公开信息"));
    }
    li.appendChild(p);
    return li;
  }

  var running = 0;
  function go(state) {
    var ticket = ++running;
    writeState(state);
    form.elements.q.value = state.q;
    statusEl.textContent = "正在搜索…";
    return search(state).then(function (result) {
      var page = Math.max(1, Number(state.page || 1));
      var slice = result.records.slice((page - 1) * PAGE, page * PAGE);
      var pageSlice = page === 1 ? result.pages.slice(0, 5) : [];
      return Promise.all([docs(slice, result.meta), docs(pageSlice, result.meta)]).then(function (found) {
        if (ticket !== running) return;
        var items = found[0];
        if (state.sort === "fine") items.sort(function (a, b) { return (b[6] || 0) - (a[6] || 0); });
        render(state, result, items, found[1]);
        app.setAttribute("data-ready", "true");
      });
    }).catch(function (error) {
      if (ticket !== running) return;
      statusEl.textContent = "搜索暂时无法使用（" + error.message + "），请稍后再试，或浏览信息列表。";
      app.setAttribute("data-ready", "true");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var state = readState();
    FIELDS.forEach(function (f) { if (form.elements[f]) state[f] = form.elements[f].value.trim(); });
    state.page = "";
    go(state);
  });
  filters.addEventListener("change", function () { form.requestSubmit(); });
  var initial = readState();
  var header = document.getElementById("site-search-q");
  if (header) header.value = initial.q;
  go(initial);
})();
