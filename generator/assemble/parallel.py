"""Work spread over the machine's cores with forked processes: a worker inherits the build's state (records,
templates) at no cost and gets only a job number; it returns small results or writes files itself.

Used where the work is per item and independent: data files, public views, pages.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_state: dict = {}


JOBS_VARIABLE = "DISCLOSURE_JOBS"  # a number of processes, for profiling (1) or a shared machine


def workers() -> int:
    """The machine's cores (at most 4: writing pages is then bound by the disk); one where fork is not
    available."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    wanted = os.environ.get(JOBS_VARIABLE, "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 4))


def run(job: Callable[[dict, T], R], items: Sequence[T], state: dict, processes: int | None = None,
        fresh: bool = False, on_done: Callable[[int, int], None] | None = None) -> list[R]:
    """job(state, item) for every item, in order. `state` is handed to the workers by fork, not by pickling.

    fresh: each job in a new worker, so what one job built up (a large index) is given back when it ends and
    no job inherits another's memory; otherwise workers keep what they loaded (a dictionary) between jobs.
    on_done(done, total) is called in this process as jobs finish (progress)."""
    processes = workers() if processes is None else processes
    tell = on_done or (lambda done, total: None)
    if processes <= 1 or len(items) <= 1:
        results = []
        for item in items:
            results.append(job(state, item))
            tell(len(results), len(items))
        return results
    _state.clear()
    _state.update(state)
    _state["__job__"] = job
    # Objects the workers inherit are moved out of the collector's reach first: a collection in a worker
    # would otherwise write to every object's header and so copy the parent's whole memory into each worker.
    gc.collect()
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(min(processes, len(items)),
                                                      maxtasksperchild=1 if fresh else None) as pool:
            results: list = [None] * len(items)
            for done, (number, result) in enumerate(pool.imap_unordered(_call_numbered, enumerate(items)), 1):
                results[number] = result
                tell(done, len(items))
            return results
    finally:
        gc.unfreeze()
        _state.clear()


def _call_numbered(numbered):
    number, item = numbered
    return number, _state["__job__"](_state, item)
