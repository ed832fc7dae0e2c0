// The supplier check page (output/supplier_check.py): each pasted line is looked up in the static table of
// parties with public records, fetching only the shards its lines fall in. Nothing pasted is sent anywhere.
import { fnv1a } from "./search-engine.js";

const VERSION = 1; // the table format this page reads
const MOST = 500; // lines looked up at once
const app = document.getElementById("supplier-check");

// A credit code or a name as the table keys it (output/supplier_check.key).
function key(text) {
  return text.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

function cell(row, text, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  if (text) td.textContent = text;
  row.appendChild(td);
  return td;
}

async function lookUp(lines, base) {
  const meta = await (await fetch(base + "meta.json")).json();
  if (meta.version !== VERSION) throw new Error("version");
  const shards = new Map();
  const shardOf = (k) => {
    const n = fnv1a(k) % meta.shards;
    if (!shards.has(n)) {
      shards.set(n, fetch(base + "p/" + String(n).padStart(4, "0") + ".json").then((r) => r.json()));
    }
    return shards.get(n);
  };
  return Promise.all(lines.map(async (line) => ({ line, party: (await shardOf(key(line)))[key(line)] || null })));
}

function show(found, root) {
  const body = app.querySelector("tbody");
  body.textContent = "";
  let listed = 0, withRecords = 0;
  for (const { line, party } of found) {
    const row = document.createElement("tr");
    cell(row, line).setAttribute("data-label", "输入");
    const result = cell(row, "", "supplier-check__result");
    result.setAttribute("data-label", "结果");
    const who = cell(row, "");
    who.setAttribute("data-label", "主体");
    if (party) {
      withRecords += 1;
      const records = party.r.slice().sort((a, b) => b[2] - a[2]);
      if (records.some((r) => r[2] > 0)) { listed += 1; row.className = "supplier-check--grave"; }
      result.textContent = records.map((r) => r[0] + " " + r[1] + " 条").join("；");
      const a = document.createElement("a");
      a.href = root + party.u;
      a.textContent = party.n;
      who.appendChild(a);
      who.appendChild(document.createTextNode(" " + party.c));
    } else {
      result.textContent = "未查到正在公示的信息";
    }
    body.appendChild(row);
  }
  app.querySelector(".table-wrap").hidden = false;
  const status = app.querySelector(".supplier-check__status");
  status.textContent = "核查了 " + found.length + " 行：" + withRecords + " 个主体有正在公示的信息" +
    (listed ? "，其中 " + listed + " 个列入严重违法失信名单" : "") + "。";
  status.focus();
}

if (app) {
  const base = app.getAttribute("data-table");
  app.querySelector("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = app.querySelector(".supplier-check__status");
    const lines = [...new Set(app.querySelector("textarea").value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
    if (!lines.length) { status.textContent = "请先粘贴统一社会信用代码或名称，每行一个。"; return; }
    status.textContent = "正在核查…";
    try {
      show(await lookUp(lines.slice(0, MOST), base), "../");
      if (lines.length > MOST) status.textContent += "只核查了前 " + MOST + " 行，请分批核查其余的。";
    } catch (e) {
      status.textContent = "核查数据读取失败，请刷新页面后重试。";
    }
  });
}
