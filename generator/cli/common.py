"""What the commands share: exit codes, the --as-of argument, and the summary a clerk reads."""
from __future__ import annotations

import argparse
from datetime import date

from ..assemble.pipeline import Prepared
from ..assemble.summary import counts_line, leaving_lines, masked_line, record_lines
from ..core.dates import given_date
from ..core.problems import Invalid, Report

# Exit codes (README, 退出码): 0 done; 1 the data has errors (nothing published); 2 the site could not be built
# (configuration, arguments, theme engine, refused settings or output folder); 3 a bug (generator/__main__.py).
EXIT_OK, EXIT_DATA, EXIT_BUILD, EXIT_BUG = 0, 1, 2, 3
SHOWN_PROBLEMS = 50  # problems printed on the terminal; the report file has them all


def date_argument(text: str) -> date:
    """A date argument (--as-of, --start, --end): any form the data contract allows, within plausible years."""
    try:
        return given_date(text)
    except Invalid as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


as_of_date = date_argument


def print_summary(data: dict, report: Report, labels: dict[str, str], stream, report_files=None) -> None:
    """The short summary a clerk reads; the details are in the report file, whose path is printed."""
    if report.problems:
        print(report.text(limit=SHOWN_PROBLEMS), file=stream)
        print(file=stream)
    lines = record_lines(data, labels) + [line for line in (masked_line(data),) if line] + leaving_lines(data)
    for line in lines:
        print(line, file=stream)
    print(f"判断日期 {data['as_of']}；下次公开内容变化：{data['next_change'] or '无'}（请在当天重新生成网站）",
          file=stream)
    print(counts_line(report), file=stream)
    if report_files:
        print(f"详细报告（不随网站发布）：{report_files[1]}（也可用 Excel 打开 {report_files[0].name}）", file=stream)


def labels(prepared: Prepared) -> dict[str, str]:
    return {rtype.name: rtype.short_label for rtype in prepared.plan.registry}
