"""Reading and deciding run in a process of their own (`parallel.apart`), so that what they leave behind in
memory is not inherited by the page writers. What the build's process gets back must be what it would have
made itself: results, the objects it already had, exceptions, phases and progress."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.assemble import parallel
from generator.core import timing
from generator.recordtypes import REGISTRY

ROOT = Path(__file__).resolve().parent.parent


class Kept:
    """An object of this process, made before the fork."""


def test_the_result_comes_back_and_what_this_process_had_comes_back_as_itself():
    mine = Kept()

    def job():
        return {"number": 42, "mine": mine, "types": REGISTRY, "pid": os.getpid()}

    result = parallel.apart(job, keep=(mine, *REGISTRY))
    assert result["number"] == 42
    assert result["pid"] != os.getpid()  # it did run elsewhere
    assert result["mine"] is mine
    assert result["types"] == REGISTRY and all(a is b for a, b in zip(result["types"], REGISTRY))


def test_an_object_not_named_as_kept_comes_back_as_a_copy():
    mine = Kept()
    result = parallel.apart(lambda: mine)
    assert isinstance(result, Kept) and result is not mine


def test_objects_carried_in_bulk_come_back_once_where_the_result_refers_to_them():
    many = [Kept() for _ in range(parallel.BULK_PART * 2 + 3)]
    for number, thing in enumerate(many):
        thing.number = number

    def job():
        return {"all": many, "every_other": many[::2], "last": many[-1]}

    result = parallel.apart(job, bulk=lambda result: result["all"])
    assert [thing.number for thing in result["all"]] == list(range(len(many)))
    assert all(a is b for a, b in zip(result["every_other"], result["all"][::2]))
    assert result["last"] is result["all"][-1] and result["all"][0] is not many[0]


def test_an_exception_of_the_job_is_raised_here_with_where_it_happened():
    def job():
        raise ValueError("坏数据")

    with pytest.raises(ValueError, match="坏数据") as raised:
        parallel.apart(job)
    assert any("in job" in note and "ValueError" in note for note in raised.value.__notes__)


def test_an_exception_that_cannot_be_carried_arrives_as_its_text():
    class Local(Exception):  # a class defined in a function does not pickle
        pass

    def job():
        raise Local("不能传回的异常")

    with pytest.raises(RuntimeError, match="不能传回的异常"):
        parallel.apart(job)


@pytest.mark.parametrize("death", ["exit", "kill"])
def test_a_job_whose_process_dies_is_an_error_here_not_a_hang(death):
    def job():
        if death == "exit":
            os._exit(1)
        os.kill(os.getpid(), signal.SIGKILL)  # what the system does when memory runs out

    with pytest.raises(RuntimeError, match="意外中止"):
        parallel.apart(job)


def test_the_jobs_phases_are_heard_as_they_happen_and_timed_here():
    heard = []
    timing.reset()
    timing.listen(lambda event, name, done, total: heard.append((event, name, done, total)))
    try:
        def job():
            with timing.phase("read and check data"):
                timing.step("read and check data", 1, 2)
            return "done"

        assert parallel.apart(job) == "done"
        phases = timing.phases()
    finally:
        timing.listen(None)
        timing.reset()
    assert [(event, name) for event, name, _, _ in heard] == [
        ("start", "read and check data"), ("step", "read and check data"), ("end", "read and check data")]
    assert heard[1][2:] == (1, 2)
    assert "read and check data" in phases


def test_memory_the_job_left_behind_does_not_stay_with_this_process():
    """A job that keeps one small object in ten and drops the rest leaves most of its memory in holes; run
    apart, this process holds only what came back. Measured in a process of its own (the RSS of pytest's
    worker says nothing)."""
    script = textwrap.dedent("""
        import sys
        from generator.assemble import parallel
        from generator.core.memory import give_back

        def rss():
            give_back()
            return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) // 1024

        def job():
            kept, dropped = [], []
            for i in range(500_000):
                (kept if i % 10 == 0 else dropped).append(("x" * 40 + str(i), i, [i]))
            del dropped
            return kept

        before = rss()
        kept = parallel.apart(job) if sys.argv[1] == "apart" else job()
        print(rss() - before, len(kept))
    """)
    grown = {}
    for how in ("apart", "here"):
        out = subprocess.run([sys.executable, "-c", script, how], capture_output=True, text=True, cwd=ROOT,
                             check=True).stdout.split()
        assert out[1] == "50000"
        grown[how] = int(out[0])
    assert grown["here"] > 80, grown  # the holes stay when the job runs in this process...
    assert grown["apart"] < grown["here"] / 3, grown  # ...and leave with the job's process


def test_the_sample_built_as_a_large_site_is_the_same_site_byte_for_byte(sample_site, tmp_path, monkeypatch):
    """A large site is read and decided in a process of its own, and its pages and files written on all cores
    (the search index and the downloads in the build's own process beside the workers); forced here on the
    sample, the site and the clerk's report are those one process made of it (the session's sample build,
    too small for either)."""
    import shutil

    from conftest import PROJECT, SAMPLE_AS_OF
    from generator.assemble import writer
    from generator.cli import build, main

    def files(root: Path) -> dict[str, bytes]:
        found = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
        found.update((name, (root / name).read_bytes()) for name in ("site-report.csv", "site-report.html"))
        return found

    assert build.data_bytes(build.read_site_config(PROJECT / "mkdocs.yml")) < build.APART_FROM_BYTES
    root = tmp_path / "apart"
    for folder in ("content", "data", "theme"):
        shutil.copytree(PROJECT / folder, root / folder)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    real_apart, calls = parallel.apart, []
    monkeypatch.setattr(parallel, "apart", lambda job, **options: calls.append(options) or real_apart(job, **options))
    monkeypatch.setattr(build, "APART_FROM_BYTES", 0)
    real_run, jobs = parallel.run, []

    def spied_run(job, items, state, processes=None, **options):
        here = options.get("here", lambda item: False)
        jobs.extend((item, here(item)) for item in items)
        return real_run(job, items, state, processes, **options)

    monkeypatch.setattr(parallel, "run", spied_run)
    monkeypatch.setattr(writer, "PARALLEL_FROM", 0)
    assert main(["-f", str(root / "mkdocs.yml"), "build", "--strict", "--as-of", SAMPLE_AS_OF]) == 0
    assert len(calls) == 1
    assert any(mine for _, mine in jobs) and sum(not mine for _, mine in jobs) > 10  # both ways were taken
    here, apart = files(sample_site.parent), files(root)
    assert sorted(here) == sorted(apart)
    assert [path for path in here if here[path] != apart[path]] == []


def test_jobs_marked_here_run_in_this_process_while_the_workers_run_the_rest():
    def job(state, item):
        return item * state["factor"], os.getpid()

    results = parallel.run(job, list(range(12)), {"factor": 10}, processes=2, fresh=True,
                           here=lambda item: item % 5 == 0)
    assert [value for value, _ in results] == [n * 10 for n in range(12)]
    assert {n for n, (_, pid) in enumerate(results) if pid == os.getpid()} == {0, 5, 10}
