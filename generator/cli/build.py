"""`build`: check everything first; build into a fresh folder; swap it in only when the build succeeded."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..adapters.mkdocs.build import BuildFailed, render
from ..adapters.mkdocs.config import SiteConfigError, read_site_config
from ..build.pipeline import finish, make_plan, prepare
from ..build.summary import summary
from ..core.clock import Clock
from ..core.memory import give_back
from ..core.timing import phases
from ..recordtypes import REGISTRY
from .common import EXIT_BUILD, EXIT_DATA, EXIT_OK, as_of_date, labels, print_summary

NAME = "build"
NEEDS_CONFIG = True


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="检查数据并生成网站到 site/")
    p.add_argument("--as-of", type=as_of_date, help="按此日期判断公开与否（YYYY-MM-DD，默认北京时间今天）")
    p.add_argument("--strict", action="store_true", help="把警告也当作错误")
    p.add_argument("-d", "--site-dir", type=Path, help="输出目录（默认 mkdocs.yml 的 site_dir，即 site/）")
    p.add_argument("--clean", action="store_true",
                   help="不沿用上次生成的结果，全部重新生成（网站目录里的文件被手工改动过时使用）")
    p.add_argument("--timings", action="store_true", help="列出各步骤用时")


def run(args, config_file: Path, clock: Clock) -> int:
    """Check everything first; build into a fresh directory; swap it in only when the build succeeded."""
    started = time.perf_counter()
    try:
        site = read_site_config(config_file)
    except SiteConfigError as exc:
        print(f"{exc}，网站未生成", file=sys.stderr)
        return EXIT_BUILD
    plan = make_plan(site, REGISTRY, today=clock(), as_of=args.as_of, strict=args.strict, output_dir=args.site_dir)
    prepared = prepare(plan)
    print_summary(summary(prepared), plan.report, labels(prepared), sys.stderr)
    plan.inspection.dataset.release()  # from here on pages are made from the public views only
    give_back()
    if plan.failed():
        print("数据有错误，网站未生成，原有网站保持不变。请按上面的提示修改后重试。", file=sys.stderr)
        return EXIT_DATA
    refusal = plan.refusal()
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_BUILD
    if plan.caution():
        print(plan.caution(), file=sys.stderr)
    target = plan.output_dir
    try:
        built = render(prepared, clean=args.clean)
    except BuildFailed as exc:
        print(f"生成失败，原有网站保持不变：{exc}", file=sys.stderr)
        return EXIT_BUILD
    finish(prepared)
    print(f"网站已生成：{target}（重新生成 {built.pages_made} 个页面，沿用 {built.pages_reused} 个未变的页面，"
          f"删除 {built.removed} 个已撤下的文件，用时 {time.perf_counter() - started:.1f} 秒）", file=sys.stderr)
    if args.timings:
        print("；".join(f"{name} {seconds:.1f}s" for name, seconds in phases().items()), file=sys.stderr)
    return EXIT_OK
