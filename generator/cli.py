"""Commands: build, check, serve. Thin: parse arguments, call the pipeline, print, exit."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from .normalise import PLAUSIBLE_YEARS, Invalid, parse_date
from .pipeline import check as run_check, publish
from .problems import Report

EXIT_OK, EXIT_DATA, EXIT_BUILD = 0, 1, 2


def _as_of(text: str) -> date:
    try:
        day = parse_date(text, allow_roc=False)
    except Invalid as exc:
        raise argparse.ArgumentTypeError(f"--as-of：{exc.message}") from None
    if not PLAUSIBLE_YEARS[0] <= day.year <= PLAUSIBLE_YEARS[1]:
        raise argparse.ArgumentTypeError(f"--as-of：日期超出合理范围（{PLAUSIBLE_YEARS[0]}—{PLAUSIBLE_YEARS[1]} 年）")
    return day


def main(argv: list[str] | None = None) -> int:
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
    return {"build": cmd_build, "check": cmd_check, "serve": cmd_serve}[args.command](args, config_file)


def _summary(settings, dataset, report: Report, as_of: date | None) -> dict:
    return _summarise(publish(dataset, settings, settings.today(as_of)), dataset, report)


def _summarise(pub, dataset, report: Report) -> dict:
    counts = pub.counts(dataset)
    return {
        "as_of": pub.as_of.isoformat(),
        "problems": [p.as_dict() for p in report.sorted()],
        "records": counts,
        "next_change": pub.next_change.isoformat() if pub.next_change else None,
        "leaving_soon": [{"kind": e.kind, "id": e.view.get("decision_no") or e.slug, "last_day": e.last_day.isoformat()}
                         for e in pub.leaving_soon],
        "masked": {f"{field}:{kind}": n for (field, kind), n in sorted(pub.redactions.counts.items())},
    }


def _print_summary(summary: dict, report: Report, stream=None) -> None:
    from .disclosure import REASONS

    stream = stream or sys.stdout
    if report.problems:
        print(report.text(), file=stream)
        print(file=stream)
    labels = {"cases": "行政处罚", "blacklist": "失信名单"}
    for name, c in summary["records"].items():
        reasons = "，".join(f"{REASONS.get(r, r)} {n}" for r, n in sorted(c["withheld_by_reason"].items()))
        print(f"{labels[name]}：读取 {c['read']} 条，公开 {c['published']}，暂不公开 {c['withheld']}"
              f"{'（' + reasons + '）' if reasons else ''}，退回 {c['rejected']}", file=stream)
    if summary["masked"]:
        print("已遮蔽个人信息：" + "，".join(f"{k} {n}" for k, n in summary["masked"].items()), file=stream)
    for item in summary["leaving_soon"]:
        print(f"即将撤下：{item['id']}（最后公示日 {item['last_day']}）", file=stream)
    print(f"判断日期 {summary['as_of']}；下次公开内容变化：{summary['next_change'] or '无'}（请在当天重新生成网站）",
          file=stream)
    n = report.counts()
    print(f"错误 {n.get('error', 0)} 个，警告 {n.get('warning', 0)} 个，提示 {n.get('note', 0)} 个", file=stream)


def cmd_check(args, config_file: Path) -> int:
    settings, dataset, report = run_check(config_file.parent, config_file)
    summary = _summary(settings, dataset, report, args.as_of)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print_summary(summary, report)
    return EXIT_DATA if report.has_errors(args.strict) else EXIT_OK


def cmd_build(args, config_file: Path) -> int:
    """Check everything first; build into a fresh directory; swap it in only when the build succeeded."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    settings, dataset, report = run_check(config_file.parent, config_file)
    pub = publish(dataset, settings, settings.today(args.as_of))
    _print_summary(_summarise(pub, dataset, report), report, sys.stderr)
    if report.has_errors(args.strict):
        print("数据有错误，网站未生成，原有网站保持不变。请按上面的提示修改后重试。", file=sys.stderr)
        return EXIT_DATA
    try:
        config = load_config(str(config_file), strict=args.strict)
    except (Exception, SystemExit) as exc:  # a broken mkdocs.yml (MkDocs raises Abort): a message, never a traceback
        print(f"mkdocs.yml 有误，网站未生成：{exc}", file=sys.stderr)
        return EXIT_BUILD
    config_site_dir = config.site_dir
    target = (args.site_dir or Path(config_site_dir)).resolve()
    live = target == Path(config_site_dir).resolve()
    today = settings.today()
    if live and pub.as_of > today:
        print(f"--as-of {pub.as_of} 晚于今天（{today}）：按未来日期生成会提前公开尚未到公示日期的信息，"
              "不能生成到正式网站目录。预览请用 -d 指定其他目录。", file=sys.stderr)
        return EXIT_BUILD
    if live and pub.as_of < today:
        print(f"注意：按较早的日期 {pub.as_of} 生成，网站中可能含有今天已到期或已撤销的信息，请勿直接发布。", file=sys.stderr)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server running as another user must read it
    try:
        config.site_dir = str(staging)
        plugin = config.plugins["disclosure"]
        plugin.as_of_override, plugin.strict, plugin.prepared = args.as_of, args.strict, (settings, dataset, pub)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except Exception as exc:  # MkDocs, plugin or theme failure: nothing is swapped in
        shutil.rmtree(staging, ignore_errors=True)
        print(f"生成失败，原有网站保持不变：{exc}", file=sys.stderr)
        return EXIT_BUILD
    _swap(staging, target)
    # Only the site people see moves the change log on, not a copy built elsewhere with -d;
    # a rebuild of an earlier day is not saved either (History.save).
    if live:
        plugin.save_history()
    pages = sum(1 for _ in target.rglob("index.html"))
    print(f"网站已生成：{target}（{pages} 个页面，用时 {time.perf_counter() - started:.1f} 秒）", file=sys.stderr)
    return EXIT_OK


def _swap(staging: Path, target: Path) -> None:
    """Replace target with staging: two renames on one filesystem, so no half-written site is ever served."""
    old = None
    if target.exists():
        old = target.with_name(f".site-old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cmd_serve(args, config_file: Path) -> int:
    from mkdocs.commands.serve import serve

    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    if args.as_of:
        os.environ["DISCLOSURE_AS_OF"] = args.as_of.isoformat()
    serve(str(config_file), dev_addr=args.dev_addr, livereload=True)
    return EXIT_OK
