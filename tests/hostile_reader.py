"""Reads one data folder the way `check` does, in a child process, and says what it cost (test_hostile.py).

The children are forked from a server process that has imported the generator and loaded the word
dictionary once (multiprocessing's forkserver, with this module preloaded), so a child costs the reading, not
a Python start-up. A child's peak memory (VmHWM) counts what it shares with that server, as a freshly started
child counted its own imports.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import time
from multiprocessing import forkserver
from pathlib import Path

from conftest import read_folder
from generator.core.personal.names import frequency
from generator.core.problems import Report
from generator.core.settings import Settings
from generator.intake.campaigns import read_campaigns
from generator.intake.validate import validate_rows
from generator.recordtypes import REGISTRY

frequency("字典")  # the word dictionary, loaded once in the server


def read(root: Path, kind: str, options: dict) -> dict:
    start = time.perf_counter()
    settings = Settings(**options)
    report = Report()
    if kind == "campaigns":
        records = len(read_campaigns(root / "data" / kind, report, root, settings))
    else:
        rtype = next(t for t in REGISTRY if t.name == kind)
        rows = read_folder(root / "data" / kind, rtype, report, root, settings)
        good, problems, _ = validate_rows(rows, rtype, settings)
        report.extend(problems)
        records = len(good)
    status = Path("/proc/self/status")
    own = [int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmHWM")] \
        if status.exists() else []
    return {"problems": [p.as_dict() | {"text": p.text()} for p in report.problems], "records": records,
            "seconds": time.perf_counter() - start,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "own_peak_mb": own[0] / 1024 if own else None}


def _child(root: Path, kind: str, options: dict, sender) -> None:
    try:
        sender.send(("ok", read(root, kind, options)))
    except BaseException as exc:  # the test shows what went wrong in the child
        import traceback

        sender.send(("error", f"{exc!r}\n{traceback.format_exc()}"))


_CONTEXT = None


def read_in_child(root: Path, kind: str, options: dict, timeout: float) -> dict:
    """read() in a forked child; an AssertionError if it fails or has not finished within `timeout` seconds."""
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = multiprocessing.get_context("forkserver")
        _CONTEXT.set_forkserver_preload(["hostile_reader"])
        # Python 3.11's fork server does not take over the test process's sys.path (it is passed and unused):
        # it finds this module and the generator through PYTHONPATH, set only while it starts
        here = Path(__file__).resolve().parent
        before = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = os.pathsep.join([str(here), str(here.parent), *filter(None, [before])])
        try:
            forkserver.ensure_running()
        finally:
            if before is None:
                del os.environ["PYTHONPATH"]
            else:
                os.environ["PYTHONPATH"] = before
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(root, kind, options, sender))
    child.start()
    sender.close()
    try:
        assert receiver.poll(timeout), f"reading {root} took more than {timeout} s"
        outcome, value = receiver.recv()
    finally:
        child.kill()
        child.join()
    assert outcome == "ok", value
    return value
