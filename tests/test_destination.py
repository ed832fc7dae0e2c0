"""The output folder is the generator's own: `build -d` refuses every folder that holds what it did not write,
with exit 2 and nothing touched; a bug is a bug report with exit 3."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, at_day, case_row
from generator.assemble import generations


def _tree(root: Path) -> dict[str, str]:
    """Every file and link under root (the project, .git-like folders included) and its content digest."""
    found = {}
    for top, folders, files in os.walk(root):
        for name in files + [f for f in folders if os.path.islink(os.path.join(top, f))]:
            path = Path(top) / name
            rel = path.relative_to(root).as_posix()
            found[rel] = os.readlink(path) if path.is_symlink() else hashlib.sha1(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def project(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    (fixture_site.root / ".git").mkdir()
    (fixture_site.root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (fixture_site.root / "notes").mkdir()
    (fixture_site.root / "notes" / "plan.txt").write_text("mine")
    (fixture_site.root / "a-file.txt").write_text("mine")
    os.symlink(fixture_site.root / "notes", fixture_site.root / "link-elsewhere")
    return fixture_site


@pytest.mark.parametrize("where", [".", "content", "data", "data/cases", "theme", "notes", "a-file.txt",
                                   "link-elsewhere", "content/preview", "data/preview", "theme/x", ".disclosure", ".."])
def test_every_folder_that_is_not_the_generators_own_is_refused_and_nothing_is_touched(project, where, capsys):
    root = project.root
    (root / ".disclosure").mkdir(exist_ok=True)
    (root / ".disclosure" / "keep.txt").write_text("history")
    before = _tree(root.parent)
    assert project.run("build", "--as-of", "2026-06-01", "-d", str(root / where)) == 2
    err = capsys.readouterr().err
    assert "已拒绝" in err and "未做任何改动" in err
    assert _tree(root.parent) == before


def test_a_new_an_empty_and_a_previously_built_folder_are_accepted(project, tmp_path):
    new, empty = tmp_path / "new" / "deep", tmp_path / "empty"
    empty.mkdir()
    for target in (new, empty, new, project.site, project.site):  # each twice: a build's own folder is reused
        assert project.run("build", "--as-of", "2026-06-01", "-d", str(target)) == 0
        assert (target / "cases" / "index.html").is_file()
    assert generations.live_name(new) in generations.NAMES


def test_a_folder_plain_mkdocs_build_made_is_accepted(project):
    # plain MkDocs asks the machine's clock: the test sets it (a live build dated after today is refused)
    done = subprocess.run(at_day([sys.executable, "-m", "mkdocs", "build", "-q"]), cwd=project.root,
                          capture_output=True, text=True, env=dict(os.environ, DISCLOSURE_AS_OF="2026-06-01"),
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (project.site / generations.TOKEN).read_text() == generations.PLAIN_TOKEN
    assert project.run("build", "--as-of", "2026-06-01") == 0
    assert project.site.is_symlink()


def test_a_folder_of_generations_that_is_not_the_generators_is_refused(project):
    store = generations.folder_of(project.site)
    store.mkdir()
    (store / "photos").mkdir()
    assert project.run("build", "--as-of", "2026-06-01") == 2
    assert (store / "photos").is_dir() and not project.site.exists()


def test_bench_keeps_out_of_folders_it_did_not_make(project, capsys):
    from generator.cli import main

    before = _tree(project.root)
    assert main(["-f", str(project.config), "bench", "--cases", "10", "--keep", str(project.root)]) == 2
    assert "已拒绝" in capsys.readouterr().err
    assert _tree(project.root) == before


def test_an_unexpected_exception_is_a_bug_report_with_exit_3():
    code = ("import runpy, generator.cli as cli\n"
            "def broken(*args, **kwargs):\n    raise ZeroDivisionError('planted')\n"
            "cli.main = broken\nrunpy.run_module('generator', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3
    assert "ZeroDivisionError: planted" in done.stderr and "程序内部错误" in done.stderr
