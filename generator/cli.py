"""Commands: build, check, serve. Thin: parse arguments, make a plan, run it, print, exit.

The command line is an entry point: it is where today's date comes from (main's `clock`, which tests
replace), and nothing below it reads one.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

from .adapters.mkdocs.build import BuildFailed, render
from .adapters.mkdocs.config import SiteConfigError, read_site_config
from .adapters.mkdocs.plugin import AS_OF_VARIABLE
from .build import staging
from .build.pipeline import Prepared, finish, inspect, make_plan, prepare
from .build.summary import counts_line, summary
from .core.clock import Clock, system_today
from .core.dates import PLAUSIBLE_YEARS, parse_date, plausible
from .core.problems import Invalid, Report
from .recordtypes import REGISTRY
from .rules.windows import REASONS

EXIT_OK, EXIT_DATA, EXIT_BUILD = 0, 1, 2


def _as_of(text: str) -> date:
    try:
        day = parse_date(text, allow_roc=False)
    except Invalid as exc:
        raise argparse.ArgumentTypeError(f"--as-of：{exc.message}") from None
    if not plausible(day):
        raise argparse.ArgumentTypeError(f"--as-of：日期超出合理范围（{PLAUSIBLE_YEARS[0]}—{PLAUSIBLE_YEARS[1]} 年）")
    return day


def main(argv: list[str] | None = None, clock: Clock = system_today) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="执法信息公开网站生成器")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="配置文件（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", required=True)

    p_build = sub.add_parser("build", help="检查数据并生成网站到 site/")
    p_build.add_argument("--as-of", type=_as_of, help="按此日期判断公开与否（YYYY-MM-DD，默认北京时间今天）")
    p_build.add_argument("--strict", action="store_true", help="把警告也当作错误")
    p_build.add_argument("-d", "--site-dir", type=Path, help="输出目录（默认 mkdocs.yml 的 site_dir，即 site/）")

    p_check = sub.add_parser("check", help="只读取和检查数据，不写任何文件")
    p_check.add_argument("--as-of", type=_as_of)
    p_check.add_argument("--strict", action="store_true")
    p_check.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    p_serve = sub.add_parser("serve", help="本地预览，修改内容或数据后自动刷新")
    p_serve.add_argument("--as-of", type=_as_of)
    p_serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")

    args = parser.parse_args(argv)
    config_file = args.config_file.resolve()
    if not config_file.exists():
        print(f"找不到配置文件 {config_file}。请在网站目录（含 mkdocs.yml）下运行。", file=sys.stderr)
        return EXIT_BUILD
    command = {"build": cmd_build, "check": cmd_check, "serve": cmd_serve}[args.command]
    return command(args, config_file, clock)


def _print_summary(data: dict, report: Report, labels: dict[str, str], stream) -> None:
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


def _labels(prepared: Prepared) -> dict[str, str]:
    return {rtype.name: rtype.short_label for rtype in prepared.plan.registry}


def cmd_check(args, config_file: Path, clock: Clock) -> int:
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
        _print_summary(data, plan.report, _labels(prepared), sys.stdout)
    return EXIT_DATA if plan.failed() else EXIT_OK


def cmd_build(args, config_file: Path, clock: Clock) -> int:
    """Check everything first; build into a fresh directory; swap it in only when the build succeeded."""
    started = time.perf_counter()
    try:
        site = read_site_config(config_file)
    except SiteConfigError as exc:
        print(f"{exc}，网站未生成", file=sys.stderr)
        return EXIT_BUILD
    plan = make_plan(site, REGISTRY, today=clock(), as_of=args.as_of, strict=args.strict, output_dir=args.site_dir)
    prepared = prepare(plan)
    _print_summary(summary(prepared), plan.report, _labels(prepared), sys.stderr)
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
    folder = staging.create(target)
    try:
        render(prepared, folder)
    except BuildFailed as exc:
        staging.discard(folder)
        print(f"生成失败，原有网站保持不变：{exc}", file=sys.stderr)
        return EXIT_BUILD
    staging.swap(folder, target)
    finish(prepared)
    pages = sum(1 for _ in target.rglob("index.html"))
    print(f"网站已生成：{target}（{pages} 个页面，用时 {time.perf_counter() - started:.1f} 秒）", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args, config_file: Path, clock: Clock) -> int:
    from mkdocs.commands.serve import serve

    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    if args.as_of:
        os.environ[AS_OF_VARIABLE] = args.as_of.isoformat()
    serve(str(config_file), dev_addr=args.dev_addr, livereload=True)
    return EXIT_OK
