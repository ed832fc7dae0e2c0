"""The command line: one module per command (build, check, serve, …). Thin: parse arguments, make a plan, run
it, print, exit. Each command module has NAME, NEEDS_CONFIG, add_parser(subparsers) and run(args, config_file,
clock).

The command line is an entry point: it is where today's date comes from (main's `clock`, which tests
replace), and nothing below it reads one.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..core.clock import Clock, system_today
from . import bench, build, check, importer, new, serve
from .common import EXIT_BUILD
from .parser import ChineseParser

EPILOG = """每个命令都有自己的帮助，例如：python -m generator build --help

退出码：0 成功；1 数据有错误（网站未生成）；2 配置、参数、输出目录或生成过程出错（网站未生成）；3 程序内部错误（请报告维护人员）。"""

COMMANDS = (build, check, serve, new, importer, bench)


def main(argv: list[str] | None = None, clock: Clock = system_today) -> int:
    commands = {module.NAME: module for module in COMMANDS}
    parser = ChineseParser(prog="python -m generator", description="执法信息公开网站生成器", epilog=EPILOG)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, metavar="文件",
                        help="配置文件（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", required=True, title="命令", metavar="命令")
    for module in commands.values():
        module.add_parser(sub)
    args = parser.parse_args(argv)
    config_file = args.config_file.resolve()
    if commands[args.command].NEEDS_CONFIG and not config_file.exists():
        print(f"找不到配置文件 {config_file}。请在网站目录（含 mkdocs.yml）下运行。", file=sys.stderr)
        return EXIT_BUILD
    return commands[args.command].run(args, config_file, clock)
