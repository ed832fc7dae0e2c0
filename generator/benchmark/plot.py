"""The scale figure: full-build time and peak memory against the number of records, from the results the
benchmark recorded (`bench --record FILE --plot FILE.svg`), as a self-contained SVG (no script, no fonts or
styles from elsewhere), readable in a browser and in BENCHMARKS.md.

A recorded result replaces an earlier one of the same size, so rerunning a size after a change keeps the
figure to one line per measure, of the latest run of each size.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 720, 300
PANEL = 330  # width of each of the two panels
LEFT, TOP, BOTTOM = 64, 40, 52  # margins inside a panel: axis labels, title, tick labels


def recorded(path: Path) -> list[dict]:
    """The results recorded in path (a JSON list), smallest site first; [] for a new file."""
    if not path.is_file():
        return []
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{path} 无法读取：{exc}") from None
    if not (isinstance(found, list) and all(isinstance(r, dict) and FIELDS <= r.keys() for r in found)):
        raise ValueError(f"{path} 不是测量结果列表（每项应有 {'、'.join(sorted(FIELDS))}）")
    return sorted(found, key=records)


FIELDS = {"cases", "blacklist", "build_s", "peak_rss_mb"}  # what a result must have to be drawn


def records(result: dict) -> int:
    return int(result["cases"]) + int(result["blacklist"])


def record(path: Path, result: dict) -> list[dict]:
    """Add result to the list in path, replacing one of the same size; the list as written."""
    kept = [r for r in recorded(path) if records(r) != records(result)]
    results = sorted(kept + [result], key=records)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return results


def _ticks(top: float) -> list[float]:
    """Round values from 0 to at least top, five at most after 0 (1, 2, 2.5 or 5 times a power of ten apart)."""
    if top <= 0:
        return [0.0, 1.0]
    magnitude = 10 ** math.floor(math.log10(top / 4))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if top / (f * magnitude) <= 5)
    return [step * i for i in range(math.ceil(top / step - 1e-9) + 1)]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:.3g}"


def _panel(x0: int, title: str, unit: str, points: list[tuple[int, float]], xmax: int) -> list[str]:
    """One panel: axes, ticks, the line and its labelled points."""
    inner_w, inner_h = PANEL - LEFT - 12, HEIGHT - TOP - BOTTOM
    yticks = _ticks(max(y for _, y in points))
    xticks = _ticks(xmax)
    ytop, xtop = yticks[-1], xticks[-1]

    def at(x: float, y: float) -> tuple[float, float]:
        return x0 + LEFT + inner_w * x / xtop, TOP + inner_h * (1 - y / ytop)

    parts = [f'<text x="{x0 + LEFT}" y="{TOP - 16}" class="title">{escape(title)}（{escape(unit)}）</text>']
    for y in yticks:
        _, py = at(0, y)
        parts.append(f'<line x1="{x0 + LEFT}" y1="{py:.1f}" x2="{x0 + LEFT + inner_w}" y2="{py:.1f}" class="grid"/>')
        parts.append(f'<text x="{x0 + LEFT - 6}" y="{py + 4:.1f}" class="tick" text-anchor="end">{_number(y)}</text>')
    for x in xticks:
        px, _ = at(x, 0)
        parts.append(f'<text x="{px:.1f}" y="{TOP + inner_h + 18}" class="tick" text-anchor="middle">'
                     f'{_number(x / 1000)}k</text>')
    parts.append(f'<text x="{x0 + LEFT + inner_w / 2:.0f}" y="{HEIGHT - 10}" class="tick" text-anchor="middle">'
                 '记录数（行政处罚 + 失信名单）</text>')
    line = " ".join("{:.1f},{:.1f}".format(*at(x, y)) for x, y in points)
    parts.append(f'<polyline points="{line}" class="line"/>')
    for x, y in points:
        px, py = at(x, y)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" class="point"/>')
        parts.append(f'<text x="{px - 6:.1f}" y="{py - 9:.1f}" class="value" text-anchor="end">{_number(y)}</text>')
    return parts


def svg(results: list[dict]) -> str:
    """Two panels: full-build seconds and peak MB (PSS of the process tree) against records."""
    if not results:
        raise ValueError("没有测量结果可画")
    xmax = max(records(r) for r in results)
    time_points = [(records(r), float(r["build_s"])) for r in results]
    memory_points = [(records(r), float(r["peak_rss_mb"])) for r in results]
    body = (_panel(0, "完整构建用时", "秒", time_points, xmax)
            + _panel(PANEL + 30, "内存峰值（进程树 PSS）", "MB", memory_points, xmax))
    caption = "；".join(f"{_number(records(r) / 1000)}k：{float(r['build_s']):g} 秒，{_number(r['peak_rss_mb'])} MB"
                       for r in results)
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-labelledby="scale-title">',
        f'<title id="scale-title">{escape("规模测量：" + caption)}</title>',
        "<style>text{font-family:sans-serif;font-size:12px;fill:#222}.title{font-size:14px;font-weight:bold}"
        ".tick{fill:#555}.grid{stroke:#ddd}.line{fill:none;stroke:#1565c0;stroke-width:2}"
        ".point{fill:#1565c0}.value{font-size:11px}</style>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        *body,
        "</svg>", ""])
