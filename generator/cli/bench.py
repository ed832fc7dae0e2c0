"""`bench`: build a whole site from synthetic data at a chosen scale and print what it measured."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from ..benchmark.plot import record, recorded, svg
from ..benchmark.run import as_json, benchmark
from ..core.clock import Clock
from .common import EXIT_BUILD, EXIT_OK, as_of_date

NAME = "bench"
MARK = ".disclosure-bench"  # in a folder the benchmark made: it may be written again
NEEDS_CONFIG = True

EPILOG = """示例：
  python -m generator bench --cases 20000 --blacklist 4000
  python -m generator bench --cases 100000 --blacklist 20000 --json --keep /dev/shm/bench
  python -m generator bench --cases 500000 --blacklist 100000 --record bench/scale.json --plot bench/scale.svg

数据是虚构的（示例市的企业），按年份和区县分成多个 XLSX/CSV 文件，和业务科室交来的一样。
测量：完整构建、无改动重建、改一条罚款后重建（各为独立进程，内存为进程树的 PSS 峰值），
Chromium 中搜索的下载量，以及同样记录直接用 MkDocs + Material 构建的速度。结果写入 BENCHMARKS.md 时请注明机器和磁盘。"""


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="用合成数据测量构建速度、内存和搜索下载量",
                       description="用合成数据生成整个网站并测量。", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", type=int, default=20000, metavar="条数", help="行政处罚条数（默认 20000）")
    p.add_argument("--blacklist", type=int, default=None, metavar="条数", help="失信名单条数（默认为行政处罚的 20%%）")
    p.add_argument("--as-of", type=as_of_date, metavar="日期", help="按哪一天的规则公开（默认今天）")
    p.add_argument("--keep", type=Path, metavar="目录", help="在这个目录里构建并保留（默认用临时目录，结束后删除）")
    p.add_argument("--json", action="store_true", help="只在标准输出打印一个 JSON 对象")
    p.add_argument("--record", type=Path, metavar="文件", help="把结果加入这个 JSON 文件（同样规模的旧结果被替换）")
    p.add_argument("--plot", type=Path, metavar="文件", help="按 --record 文件中的全部结果画出用时和内存随记录数变化的 SVG 图")


def bench_folder(folder: Path) -> bool:
    """Whether the benchmark may write into folder: new, empty, or one it made before."""
    if not folder.exists():
        return True
    return folder.is_dir() and not folder.is_symlink() and ((folder / MARK).is_file() or not any(folder.iterdir()))


def run(args, config_file: Path, clock: Clock) -> int:
    as_of = args.as_of or clock()
    if args.plot and not args.record:
        print("--plot 需要和 --record 一起用：图按记录下来的各次结果画出", file=sys.stderr)
        return EXIT_BUILD
    if args.record:
        try:
            recorded(args.record)  # before a run of an hour, not after it
        except ValueError as exc:
            print(f"{exc}。请换一个新的文件名，或用以前 --record 写下的文件", file=sys.stderr)
            return EXIT_BUILD
    blacklist = args.blacklist if args.blacklist is not None else args.cases // 5
    if args.keep and not bench_folder(args.keep):
        print(f"{args.keep} 中已有不是测量程序建立的文件，测量会替换其中的 content/、data/、theme/，已拒绝，未做任何改动。"
              "请换一个新的（或空的）文件夹", file=sys.stderr)
        return EXIT_BUILD
    folder = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="disclosure-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARK).write_text("python -m generator bench\n", encoding="utf-8")
    say = (lambda line: print(line, file=sys.stderr, flush=True))
    try:
        result = benchmark(folder, config_file.parent, args.cases, blacklist, as_of, say)
    except RuntimeError as exc:
        print(f"测量中断：{exc}", file=sys.stderr)
        return EXIT_BUILD
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    if args.record:
        results = record(args.record, asdict(result))
        if args.plot:
            args.plot.write_text(svg(results), encoding="utf-8")
    if args.json:
        print(as_json(result))
    else:
        print(as_json(result), file=sys.stderr)
    return EXIT_OK
