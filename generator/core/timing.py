"""How long each phase of a build took: measured with the process clock's monotonic counter (durations, not
dates), reported by `build --timings` and the benchmark. A listener (the command line's progress display)
hears each phase start and end, and the steps of long ones; only in the process that registered it, never in
a worker."""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from typing import Callable

_phases: dict[str, float] = {}
# listener(event, name, done, total): event is "start", "step" or "end"
Listener = Callable[[str, str, float, float], None]
_listeners: list[tuple[int, Listener]] = []


def listen(listener: Listener | None) -> None:
    """Hear phases from this process (None: stop hearing)."""
    _listeners.clear()
    if listener is not None:
        _listeners.append((os.getpid(), listener))


def _tell(event: str, name: str, done: float = 0, total: float = 0) -> None:
    for pid, listener in _listeners:
        if pid == os.getpid():
            listener(event, name, done, total)


def relay(event: str, name: str, done: float, total: float) -> None:
    """An event heard from another process that ran phases for this one (`assemble.parallel.apart`)."""
    _tell(event, name, done, total)


def step(name: str, done: int, total: int) -> None:
    """Part `done` of `total` of a phase is finished."""
    _tell("step", name, done, total)


@contextmanager
def phase(name: str):
    started = time.perf_counter()
    _tell("start", name)
    try:
        yield
    finally:
        seconds = time.perf_counter() - started
        _phases[name] = _phases.get(name, 0.0) + seconds
        _tell("end", name, seconds)


def add_phase(name: str, seconds: float) -> None:
    """Time measured elsewhere (in a worker process): summed, so a phase run on two cores counts both."""
    _phases[name] = _phases.get(name, 0.0) + seconds


def phases() -> dict[str, float]:
    return dict(_phases)


def reset() -> None:
    _phases.clear()
