"""`python -m generator serve` as an editor uses it: a data error does not stop the preview; the error shows in
the terminal and as a banner on the pages, and goes away once the file is fixed and saved."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import PROJECT, case_row


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait(predicate, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_keeps_running_on_a_data_error_and_shows_it_until_fixed(fixture_site, tmp_path):
    fixture_site.cases_csv([case_row(1), case_row(2, 处罚决定日期="2026-13-45")])
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    # the preview watches files on the machine's real clock: a faked one (`make test-dates`) stops its watcher,
    # and a preview's dates are its --as-of, not the machine's
    real_clock = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME", "FAKETIME_SHARED")}
    temporary = tmp_path / "tmp"  # the system's temporary folder, as the preview sees it
    temporary.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}",
                                "--as-of", "2026-06-01"], cwd=fixture_site.root,
                               env={**real_clock, "TMPDIR": str(temporary)},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                               errors="replace")
    try:
        assert _wait(lambda: "serve-banner" in (_get(base) or "")), "the preview did not come up with a banner"
        page = _get(base)
        assert "数据检查未通过" in page and "2026-13-45" in page and "处罚决定日期" in page
        assert process.poll() is None  # still running
        fixture_site.cases_csv([case_row(1), case_row(2)])  # the clerk fixes the date and saves
        assert _wait(lambda: (p := _get(base)) is not None and "serve-banner" not in p and "<html" in p)
        record = _get(base + "cases/%E6%B5%8B%E8%AF%95%E5%B8%82%E7%9B%91%E7%BD%9A-2026-1%E5%8F%B7/")
        assert record and "测试市第1消防器材有限公司" in record  # record pages are previewed too
        # impossible dates and broken YAML in a post and in a campaign file: positioned problems, never the end
        posts = fixture_site.root / "content" / "news" / "posts"
        posts.mkdir(parents=True)
        (posts / "bad.md").write_text("---\ntitle: 日期不存在\ndate: 2026-02-30\n---\n\n正文。\n", encoding="utf-8")
        (posts / "broken.md").write_text("---\ntitle: [未闭合\n---\n\n正文。\n", encoding="utf-8")
        (fixture_site.root / "data" / "campaigns" / "c.yaml").write_text(
            "id: c\ntitle: 行动\nauthority: 局\nstart: 2026-02-30\nend: 2026-03-01\n", encoding="utf-8")
        assert _wait(lambda: "bad.md" in (_get(base) or "") and "c.yaml" in (_get(base) or ""))
        assert "broken.md" in _get(base) and process.poll() is None
        (posts / "bad.md").unlink()
        (posts / "broken.md").unlink()
        (fixture_site.root / "data" / "campaigns" / "c.yaml").unlink()
        assert _wait(lambda: (p := _get(base)) is not None and "serve-banner" not in p and "<html" in p)
        assert list(temporary.iterdir())  # MkDocs previews from a whole site in the temporary folder
    finally:
        process.terminate()  # as a service manager stops it
        output, _ = process.communicate(timeout=30)
    assert "数据检查未通过" in output and "2026-13-45" in output
    assert not list(temporary.iterdir())  # stopped, it leaves nothing there


def test_every_command_has_chinese_help_with_examples(capsys):
    from generator.cli import main

    for command in ("build", "check", "serve", "new", "import", "bench"):
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        out = capsys.readouterr().out
        assert done.value.code == 0, command
        assert out.startswith("用法：") and "显示本帮助并退出" in out, command
        assert "示例" in out, command
        assert "show this help" not in out and "usage:" not in out, command
    # the program as a clerk starts it: a mistyped command
    wrong = subprocess.run([sys.executable, "-m", "generator", "buidl"], cwd=PROJECT, capture_output=True,
                           text=True, encoding="utf-8")
    assert wrong.returncode == 2 and "错误" in wrong.stderr and "invalid choice" not in wrong.stderr
