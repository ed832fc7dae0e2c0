"""Progress of a long build, as the clerk's terminal can show it: a live bar (rich) on a terminal, one plain line
per finished step elsewhere (CI logs, a file), nothing with --quiet or --json. Fed by core.timing's phases."""
from __future__ import annotations

import sys

from ..core import timing

LABELS = {
    "read and check data": "读取和检查数据",
    "names": "收集需要遮蔽的姓名",
    "decide and redact": "判断是否公开、遮蔽个人信息",
    "theme engine": "生成栏目和文章页面（MkDocs）",
    "pages and files": "生成记录页面、企业页面、下载文件和搜索索引",
    "sitemap": "生成网站地图",
    "remove what is gone": "删除已撤下的页面",
    "swap": "切换到新网站",
}


class Progress:
    """Use as a context manager around work that runs phases (the summary is printed after it has closed)."""

    def __init__(self, mode: str, stream=None):
        self.mode = mode  # "live", "lines" or "off"
        self.stream = stream if stream is not None else sys.stderr  # the one in use now, not at import
        self.live = None
        self.tasks: dict[str, int] = {}

    @classmethod
    def choose(cls, quiet: bool, stream=None) -> "Progress":
        stream = stream if stream is not None else sys.stderr
        if quiet:
            return cls("off", stream)
        return cls("live" if stream.isatty() else "lines", stream)

    def __enter__(self):
        if self.mode == "live":
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn, TextColumn, \
                TimeElapsedColumn

            self.live = Bar(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=Console(file=self.stream), transient=False)
            self.live.start()
        if self.mode != "off":
            timing.listen(self._hear)
        return self

    def __exit__(self, *exc):
        timing.listen(None)
        if self.live is not None:
            self.live.stop()
            self.live = None
        return False

    def _hear(self, event: str, name: str, done: float, total: float) -> None:
        label = LABELS.get(name)
        if label is None:
            return
        if self.live is not None:
            if event == "start":
                self.tasks[name] = self.live.add_task(label, total=None)
            elif name in self.tasks:
                task = self.tasks[name]
                if event == "step":
                    self.live.update(task, completed=done, total=total)
                else:
                    finished = self.live.tasks[task].total or 1
                    self.live.update(task, completed=finished, total=finished)
        elif event == "end":
            print(f"[进度] {label}：完成，用时 {done:.1f} 秒", file=self.stream, flush=True)
