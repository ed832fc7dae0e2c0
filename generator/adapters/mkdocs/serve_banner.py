"""`serve` with data that does not pass the checks: a banner at the top of every preview page (and the same
lines in the terminal) saying what is wrong and where, until the file is fixed. Never in a build."""
from __future__ import annotations

import re

from markupsafe import escape

from ...core.problems import Report

SHOWN = 20
_BODY = re.compile(r"<body[^>]*>")


def problems(report: Report, refusal: str | None) -> list[str]:
    lines = [p.text() for p in report.sorted() if p.severity.value == "error"] + ([refusal] if refusal else [])
    return lines or ["数据检查未通过"]


def terminal_text(lines: list[str]) -> str:
    shown = "\n".join(lines[:SHOWN]) + (f"\n……另有 {len(lines) - SHOWN} 个问题" if len(lines) > SHOWN else "")
    return f"数据检查未通过（预览继续运行；改好并保存后自动刷新；build 在改好前不会发布）：\n{shown}"


def insert(html: str, lines: list[str]) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines[:SHOWN])
    more = f"<p>……另有 {len(lines) - SHOWN} 个问题，见终端。</p>" if len(lines) > SHOWN else ""
    banner = ('<div class="serve-banner" role="alert" style="background:#fff3cd;color:#1a1a1a;border-bottom:3px '
              'solid #b45309;padding:.8rem 1.2rem;font-size:.8rem;line-height:1.6">'
              "<p><strong>预览：数据检查未通过。</strong>以下问题改好并保存后，本页会自动刷新；"
              "改好之前运行 build 不会发布网站。</p>"
              f"<ul>{items}</ul>{more}</div>")
    match = _BODY.search(html)
    return html[:match.end()] + banner + html[match.end():] if match else banner + html
