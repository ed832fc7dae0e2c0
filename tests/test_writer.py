"""build.writer, build.generations and build.staging: no path written twice, themed pages from the frame,
generations swapped in one rename."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import prepared_for
from generator.assemble import generations, staging
from generator.assemble.writer import DuplicatePath, Frame, SiteWriter, sources
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


def _generation(target, cache, files):
    """A build of a generation holding `files` (path -> text), made live."""
    generation = generations.next_generation(target, cache)
    for path, text in files.items():
        (generation.path / path).write_text(text)
    generations.complete(generation, target, cache, {path: "x" for path in files})
    return generation


def test_a_plain_site_folder_is_replaced_by_a_generation_and_nothing_is_left_behind(tmp_path):
    target, cache = tmp_path / "site", tmp_path / "cache"
    target.mkdir()
    (target / "old.html").write_text("old")
    (target / generations.TOKEN).write_text(generations.PLAIN_TOKEN)  # what plain `mkdocs build` leaves
    _generation(target, cache, {"new.html": "new"})
    assert target.is_symlink() and sorted(p.name for p in target.iterdir()) == [".generation", "new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.generations", "cache", "site"]
    assert (tmp_path / ".site.generations" / "a").stat().st_mode & 0o777 == 0o755


def test_a_folder_no_build_wrote_is_never_replaced_even_if_asked(tmp_path):
    target, cache = tmp_path / "site", tmp_path / "cache"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(generations.NotOurs):
        _generation(target, cache, {"new.html": "new"})
    assert not target.is_symlink() and (target / "notes.txt").read_text() == "mine"


def test_generations_alternate_and_the_live_one_is_never_written(tmp_path):
    target, cache = tmp_path / "site", tmp_path / "cache"
    first = _generation(target, cache, {"one.html": "1"})
    second = generations.next_generation(target, cache)
    assert second.path != first.path and not second.trusted  # never built: nothing in it is trusted
    (second.path / "two.html").write_text("2")
    assert sorted(p.name for p in target.iterdir()) == [".generation", "one.html"]  # readers still see the first
    generations.complete(second, target, cache, {"two.html": "x"})
    assert (target / "two.html").read_text() == "2"
    third = generations.next_generation(target, cache)
    assert third.path == first.path and third.trusted and third.manifest == {"one.html": "x"}


def test_a_discarded_build_leaves_the_site_as_it_was_and_its_folder_untrusted(tmp_path):
    target, cache = tmp_path / "site", tmp_path / "cache"
    _generation(target, cache, {"old.html": "old"})
    _generation(target, cache, {"old.html": "old"})
    half = generations.next_generation(target, cache)
    (half.path / "half.html").write_text("half")
    generations.discard(half)
    assert sorted(p.name for p in target.iterdir()) == [".generation", "old.html"]
    again = generations.next_generation(target, cache)
    assert again.path == half.path and not again.trusted
    assert again.existing_files() == {"old.html", "half.html"}  # walked, so the stray file is deleted


def test_a_folder_written_by_something_else_is_not_trusted(tmp_path):
    target, cache = tmp_path / "site", tmp_path / "cache"
    first = _generation(target, cache, {"a.html": "a"})
    _generation(target, cache, {"b.html": "b"})
    (first.path / ".generation").write_text("someone else")  # e.g. a plain `mkdocs build` into the folder
    assert not generations.next_generation(target, cache).trusted


def test_a_staging_folder_is_private_to_nobody_and_removed_when_discarded(tmp_path):
    target = tmp_path / "site"
    folder = staging.create(target)
    assert folder.parent == tmp_path and folder.name.startswith(staging.STAGING_PREFIX)
    assert folder.stat().st_mode & 0o777 == 0o755
    (folder / "half.html").write_text("half")
    staging.discard(folder)
    assert not folder.exists()
