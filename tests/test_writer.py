"""build.writer and build.staging: no path written twice, themed pages from the frame, an atomic swap."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import prepared_for
from generator.build import staging
from generator.build.writer import DuplicatePath, Frame, SiteWriter, sources
from generator.core.model import Dataset
from generator.core.settings import Settings
from generator.output.base import Output

FRAME = Frame("<title>@T@ - 站</title><link rel=canonical href=/@P@><main>", "</main><a href=/@P@>", "@T@", "@P@")
FRAMES = {depth: FRAME for depth in range(2, 6)}


def test_a_themed_page_is_the_frame_around_the_body_with_an_escaped_title(tmp_path):
    writer = SiteWriter(tmp_path, FRAMES, ["", "about/"])
    writer.page("cases/a/", "<script>公司</script>", "<p>正文</p>")
    html = (tmp_path / "cases" / "a" / "index.html").read_text(encoding="utf-8")
    assert html == ("<title>&lt;script&gt;公司&lt;/script&gt; - 站</title><link rel=canonical href=/cases/a/><main>"
                    "<p>正文</p></main><a href=/cases/a/>")
    assert writer.page_urls == ["", "about/", "cases/a/"]


def test_no_path_is_written_twice_nor_over_a_theme_page(tmp_path):
    writer = SiteWriter(tmp_path, FRAMES, [], frozenset({"news/about/index.html"}))
    writer.file("data/x.csv", "a")
    with pytest.raises(DuplicatePath):
        writer.file("data/x.csv", "b")
    with pytest.raises(DuplicatePath):
        writer.page("news/about/", "t", "b")
    assert (tmp_path / "data" / "x.csv").read_text() == "a"


def test_a_file_left_by_an_earlier_build_is_replaced(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("old")
    SiteWriter(tmp_path, FRAMES, []).file("data/x.csv", "new")
    assert (tmp_path / "data" / "x.csv").read_text() == "new"


def test_two_outputs_with_one_generated_page_are_refused(tmp_path):
    class Twice(Output):
        def sources(self, site, env):
            yield "cases/index.md", "x"

    prepared = prepared_for(Dataset(records={"cases": [], "blacklist": []}), Settings(), date(2026, 6, 1), tmp_path)
    with pytest.raises(DuplicatePath):
        sources(prepared, (Twice(), Twice()))


def test_swap_replaces_the_site_whole_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")
    folder = staging.create(target)
    assert folder.parent == tmp_path and folder.name.startswith(staging.STAGING_PREFIX)
    assert folder.stat().st_mode & 0o777 == 0o755
    (folder / "new.html").write_text("new")
    staging.swap(folder, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_discarded_build_leaves_the_site_as_it_was(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")
    folder = staging.create(target)
    (folder / "half.html").write_text("half")
    staging.discard(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"] and (target / "old.html").read_text() == "old"
