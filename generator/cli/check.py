"""`check`: read and check everything, write nothing."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..adapters.mkdocs.config import SiteConfigError, read_site_config
from ..build.pipeline import make_plan, prepare
from ..build.summary import summary
from ..core.clock import Clock
from ..recordtypes import REGISTRY
from .common import EXIT_DATA, EXIT_OK, as_of_date, labels, print_summary

NAME = "check"
NEEDS_CONFIG = True


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="只读取和检查数据，不写任何文件")
    p.add_argument("--as-of", type=as_of_date)
    p.add_argument("--strict", action="store_true")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")


def run(args, config_file: Path, clock: Clock) -> int:
    try:
        site = read_site_config(config_file)
    except SiteConfigError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DATA
    plan = make_plan(site, REGISTRY, today=clock(), as_of=args.as_of, strict=args.strict, live=False)
    prepared = prepare(plan)
    data = summary(prepared)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print_summary(data, plan.report, labels(prepared), sys.stdout)
    return EXIT_DATA if plan.failed() else EXIT_OK
