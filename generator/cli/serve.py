"""`serve`: a local preview that rebuilds when content or data change."""
from __future__ import annotations

import os
from pathlib import Path

from ..adapters.mkdocs.plugin import AS_OF_VARIABLE
from ..core.clock import Clock
from .common import EXIT_OK, as_of_date

NAME = "serve"
NEEDS_CONFIG = True


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="本地预览，修改内容或数据后自动刷新")
    p.add_argument("--as-of", type=as_of_date)
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")


def run(args, config_file: Path, clock: Clock) -> int:
    from mkdocs.commands.serve import serve

    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    if args.as_of:
        os.environ[AS_OF_VARIABLE] = args.as_of.isoformat()
    serve(str(config_file), dev_addr=args.dev_addr, livereload=True)
    return EXIT_OK
