"""Charts drawn at build time as inline SVG (no chart script from anywhere). A chart has a <title>, and points
to the table beside it, which holds the same figures, as its text alternative."""
from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

WIDTH = 640
ROW = 30  # height of one bar's row
LABEL = 210  # width of the label column
NUMBER = 110  # room right of a bar for its value


def bar_chart(title: str, figures, described_by: str, chart_id: str) -> Markup:
    """Horizontal bars, one per figure (core.figures.Figure), grouped by unit: a bar is measured against the
    largest figure of the same unit only, so 56 家 and 1260 件 are never drawn on one scale."""
    groups: dict[str, list] = {}
    for f in figures:
        groups.setdefault(f.unit, []).append(f)
    if not groups:
        return Markup("")
    parts, y = [], 8
    for unit, rows in groups.items():
        top = max(r.value for r in rows) or Decimal(1)
        parts.append(f'<text x="0" y="{y + 14}" class="chart-unit">单位：{escape(unit or "—")}</text>')
        y += 24
        for r in rows:
            length = float(r.value / top) * (WIDTH - LABEL - NUMBER)
            parts.append(
                f'<text x="{LABEL - 8}" y="{y + 19}" text-anchor="end" class="chart-label">{escape(r.label)}</text>'
                f'<rect x="{LABEL}" y="{y + 6}" width="{max(length, 1):.1f}" height="{ROW - 12}" class="chart-bar"/>'
                f'<text x="{LABEL + max(length, 1) + 6:.1f}" y="{y + 19}" class="chart-value">'
                f'{escape(r.shown)}</text>')
            y += ROW
        y += 8
    height = y + 4
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{escape(described_by)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}-title">{escape(title)}（数字见下表）</title>'
        + "".join(parts) + "</svg>")
