"""The same inputs and as-of date give a byte-identical site whatever day the machine thinks it is.

Each build runs under a different faked date: the command line's clock (`FixtureSite.run(today=…)`) and the
machine's own clock for plain `mkdocs build` (libfaketime through `at_day`). Every file of the output is
compared byte for byte: pages, sitemap.xml and its .gz, the search index, the XLSX, CSV and JSON downloads.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from conftest import FixtureSite, at_day, case_row, uscc
from generator.assemble import generations

AS_OF = "2026-06-01"
BUILD_DAYS = (date(2026, 6, 1), date(2031, 12, 31))  # the as-of day itself, and years later


def _fill(site: FixtureSite) -> None:
    site.cases_csv([case_row(1, 专项行动="c1"), case_row(2, 处罚决定日期="2026-01-05", 公示日期="2026-01-06"),
                    case_row(3, 当事人名称="王小明", 当事人类型="自然人", 统一社会信用代码="",
                             违法事实="当事人王小明销售不合格灭火器。")])
    site.blacklist_csv([{"当事人名称": "测试市第1消防器材有限公司", "统一社会信用代码": uscc("9111000012345" "0001"),
                         "列入事由": "拒不履行行政处罚决定", "作出决定机关": "测试市市场监督管理局", "列入日期": "2026-04-01",
                         "所依据行政处罚决定书文号": "测试市监罚〔2026〕1号"}])
    site.campaign({"id": "c1", "title": "消防产品专项行动", "authority": "测试市市场监督管理局", "start": "2026-01-01",
                   "end": "2026-02-01", "summary": "查处销售不合格灭火器。", "stats": [{"label": "查处", "value": 3, "unit": "件"}]})


def _tree(folder: Path, token: bool = True) -> dict[str, bytes]:
    """Every file, the generation's token too (a digest of the files, nothing random): without it only where
    a plain `mkdocs build`, which marks its folder with a token of its own, is compared with the command line."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
             if p.is_file() and (token or p.name != generations.TOKEN)}
    assert {"sitemap.xml", "sitemap.xml.gz", "search/meta.json", "search/d/0000.bin", "data/cases.xlsx", "data/cases.csv",
            "data/changes.json", "cases/index.html"} <= files.keys()
    return files


def _same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    differing = sorted(path for path in a if a[path] != b[path])
    assert not differing, f"{len(differing)} files differ between build days: {differing[:10]}"


def test_the_command_line_builds_the_same_bytes_on_any_day(fixture_site):
    _fill(fixture_site)
    trees = []
    for n, today in enumerate(BUILD_DAYS):
        out = fixture_site.root / f"out{n}"
        assert fixture_site.run("build", "--as-of", AS_OF, "-d", str(out), today=today) == 0
        trees.append(_tree(out))
    _same(*trees)


def test_plain_mkdocs_build_gives_the_same_bytes_as_the_command_line_on_another_day(fixture_site, tmp_path):
    # with the test above (the command line on either day), plain MkDocs is the same on any day too
    _fill(fixture_site)
    root = tmp_path / "copy"  # a live build moves the change log on: the command line must not see it moved
    shutil.copytree(fixture_site.root, root)
    done = subprocess.run(at_day([sys.executable, "-m", "mkdocs", "build", "-q"], BUILD_DAYS[0]), cwd=root,
                          env=dict(os.environ, DISCLOSURE_AS_OF=AS_OF), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = fixture_site.root / "cli"
    assert fixture_site.run("build", "--as-of", AS_OF, "-d", str(out), today=BUILD_DAYS[1]) == 0
    _same(_tree(root / "site", token=False), _tree(out, token=False))
