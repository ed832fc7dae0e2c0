"""`serve`: a local preview that rebuilds when content or data change."""
from __future__ import annotations

from pathlib import Path

from ..core.clock import Clock
from .common import EXIT_OK, as_of_date

NAME = "serve"
NEEDS_CONFIG = True


EPILOG = """示例：
  python -m generator serve                  然后在浏览器打开 http://127.0.0.1:8000/
  python -m generator serve -a 0.0.0.0:8000  让同一局域网的电脑也能访问预览
  python -m generator serve --as-of 2026-12-01

修改 content/ 或 data/ 中的文件并保存后，页面自动刷新。数据有错误时预览继续运行，
错误显示在终端和每个页面顶部，改好后自动消失；改好之前 build 不会发布网站。按 Ctrl+C 结束。"""


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="本地预览，修改内容或数据后自动刷新", description="在本机预览网站。", epilog=EPILOG)
    p.add_argument("--as-of", type=as_of_date, metavar="日期", help="按此日期判断公开与否（默认北京时间今天）")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="地址:端口", help="预览地址（默认 127.0.0.1:8000）")


def run(args, config_file: Path, clock: Clock) -> int:
    from ..adapters.mkdocs.serve import preview

    preview(config_file, args.dev_addr, args.as_of)
    return EXIT_OK
