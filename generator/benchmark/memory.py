"""Peak memory of a command and every process it starts: the sum of their proportional set sizes (PSS, from
/proc/<pid>/smaps_rollup), sampled while it runs. PSS counts a page shared by a forked worker and its parent
once between them, so the figure is what the machine really gave the build.
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

INTERVAL = 0.5  # seconds between samples: reading smaps_rollup of a large process costs CPU the build would use


@dataclass
class Run:
    returncode: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            found += [int(p) for p in text.split()]
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += _children(current)
    return pids


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_mb(pid: int) -> float:
    return sum(_pss_kb(p) for p in _tree(pid)) / 1024


def measure(command: list[str], cwd: Path | None = None, env: dict | None = None,
            on_line=None) -> Run:
    """Run command; its peak memory (all its processes, sampled) and wall time. on_line(line) is called with
    each line of its standard error as it comes (progress)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", errors="replace")
    peak = 0.0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss_mb(process.pid))
            done.wait(INTERVAL)

    err_lines: list[str] = []

    def read_err():
        for line in process.stderr:
            err_lines.append(line)
            if on_line:
                on_line(line.rstrip("\n"))

    sampler = threading.Thread(target=sample, daemon=True)
    reader = threading.Thread(target=read_err, daemon=True)
    sampler.start()
    reader.start()
    out = process.stdout.read()
    process.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    reader.join()
    return Run(process.returncode, seconds, round(peak, 1), out, "".join(err_lines))
