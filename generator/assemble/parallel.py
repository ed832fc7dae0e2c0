"""Work spread over the machine's cores with forked processes: a worker inherits the build's state (records,
templates) at no cost and gets only a job number; it returns small results or writes files itself.

Used where the work is per item and independent: data files, public views, pages.
"""
from __future__ import annotations

import copyreg
import gc
import multiprocessing
import os
import pickle
import sys
import tempfile
import traceback
from typing import Callable, Iterable, Sequence, TypeVar

from ..core import timing
from ..core.memory import collector_paused

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
        fresh: bool = False, on_done: Callable[[int, int], None] | None = None,
        here: Callable[[T], bool] = lambda item: False) -> list[R]:
    """job(state, item) for every item, in order. `state` is handed to the workers by fork, not by pickling.

    fresh: each job in a new worker, so what one job built up (a large index) is given back when it ends and
    no job inherits another's memory; otherwise workers keep what they loaded (a dictionary) between jobs.
    here(item): that job runs in this process while the workers run the others.
    on_done(done, total) is called in this process as jobs finish (progress)."""
    processes = workers() if processes is None else processes
    tell = on_done or (lambda done, total: None)
    if processes <= 1 or len(items) <= 1:
        results = []
        for item in items:
            results.append(job(state, item))
            tell(len(results), len(items))
        return results
    mine = [number for number, item in enumerate(items) if here(item)]
    theirs = [(number, item) for number, item in enumerate(items) if not here(item)]
    _state.clear()
    _state.update(state)
    _state["__job__"] = job
    # Objects the workers inherit are moved out of the collector's reach first: a collection in a worker
    # would otherwise write to every object's header and so copy the parent's whole memory into each worker.
    gc.collect()
    gc.freeze()
    try:
        # Results arrive pickled and are loaded here without collections (workers collect as usual).
        with collector_paused(), multiprocessing.get_context("fork").Pool(
                max(1, min(processes, len(theirs))), initializer=gc.enable,
                maxtasksperchild=1 if fresh else None) as pool:
            results: list = [None] * len(items)
            running = pool.imap_unordered(_call_numbered, theirs)  # the workers start on these now
            with collector_paused(False):
                for done, number in enumerate(mine, 1):
                    results[number] = job(state, items[number])
                    tell(done, len(items))
            for done, (number, result) in enumerate(running, len(mine) + 1):
                results[number] = result
                tell(done, len(items))
            return results
    finally:
        gc.unfreeze()
        _state.clear()


def _call_numbered(numbered):
    number, item = numbered
    return number, _state["__job__"](_state, item)


_kept: dict[int, object] = {}


def apart(job: Callable[[], R], keep: Iterable[object] = (), scratch: "os.PathLike | str | None" = None,
          bulk: Callable[[R], Sequence] | None = None) -> R:
    """job() in a forked process, its result brought back here by pickle through a file in `scratch`.

    What the job allocates and drops (rows read, records, their temporaries) leaves with that process: done
    here, it would stay behind as half-empty memory the page writers forked later inherit (at 100,000 records,
    a third of this process). Objects in `keep`, made before the fork, come back as themselves, not as copies
    (the record types, the site's configuration). The job's phases are heard here as they happen and added to
    this process's timings; an exception it raises is raised here, with its traceback as a note.

    bulk(result): the many small objects of the result (a site's public entries), carried first in parts of
    BULK_PART, each part remembering only its own objects, and referred to by number after that: one pickle of
    the whole would remember every object it has written (7 million at 100,000 records, a third of the
    memory of the process that writes it)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return job()
    _kept.clear()
    _kept.update((id(thing), thing) for thing in keep)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        outcome, value, seconds, told = _apart(job, bulk, scratch)
    finally:
        _kept.clear()
    for name, spent in seconds.items():
        timing.add_phase(name, spent)
    if outcome == "raised":
        value.add_note(told)
        raise value
    return value


def _apart(job: Callable[[], R], bulk: Callable[[R], Sequence] | None, scratch) -> tuple:
    with tempfile.TemporaryFile(dir=scratch) as out:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the job's process: never returns
            os.close(read_end)
            _run_apart(job, bulk, out, os.fdopen(write_end, "w", encoding="utf-8"))
        os.close(write_end)
        with os.fdopen(read_end, encoding="utf-8") as events:
            for line in events:
                event, name, done, total = line.rstrip("\n").split("\t")
                timing.relay(event, name, float(done), float(total))
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not out.tell():
            raise RuntimeError(f"生成过程中的一个进程意外中止（退出状态 {os.waitstatus_to_exitcode(status)}），"
                               "可能是内存不足")
        out.seek(0)
        try:
            with collector_paused():
                for _ in range(pickle.load(out)):
                    _bulk.extend(pickle.load(out))
                return pickle.load(out)
        finally:
            _bulk.clear()


def _run_apart(job: Callable[[], R], bulk: Callable[[R], Sequence] | None, out, events) -> None:
    def forward(event: str, name: str, done: float, total: float) -> None:
        events.write(f"{event}\t{name}\t{done}\t{total}\n")
        events.flush()

    before = timing.phases()
    timing.listen(forward)
    try:
        try:
            outcome, value, told = "returned", job(), ""
        except BaseException as exc:  # everything is brought back and raised in the parent
            outcome, value, told = "raised", exc, "".join(traceback.format_exc())
        seconds = {name: spent - before.get(name, 0.0) for name, spent in timing.phases().items()
                   if spent != before.get(name, 0.0)}
        try:
            many = list(bulk(value)) if bulk is not None and outcome == "returned" else []
            kept = {type(thing) for thing in _kept.values()}
            parts = range(0, len(many), BULK_PART)
            pickle.dump(len(parts), out)
            for start in parts:
                _carrier(out, kept).dump(many[start:start + BULK_PART])
            _numbered.update((id(thing), number) for number, thing in enumerate(many))
            _carrier(out, kept | {type(thing) for thing in many}).dump((outcome, value, seconds, told))
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):  # what does not pickle: its text does
            out.seek(0)
            out.truncate()
            pickle.dump(0, out)
            pickle.dump(("raised", RuntimeError(told or traceback.format_exc()), seconds, told), out)
        out.flush()
        events.close()
    finally:
        os._exit(0)


BULK_PART = 2000
_bulk: list = []  # in the process that loads: the objects carried in bulk
_numbered: dict[int, int] = {}  # in the process that writes: their numbers, by id


def _carrier(out, types: set[type]) -> pickle.Pickler:
    """A pickler that does not write the objects of `_kept` (one this process had before the fork goes by its
    id: the other process has it under the same id) nor those carried in bulk (by their number). Only objects
    of `types` are looked up: asking about every object would cost a quarter of the time."""
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, **{kind: _by_reference for kind in types}}
    return pickler


def _by_reference(obj):
    if id(obj) in _kept:
        return _kept_object, (id(obj),)
    number = _numbered.get(id(obj))
    return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL) if number is None else (_bulk_item, (number,))


def _kept_object(key: int):
    return _kept[key]


def _bulk_item(number: int):
    return _bulk[number]
