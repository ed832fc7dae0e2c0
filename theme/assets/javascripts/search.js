// The site's search page. Reads the static index under search/ (format: generator/output/search_format.py) a
// few small files per query, never the whole index; terms, postings, ranks, groups and marks are
// search-engine.js's pure functions. Results are grouped by company, the gravest record first. Every search
// and page is an entry in the browser's history (Back returns to the previous results). Everything shown is
// inserted as text, never as HTML.
import * as engine from "./search-engine.js";

(function () {
  "use strict";
  var app = document.getElementById("search-app");
  if (!app) return;
  var BASE = app.getAttribute("data-index");
  var GROUPS_PER_PAGE = 10; // companies on one page of results
  var RECORDS_PER_GROUP = 5; // records shown under a company; its page lists them all
  var form = app.querySelector(".search-form");
  var input = form.elements.q;
  var statusEl = app.querySelector(".search-status");
  var toggle = app.querySelector(".search-filter-toggle");
  var panel = app.querySelector(".search-panel");
  var chipsEl = app.querySelector(".search-chips");
  var list = app.querySelector(".search-results");
  var emptyEl = app.querySelector(".search-empty");
  var pagesEl = app.querySelector(".search-pages");
  var FILTERS = ["type", "region", "product", "year", "class", "campaign"];
  var FIELDS = ["q"].concat(FILTERS, ["sort", "page"]);
  var cache = new Map();
  window.__searchBytes = 0; // bytes this page has fetched for search (read by the tests and the benchmark)

  function select(name) { return panel.querySelector("select[name=" + name + "]"); }

  // --- files ---------------------------------------------------------------------------------------
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
  var metaPromise = null;
  function metaOf() {
    if (!metaPromise) {
      metaPromise = fetchBytes("meta.json").then(function (buf) {
        var meta = JSON.parse(new TextDecoder().decode(buf));
        if (!engine.supports(meta)) {
          throw new Error("搜索索引的版本与本页的搜索程序不一致（请刷新页面；仍不行请告知网站管理员重新生成网站）");
        }
        return meta;
      });
    }
    return metaPromise;
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
  function termInfo(term, meta) {
    return gz(engine.shardFile(term, meta.format)).then(function (bytes) {
      var cut = bytes.indexOf(10);
      var header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, cut)));
      var entry = header[term];
      return entry ? { term: term, df: entry[0], entry: entry, body: bytes.subarray(cut + 1) } : { term: term, df: 0 };
    });
  }
  function postings(info, meta) {
    if (info.entry.length === 2) {
      return Promise.resolve(engine.decode(info.body, info.entry[1], info.df, meta.format));
    }
    return gz(engine.bigFile(info.term)).then(function (bytes) { return engine.decode(bytes, 0, info.df, meta.format); });
  }

  // --- per-document facts: facets (region, product, class, party) and sort keys ----------------------------
  function chunks(numbers, meta, folder) {
    var size = meta.format.facetChunk, need = new Set();
    numbers.forEach(function (n) { need.add(Math.floor(n / size)); });
    var names = Array.from(need);
    return Promise.all(names.map(function (c) { return gz(folder + "/" + engine.pad(c, 3) + ".bin"); })).then(function (parts) {
      var map = new Map();
      names.forEach(function (c, i) { map.set(c, parts[i]); });
      return map;
    });
  }
  function facetsOf(numbers, meta) {
    var size = meta.format.facetChunk, width = meta.format.facetBytes;
    return chunks(numbers, meta, "f").then(function (map) {
      return {
        value: function (n, slot) { return map.get(Math.floor(n / size))[(n % size) * width + slot]; },
        party: function (n) {
          var bytes = map.get(Math.floor(n / size)), at = (n % size) * width + 3;
          return (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
        },
      };
    });
  }
  function orderOf(numbers, meta) {
    var size = meta.format.facetChunk;
    return chunks(numbers, meta, "o").then(function (map) {
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
  function isPage(n, meta) { return meta.types[kindOf(n, meta)].name === "pages"; }

  // --- finding ---------------------------------------------------------------------------------------
  var regionParts = null;
  function exact(term, meta) {
    return termInfo(term, meta).then(function (info) {
      if (!info.df) return null;
      return postings(info, meta).then(function (p) {
        var rank = new Map();
        p.numbers.forEach(function (n) { rank.set(n, [0, 0]); });
        return { numbers: Array.from(p.numbers), rank: rank };
      });
    });
  }
  function candidates(q, meta) {
    var compact = engine.normalise(q, meta.format);
    if (!compact) return Promise.resolve(null); // nothing to look up: browse by the filters alone
    if (engine.isCreditCode(compact)) { // a credit code, however it was typed
      return exact("#" + compact, meta).then(function (found) { return found || { numbers: [], rank: new Map() }; });
    }
    if (engine.isNumberLike(q, compact)) { // a decision or listing number, with any brackets, spaces or zeros
      return exact("#" + compact, meta).then(function (found) {
        return found || exact("#" + engine.numberKey(q, meta.format), meta);
      }).then(function (found) { return found || byWords(q, meta, compact); });
    }
    return byWords(q, meta, compact);
  }
  function byWords(q, meta, compact) {
    var query = engine.queryTerms(q, new Set(meta.stop), meta.format);
    var terms = query.terms, wordOf = query.wordOf;
    if (!terms.length) return Promise.resolve({ common: true }); // only words most records hold (消防, 有限公司)
    if (!regionParts) regionParts = engine.regionParts(meta.regions, meta.format);
    var queryLength = engine.withoutRegion(compact, regionParts).length;
    return Promise.all(terms.map(function (t) {
      return termInfo(t, meta).then(function (info) { info.word = wordOf.get(t); return info; });
    })).then(function (infos) {
      if (infos.some(function (i) { return !i.df; })) return nearly(q, infos, meta);
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
        if (!current.size) return nearly(q, infos, meta);
        return { numbers: Array.from(current.keys()).sort(function (a, b) { return a - b; }), rank: rank };
      });
    });
  }
  // Nothing has every piece: names that differ from the query by one character (typed wrong, added or left
  // out), checked against the names themselves.
  function nearly(q, infos, meta) {
    var none = { numbers: [], rank: new Map() };
    var word = engine.normalise(q, meta.format);
    if (word.length < 3 || /\s/.test(q.trim()) || engine.isNumberLike(q, word)) return Promise.resolve(none);
    var known = infos.filter(function (i) { return i.df; });
    if (!known.length) return Promise.resolve(none);
    return Promise.all(known.map(function (i) { return postings(i, meta); })).then(function (lists) {
      var near = engine.nearCandidates(lists.map(function (p) { return p.numbers; }), 2, 200)
        .filter(function (n) { return !isPage(n, meta); });
      return docs(near, meta).then(function (found) {
        var keep = near.filter(function (n, i) {
          return engine.nearlyContains(word, engine.normalise(found[i][1], meta.format), 1);
        });
        var rank = new Map();
        keep.forEach(function (n, i) { rank.set(n, [4, i]); });
        return { numbers: keep.sort(function (a, b) { return a - b; }), rank: rank, near: true };
      });
    });
  }
  function everything(state, meta) {
    var numbers = [];
    meta.ranges.forEach(function (r, kind) {
      if (meta.types[kind].name === "pages") return;
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
      return candidates(state.q, meta).then(function (found) {
        var common = !!(found && found.common);
        found = found && !common ? found : everything(state, meta);
        var records = found.numbers.filter(function (n) { return !isPage(n, meta); });
        var filtered = FILTERS.some(function (f) { return state[f]; });
        // hand-written pages have no region, product or year: a filter narrows the search to records
        var pages = filtered ? [] : found.numbers.filter(function (n) { return isPage(n, meta); });
        var titled = function (n) { return found.rank && found.rank.get(n) && found.rank.get(n)[0] <= 1; };
        pages = pages.filter(titled).concat(pages.filter(function (n) { return !titled(n); }));
        return Promise.all([facetsOf(records, meta), campaignSet(state, meta),
                            state.sort === "fine" || state.sort === "name" ? orderOf(records, meta) : null])
          .then(function (parts) {
            var facet = parts[0], inCampaign = parts[1], order = parts[2];
            var slots = { region: 0, product: 1, "class": 2 };
            var wanted = { region: meta.regions.indexOf(state.region), product: meta.products.indexOf(state.product),
                           "class": meta.classes.indexOf(state["class"]) };
            function keep(n, skip) {
              var kind = kindOf(n, meta);
              if (skip !== "type" && state.type !== "" && String(kind) !== state.type) return false;
              if (skip !== "year" && state.year && String(yearOf(n, meta, kind)) !== state.year) return false;
              for (var f in slots) {
                if (f === skip || !state[f]) continue;
                if (facet.value(n, slots[f]) !== wanted[f]) return false;
              }
              return skip === "campaign" || !inCampaign || inCampaign.has(n);
            }
            var shown = records.filter(function (n) { return keep(n, null); });
            var counts = { type: {}, region: {}, product: {}, "class": {}, year: {} };
            records.forEach(function (n) {
              var kind = kindOf(n, meta);
              if (keep(n, "type")) counts.type[kind] = (counts.type[kind] || 0) + 1;
              if (keep(n, "year")) {
                var y = yearOf(n, meta, kind);
                if (y) counts.year[y] = (counts.year[y] || 0) + 1;
              }
              Object.keys(slots).forEach(function (f) {
                if (!keep(n, f)) return;
                var names = f === "region" ? meta.regions : f === "product" ? meta.products : meta.classes;
                var v = names[facet.value(n, slots[f])];
                if (v) counts[f][v] = (counts[f][v] || 0) + 1;
              });
            });
            sortResults(shown, state, found.rank, order);
            var groups = engine.groupByParty(shown, facet.party, function (n) {
              return meta.types[kindOf(n, meta)].gravity || 0;
            });
            return { meta: meta, records: shown, groups: groups, pages: pages, counts: counts, near: !!found.near,
                     common: common };
          });
      });
    });
  }
  function sortResults(numbers, state, rank, order) {
    if (state.sort === "old") numbers.sort(function (a, b) { return b - a; });
    else if (state.sort === "fine") numbers.sort(function (a, b) { return order(b, 0) - order(a, 0) || a - b; });
    else if (state.sort === "name") {
      numbers.sort(function (a, b) { return (order(a, 1) * 256 + order(a, 2)) - (order(b, 1) * 256 + order(b, 2)) || a - b; });
    } else if (state.sort === "" && rank) {
      numbers.sort(function (a, b) { return engine.compareRank(rank.get(a), rank.get(b)) || a - b; });
    }
  }
  function docs(numbers, meta) {
    var size = meta.format.chunk;
    var names = Array.from(new Set(numbers.map(function (n) { return Math.floor(n / size); })));
    return Promise.all(names.map(function (c) { return gz("d/" + engine.pad(c, 4) + ".bin"); })).then(function (parts) {
      var byChunk = new Map();
      names.forEach(function (c, i) { byChunk.set(c, JSON.parse(new TextDecoder().decode(parts[i]))); });
      return numbers.map(function (n) { return byChunk.get(Math.floor(n / size))[n % size]; });
    });
  }

  // --- the page ------------------------------------------------------------------------------------
  function readState() {
    var params = new URLSearchParams(location.search), state = {};
    FIELDS.forEach(function (f) { state[f] = (params.get(f) || "").trim(); });
    return state;
  }
  function address(state, page) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (f) { if (state[f] && f !== "page") params.set(f, state[f]); });
    if (page > 1) params.set("page", String(page));
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function link(href, text, className) {
    var a = el("a", className, text);
    a.href = href;
    return a;
  }
  // text with the query's words in <mark>, built as text nodes
  function marked(parent, text, words) {
    var at = 0;
    text = String(text || "");
    engine.marks(text, words).forEach(function (r) {
      if (r[0] > at) parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      parent.appendChild(el("mark", null, text.slice(r[0], r[1])));
      at = r[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }
  function option(sel, value, text) {
    var o = el("option", null, text);
    o.value = value;
    sel.appendChild(o);
  }
  function fill(name, values, counts, chosen, all) {
    var sel = select(name);
    sel.textContent = "";
    option(sel, "", all);
    values.forEach(function (v) {
      var value = Array.isArray(v) ? v[0] : v, label = Array.isArray(v) ? v[1] : v;
      if (!value) return;
      var n = counts ? counts[value] || 0 : null;
      if (counts && !n && value !== chosen) return;
      option(sel, value, n === null ? label : label + "（" + n + "）");
    });
    sel.value = chosen;
  }
  function amount(fine) {
    return Number(fine).toLocaleString("zh-CN") + " 元";
  }
  function campaignTitle(meta, id) {
    var found = meta.campaigns.filter(function (c) { return c[0] === id; })[0];
    return found ? found[1] : id;
  }

  function renderFilters(state, result) {
    var meta = result.meta, counts = result.counts;
    var types = [];
    meta.types.forEach(function (t, k) { if (t.name !== "pages") types.push([String(k), t.label]); });
    fill("type", types, counts.type, state.type, "全部类别");
    fill("region", meta.regions, counts.region, state.region, "全部地区");
    fill("product", meta.products, counts.product, state.product, "全部产品");
    var years = new Set();
    meta.years.forEach(function (ys) { ys.forEach(function (y) { years.add(String(y[0])); }); });
    fill("year", Array.from(years).sort().reverse().map(function (y) { return [y, y + " 年"]; }), counts.year,
         state.year, "全部年份");
    fill("class", meta.classes, counts["class"], state["class"], "全部");
    fill("campaign", meta.campaigns, null, state.campaign, "全部专项行动");
    select("sort").value = state.sort;
    var kind = state.type === "" ? -1 : Number(state.type);
    panel.querySelector("[data-class-label]").textContent =
      kind >= 0 && meta.types[kind]["class"] ? meta.types[kind]["class"] : "违法行为 / 列入事由";
    var active = FILTERS.filter(function (f) { return state[f]; }).length;
    toggle.textContent = active ? "筛选（" + active + "）" : "筛选";
  }
  function renderChips(state, meta) {
    chipsEl.textContent = "";
    var names = { type: "类别", region: "地区", product: "产品", year: "年份", "class": "违法行为", campaign: "专项行动" };
    var active = FILTERS.filter(function (f) { return state[f]; });
    if (!active.length) return;
    var ul = el("ul", "search-chips__list");
    active.forEach(function (f) {
      var value = f === "type" ? meta.types[Number(state.type)].label : f === "campaign" ? campaignTitle(meta, state.campaign) :
        f === "year" ? state.year + " 年" : state[f];
      var button = el("button", "search-chip", names[f] + "：" + value);
      button.type = "button";
      button.setAttribute("aria-label", "取消筛选条件 " + names[f] + "：" + value);
      button.addEventListener("click", function () {
        var next = copy(state);
        next[f] = "";
        next.page = "";
        go(next, true);
      });
      var li = el("li");
      li.appendChild(button);
      ul.appendChild(li);
    });
    if (active.length) {
      var clear = clearButton(state, "清除全部筛选");
      var li = el("li");
      li.appendChild(clear);
      ul.appendChild(li);
    }
    chipsEl.appendChild(ul);
  }
  function renderGroup(group, found, meta, words) {
    var first = found[group.numbers[0]];
    var li = el("li", "search-group");
    var heading = el("h2", "search-group__name");
    var entity = first[8]; // the party's page: the same for every record of a group, if it has one
    heading.appendChild(marked(link("../" + (group.numbers.length > 1 && entity ? entity : first[0])), first[1], words));
    li.appendChild(heading);
    var records = el("ul", "search-group__records");
    group.numbers.slice(0, RECORDS_PER_GROUP).forEach(function (n) {
      var d = found[n], type = meta.types[d[4]], grave = (type.gravity || 0) > 0;
      var item = el("li", "search-record" + (grave ? " search-record--grave" : ""));
      var top = el("p", "search-record__top");
      top.appendChild(el("span", "search-record__type" + (grave ? " search-record__type--grave" : ""),
                         (type.short || type.label) + (grave ? "（最严重）" : "")));
      top.appendChild(document.createTextNode(" "));
      var to = link("../" + d[0], "", "search-record__link");
      marked(to, d[5] || d[2], words);
      top.appendChild(to);
      item.appendChild(top);
      var facts = el("p", "search-record__facts");
      [[d[2]], [d[3]], [d[6] ? "罚款 " + amount(d[6]) : ""], [d[9] ? "产品：" + d[9] : ""], [d[7]]].forEach(function (part) {
        if (!part[0]) return;
        if (facts.childNodes.length) facts.appendChild(document.createTextNode(" · "));
        // a value is kept whole: marked as a whole where the query is in it
        facts.appendChild(el(engine.marks(part[0], words).length ? "mark" : "span", "nowrap", part[0]));
      });
      item.appendChild(facts);
      records.appendChild(item);
    });
    li.appendChild(records);
    if (group.numbers.length > RECORDS_PER_GROUP && entity) {
      var more = el("p", "search-group__more");
      more.appendChild(link("../" + entity, "查看该企业全部 " + group.numbers.length + " 条相关信息"));
      li.appendChild(more);
    } else if (entity && group.numbers.length === 1) {
      var all = el("p", "search-group__more");
      all.appendChild(link("../" + entity, "该企业的全部公开信息"));
      li.appendChild(all);
    }
    return li;
  }
  function renderPage(d, words) {
    var li = el("li", "search-group search-group--page");
    var heading = el("h2", "search-group__name");
    heading.appendChild(marked(link("../" + d[0]), d[1], words));
    li.appendChild(heading);
    li.appendChild(el("p", "search-record__type", "网站页面"));
    li.appendChild(marked(el("p", "search-record__facts"), d[5], words));
    return li;
  }
  function renderEmpty(state, result) {
    emptyEl.textContent = "";
    var filtered = FILTERS.some(function (f) { return state[f]; });
    emptyEl.appendChild(el("p", "search-empty__title", state.q ? "没有找到与“" + state.q + "”相符的公开信息。" :
      "没有符合这些筛选条件的公开信息。"));
    emptyEl.appendChild(el("p", null, "可能是因为："));
    var why = el("ul");
    if (state.q) why.appendChild(el("li", null, "名称、代码或文号有错字或少字。可以只输入企业的字号（如名称中间的两三个字），或输入 18 位统一社会信用代码。"));
    why.appendChild(el("li", null, "信息已过公示期：行政处罚信息和失信名单在公示期满、信用修复或撤销后会从本站撤下，不再公开。"));
    why.appendChild(el("li", null, "处罚决定刚作出，还没有公示：依法在作出决定后 20 个工作日内公示。"));
    emptyEl.appendChild(why);
    var next = el("p");
    if (filtered) {
      var clear = clearButton(state, "清除筛选条件再搜索");
      next.appendChild(clear);
      next.appendChild(document.createTextNode(" "));
    }
    next.appendChild(document.createTextNode("也可以按年份、地区浏览"));
    var types = result.meta.types.filter(function (t) { return t.name !== "pages"; });
    types.forEach(function (t, i) {
      next.appendChild(document.createTextNode(i ? "、" : ""));
      next.appendChild(link("../" + t.name + "/", t.label));
    });
    next.appendChild(document.createTextNode("，或在国家企业信用信息公示系统查询全国的信息。"));
    emptyEl.appendChild(next);
    emptyEl.hidden = false;
  }
  function renderPager(state, page, last) {
    pagesEl.textContent = "";
    if (last <= 1) return;
    pagesEl.appendChild(el("p", "search-pages__where", "第 " + page + " / " + last + " 页"));
    var ul = el("ul");
    function item(n, text, label) {
      var li = el("li");
      if (n === page && !label) {
        var here = el("span", null, text);
        here.setAttribute("aria-current", "page");
        li.appendChild(here);
      } else {
        var a = link(address(state, n), text);
        if (label) a.setAttribute("aria-label", label);
        else a.setAttribute("aria-label", "第 " + n + " 页");
        a.addEventListener("click", function (e) {
          e.preventDefault();
          var next = copy(state);
          next.page = n > 1 ? String(n) : "";
          go(next, true);
        });
        li.appendChild(a);
      }
      ul.appendChild(li);
    }
    if (page > 1) item(page - 1, "‹ 上一页", "上一页");
    engine.pageWindow(page, last).forEach(function (n) {
      if (n) item(n, String(n));
      else ul.appendChild(el("li", "search-pages__gap", "…"));
    });
    if (page < last) item(page + 1, "下一页 ›", "下一页");
    pagesEl.appendChild(ul);
  }
  function copy(state) {
    var out = {};
    FIELDS.forEach(function (f) { out[f] = state[f] || ""; });
    return out;
  }
  // A button that keeps the query and drops every filter.
  function clearButton(state, label) {
    var button = el("button", "search-chip search-chip--clear", label);
    button.type = "button";
    button.addEventListener("click", function () {
      var next = copy(state);
      FILTERS.forEach(function (f) { next[f] = ""; });
      next.page = "";
      go(next, true);
    });
    return button;
  }

  var running = 0;
  // Runs a search for `state` and shows it. `push`: a new entry in the browser's history (a search or page the
  // reader asked for), after which the results get the focus; otherwise the entry is the current one.
  function go(state, push) {
    var ticket = ++running;
    input.value = state.q;
    statusEl.textContent = "正在搜索…";
    app.removeAttribute("data-ready"); // set again once the results are shown (the tests wait for it)
    return metaOf().then(function (meta) {
      // words naming a region or product become that filter (a chip the reader can remove)
      var words = engine.filterWords(state.q, meta.regions, meta.products, meta.format);
      if (state.q && (words.region && !state.region || words.product && !state.product)) {
        if (words.region && !state.region) state.region = words.region;
        if (words.product && !state.product) state.product = words.product;
        state.q = words.words.join(" ");
        input.value = state.q;
      }
      if (push) history.pushState(copy(state), "", address(state, Number(state.page || 1)));
      else history.replaceState(copy(state), "", address(state, Number(state.page || 1)));
      return search(state).then(function (result) {
        var last = Math.max(1, Math.ceil(result.groups.length / GROUPS_PER_PAGE));
        var page = Math.min(Math.max(1, Number(state.page || 1)), last);
        var groups = result.groups.slice((page - 1) * GROUPS_PER_PAGE, page * GROUPS_PER_PAGE);
        var numbers = [];
        groups.forEach(function (g) { numbers = numbers.concat(g.numbers.slice(0, RECORDS_PER_GROUP)); });
        var pageItems = page === 1 ? result.pages.slice(0, 5) : [];
        return Promise.all([docs(numbers, meta), docs(pageItems, meta)]).then(function (found) {
          if (ticket !== running) return;
          var byNumber = {};
          numbers.forEach(function (n, i) { byNumber[n] = found[0][i]; });
          var queryWords = state.q ? state.q.split(/\s+/).filter(Boolean) : [];
          renderFilters(state, result);
          renderChips(state, meta);
          list.textContent = "";
          emptyEl.hidden = true;
          var total = result.records.length;
          if (total && result.common) {
            statusEl.textContent = "“" + state.q + "”是大多数信息都有的词，下面是全部 " + total +
              " 条信息；请加上企业名称中的字号、产品或地区。";
          } else if (total) {
            statusEl.textContent = (result.near ? "没有完全相符的结果，以下是名称相近的 " : "找到 ") +
              result.groups.length + " 家企业的 " + total + " 条信息" +
              (result.pages.length ? "，另有 " + result.pages.length + " 个网站页面" : "") + "。";
          } else if (result.pages.length) {
            statusEl.textContent = "没有相符的公示信息，找到 " + result.pages.length + " 个网站页面。";
          } else {
            statusEl.textContent = state.q ? "没有找到相符的信息。" : "没有符合条件的信息。";
            renderEmpty(state, result);
          }
          groups.forEach(function (g) { list.appendChild(renderGroup(g, byNumber, meta, queryWords)); });
          found[1].forEach(function (d) { list.appendChild(renderPage(d, queryWords)); });
          renderPager(state, page, last);
          app.setAttribute("data-ready", "true");
          if (push) {
            statusEl.focus({ preventScroll: true });
            statusEl.scrollIntoView({ block: "start" });
          }
        });
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
    state.q = input.value.trim();
    state.page = "";
    go(state, true);
  });
  panel.addEventListener("change", function () {
    var state = readState();
    FILTERS.concat(["sort"]).forEach(function (f) { state[f] = select(f).value; });
    state.q = input.value.trim();
    state.page = "";
    go(state, true);
  });
  toggle.addEventListener("click", function () {
    var open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  window.addEventListener("popstate", function () { go(readState(), false); });
  var header = document.getElementById("site-search-q");
  var initial = readState();
  if (header) header.value = initial.q;
  go(initial, false);
})();
