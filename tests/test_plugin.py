"""The MkDocs adapter: plain `mkdocs build` makes the same plan itself and builds the same site."""
from __future__ import annotations

import shutil
import subprocess
import sys

import golden
from conftest import PROJECT, at_day


def test_plain_mkdocs_build_of_the_sample_is_the_golden_site(tmp_path):
    for name in ("content", "data", "theme"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    shutil.copy(PROJECT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    # MkDocs is the command here: the plugin asks the clock, which faketime sets to the golden's as-of date
    done = subprocess.run(at_day([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]), cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    built, expected = golden.snapshot(tmp_path / "site"), golden.stored("sample")
    assert built == expected, golden.differences(expected, built)
    assert (tmp_path / ".disclosure" / "manifest.json").exists()  # a live build moves the change log on
