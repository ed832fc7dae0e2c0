"""What the commands share: exit codes, the --as-of argument, and the summary a clerk reads."""
from __future__ import annotations

import argparse
from datetime import date

from ..build.pipeline import Prepared
from ..build.summary import counts_line
from ..core.dates import PLAUSIBLE_YEARS, parse_date, plausible
from ..core.problems import Invalid, Report
from ..rules.windows import REASONS

EXIT_OK, EXIT_DATA, EXIT_BUILD = 0, 1, 2


def as_of_date(text: str) -> date:
    """An --as-of argument: a date in any form the data contract allows, within plausible years."""
    try:
        day = parse_date(text, allow_roc=False)
    except Invalid as exc:
        raise argparse.ArgumentTypeError(f"--as-of：{exc.message}") from None
    if not plausible(day):
        raise argparse.ArgumentTypeError(f"--as-of：日期超出合理范围（{PLAUSIBLE_YEARS[0]}—{PLAUSIBLE_YEARS[1]} 年）")
    return day


def print_summary(data: dict, report: Report, labels: dict[str, str], stream) -> None:
    if report.problems:
        print(report.text(), file=stream)
        print(file=stream)
    for name, c in data["records"].items():
        reasons = "，".join(f"{REASONS.get(r, r)} {n}" for r, n in sorted(c["withheld_by_reason"].items()))
        print(f"{labels[name]}：读取 {c['read']} 条，公开 {c['published']}，暂不公开 {c['withheld']}"
              f"{'（' + reasons + '）' if reasons else ''}，退回 {c['rejected']}", file=stream)
    if data["masked"]:
        print("已遮蔽个人信息：" + "，".join(f"{k} {n}" for k, n in data["masked"].items()), file=stream)
    for item in data["leaving_soon"]:
        print(f"即将撤下：{item['id']}（最后公示日 {item['last_day']}）", file=stream)
    print(f"判断日期 {data['as_of']}；下次公开内容变化：{data['next_change'] or '无'}（请在当天重新生成网站）",
          file=stream)
    print(counts_line(report), file=stream)


def labels(prepared: Prepared) -> dict[str, str]:
    return {rtype.name: rtype.short_label for rtype in prepared.plan.registry}
