"""`build`: check everything first; build into a fresh folder; swap it in only when the build succeeded."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from ..adapters.mkdocs.build import BuildFailed, render
from ..adapters.mkdocs.config import SiteConfigError, read_site_config
from ..assemble import destination, parallel
from ..assemble.pipeline import finish, make_plan, prepare
from ..assemble.report import write_report
from ..assemble.summary import summary
from ..core.clock import Clock
from ..core import personal, segmenter
from ..core.memory import give_back
from ..core.timing import phases
from ..recordtypes import REGISTRY
from .common import EXIT_BUILD, EXIT_DATA, EXIT_OK, as_of_date, labels, print_summary
from .progress import Progress

NAME = "build"
NEEDS_CONFIG = True

EPILOG = """示例：
  python -m generator build                      按今天的日期生成网站到 site/
  python -m generator build --as-of 2026-12-01   按指定日期判断公开与否
  python -m generator build --quiet              只在出错时输出（适合定时任务）
  python -m generator build --json > 结果.json    输出 JSON，供脚本读取

退出码：0 成功；1 数据有错误，网站未生成；2 配置、参数、输出目录或生成过程出错，网站未生成；3 程序内部错误。
出错时原有网站保持不变。详细报告写在 mkdocs.yml 旁边的 site-report.html / site-report.csv，不随网站发布。"""


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="检查数据并生成网站到 site/", description="检查数据，全部无误后生成网站。",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--as-of", type=as_of_date, metavar="日期", help="按此日期判断公开与否（YYYY-MM-DD，默认北京时间今天）")
    p.add_argument("--strict", action="store_true", help="把警告也当作错误")
    p.add_argument("-d", "--site-dir", type=Path, metavar="目录", help="输出目录（默认 mkdocs.yml 的 site_dir，即 site/）")
    p.add_argument("--clean", action="store_true",
                   help="不沿用上次生成的结果，全部重新生成（网站目录里的文件被手工改动过时使用）")
    p.add_argument("--timings", action="store_true", help="列出各步骤用时")
    p.add_argument("-q", "--quiet", action="store_true", help="不显示进度和摘要，只显示错误")
    p.add_argument("--json", action="store_true", help="在标准输出打印一个 JSON 对象（摘要、问题、结果），不显示进度")


# Below this much data, reading leaves too little behind to be worth a process of its own (at 20,000 records,
# 6 MB, the peak is the same either way; at 100,000, 29 MB, a fifth lower), and a process that builds again and
# again (the tests) keeps what it has warmed up.
APART_FROM_BYTES = 10 * 2**20


def data_bytes(site) -> int:
    folder = site.folders()["data"]
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else 0


def run(args, config_file: Path, clock: Clock) -> int:
    """Check everything first; build into a fresh directory; swap it in only when the build succeeded."""
    started = time.perf_counter()
    quiet = args.quiet or args.json
    result: dict = {"exit": EXIT_OK}

    def say(text: str, always: bool = False) -> None:
        if always or not quiet:
            print(text, file=sys.stderr)

    def done(code: int) -> int:
        result["exit"] = code
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        return code

    try:
        site = read_site_config(config_file)
    except SiteConfigError as exc:
        say(f"{exc}，网站未生成", always=not args.json)
        result["error"] = str(exc)
        return done(EXIT_BUILD)
    refused = destination.refusal(Path(os.path.abspath(args.site_dir or site.site_dir)), site.folders())
    if refused:
        say(refused, always=not args.json)
        result["error"] = refused
        return done(EXIT_BUILD)
    progress = Progress.choose(quiet)

    def checked():
        plan = make_plan(site, REGISTRY, today=clock(), as_of=args.as_of, strict=args.strict,
                         output_dir=args.site_dir)
        prepared = prepare(plan, remember=False)
        data, files = summary(prepared), write_report(prepared)
        plan.inspection.dataset.release()  # from here on pages are made from the public views only
        prepared.publication.withheld_rows.clear()  # in the report now; the pages do not show them
        segmenter.release()  # names are masked: nothing after this needs the dictionary
        give_back()
        prepared.remember()  # with the records gone: writing the caches out takes memory for a moment
        return prepared, data, files

    with progress:
        if data_bytes(site) >= APART_FROM_BYTES:
            # Read, check, decide and redact in a process of their own: what they leave behind (rows, records
            # and the holes they make in memory) goes with it, and the page writers fork from a process holding
            # only the public views.
            personal.ready(dictionary=False)  # what is small, made once here rather than in every such process
            prepared, data, files = parallel.apart(checked, keep=(site, *REGISTRY), scratch=site.root,
                                                   bulk=lambda result: result[0].publication.all_entries())
        else:
            prepared, data, files = checked()
    plan = prepared.plan
    result.update(data, report=[str(p) for p in files])
    if not quiet:
        print_summary(data, plan.report, labels(prepared), sys.stderr, files)
    elif plan.failed() and not args.json:
        print(plan.report.text(limit=50), file=sys.stderr)
    if plan.failed():
        say(f"数据有错误，网站未生成，原有网站保持不变。请按上面的提示修改后重试（全部问题见 {files[1]}）。",
            always=not args.json)
        return done(EXIT_DATA)
    refusal = plan.refusal()
    if refusal:
        say(refusal, always=not args.json)
        result["error"] = refusal
        return done(EXIT_BUILD)
    if plan.caution():
        say(plan.caution())
    target = plan.output_dir
    try:
        with progress:
            built = render(prepared, clean=args.clean)
    except BuildFailed as exc:
        say(f"生成失败，原有网站保持不变：{exc}", always=not args.json)
        result["error"] = str(exc)
        return done(EXIT_BUILD)
    finish(prepared)
    seconds = time.perf_counter() - started
    result.update(site=str(target), pages_made=built.pages_made, pages_reused=built.pages_reused,
                  removed=built.removed, seconds=round(seconds, 1), timings=phases())
    say(f"网站已生成：{target}（重新生成 {built.pages_made} 个页面，沿用 {built.pages_reused} 个未变的页面，"
        f"删除 {built.removed} 个已撤下的文件，用时 {seconds:.1f} 秒）")
    if args.timings and not args.json:
        print("；".join(f"{name} {seconds:.1f}s" for name, seconds in phases().items()), file=sys.stderr)
    return done(EXIT_OK)
