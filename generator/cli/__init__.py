"""The command line: one module per command (build, check, serve, …). Thin: parse arguments, make a plan, run
it, print, exit. Each command module has NAME, NEEDS_CONFIG, add_parser(subparsers) and run(args, config_file,
clock).

The command line is an entry point: it is where today's date comes from (main's `clock`, which tests
replace), and nothing below it reads one.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.clock import Clock, system_today
from . import build, check, importer, new, serve
from .common import EXIT_BUILD

COMMANDS = (build, check, serve, new, importer)


def main(argv: list[str] | None = None, clock: Clock = system_today) -> int:
    commands = {module.NAME: module for module in COMMANDS}
    parser = argparse.ArgumentParser(prog="python -m generator", description="执法信息公开网站生成器")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="配置文件（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in commands.values():
        module.add_parser(sub)
    args = parser.parse_args(argv)
    config_file = args.config_file.resolve()
    if commands[args.command].NEEDS_CONFIG and not config_file.exists():
        print(f"找不到配置文件 {config_file}。请在网站目录（含 mkdocs.yml）下运行。", file=sys.stderr)
        return EXIT_BUILD
    return commands[args.command].run(args, config_file, clock)
