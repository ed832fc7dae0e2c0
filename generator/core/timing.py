"""How long each phase of a build took: measured with the process clock's monotonic counter (durations, not
dates), reported by `build --timings` and the benchmark."""
from __future__ import annotations

import time
from contextlib import contextmanager

_phases: dict[str, float] = {}


@contextmanager
def phase(name: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        _phases[name] = _phases.get(name, 0.0) + time.perf_counter() - started


def add_phase(name: str, seconds: float) -> None:
    """Time measured elsewhere (in a worker process): summed, so a phase run on two cores counts both."""
    _phases[name] = _phases.get(name, 0.0) + seconds


def phases() -> dict[str, float]:
    return dict(_phases)


def reset() -> None:
    _phases.clear()
