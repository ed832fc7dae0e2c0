"""`check`: read and check everything, write nothing."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..adapters.mkdocs.config import SiteConfigError, read_site_config
from ..assemble.pipeline import make_plan, prepare
from ..assemble.report import write_report
from ..assemble.summary import summary
from ..core.clock import Clock
from ..recordtypes import REGISTRY
from .common import EXIT_BUILD, EXIT_DATA, EXIT_OK, SHOWN_PROBLEMS, as_of_date, labels, print_summary

NAME = "check"
NEEDS_CONFIG = True


EPILOG = """示例：
  python -m generator check                      检查 data/ 和 content/ 中的全部文件
  python -m generator check --as-of 2026-12-01   按指定日期判断哪些信息到期撤下
  python -m generator check --json               以 JSON 输出，供脚本读取
  python -m generator check --quiet              没有错误时不输出

每个问题都写明 文件:工作表!行:列。详细报告写在 mkdocs.yml 旁边的 site-report.html / site-report.csv。
退出码：0 无错误；1 数据有错误；2 配置有误；3 程序内部错误。"""


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="只读取和检查数据，不写任何文件", description="读取并检查全部数据和文章，不生成网站。",
                       epilog=EPILOG)
    p.add_argument("--as-of", type=as_of_date, metavar="日期", help="按此日期判断公开与否（默认北京时间今天）")
    p.add_argument("--strict", action="store_true", help="把警告也当作错误")
    p.add_argument("-q", "--quiet", action="store_true", help="只显示错误（适合定时任务）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")


def run(args, config_file: Path, clock: Clock) -> int:
    try:
        site = read_site_config(config_file)
    except SiteConfigError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BUILD
    plan = make_plan(site, REGISTRY, today=clock(), as_of=args.as_of, strict=args.strict, live=False)
    prepared = prepare(plan)
    data = summary(prepared)
    files = write_report(prepared)
    if args.json:
        print(json.dumps({**data, "report": [str(p) for p in files]}, ensure_ascii=False, indent=2))
    elif args.quiet:
        if plan.failed():
            print(plan.report.text(limit=SHOWN_PROBLEMS), file=sys.stderr)
    else:
        print_summary(data, plan.report, labels(prepared), sys.stdout, files)
    return EXIT_DATA if plan.failed() else EXIT_OK
