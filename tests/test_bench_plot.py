"""The benchmark's scale figure: results recorded one size at a time (a rerun of a size replaces it) and drawn as
an SVG of build time and peak memory against records, that a browser shows with nothing from elsewhere."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from generator.benchmark.plot import record, recorded, svg

SVG = "{http://www.w3.org/2000/svg}"


def result(cases: int, build_s: float, peak: float) -> dict:
    return {"cases": cases, "blacklist": cases // 5, "build_s": build_s, "peak_rss_mb": peak, "record_pages": cases}


def test_a_rerun_of_a_size_replaces_its_result_and_sizes_stay_in_order(tmp_path):
    path = tmp_path / "bench" / "scale.json"
    record(path, result(100000, 230.0, 1355))
    record(path, result(20000, 47.4, 423))
    record(path, result(100000, 210.0, 990))
    kept = recorded(path)
    assert [(r["cases"], r["build_s"]) for r in kept] == [(20000, 47.4), (100000, 210.0)]
    assert json.loads(path.read_text(encoding="utf-8")) == kept


def test_the_figure_shows_each_size_in_both_panels_with_its_figures(tmp_path):
    drawn = svg([result(20000, 47.4, 423), result(100000, 229.7, 1355), result(500000, 1400.0, 6100)])
    root = ET.fromstring(drawn)  # well-formed, one SVG element
    assert root.tag == SVG + "svg"
    lines = root.findall(SVG + "polyline")
    assert len(lines) == 2 and all(len(line.get("points").split()) == 3 for line in lines)
    texts = [t.text for t in root.iter(SVG + "text")]
    assert "1,400" in texts and "6,100" in texts and "47.4" in texts  # each point labelled with its value
    assert "600k" in texts or "500k" in texts  # the records axis reaches the largest site
    title = root.find(SVG + "title").text
    assert "120k：229.7 秒，1,355 MB" in title  # what a screen reader reads
    assert "http" not in drawn.replace("http://www.w3.org/2000/svg", "")  # nothing fetched from elsewhere


def test_points_are_placed_by_their_values(tmp_path):
    root = ET.fromstring(svg([result(20000, 50, 400), result(100000, 250, 2000)]))
    time_line = root.findall(SVG + "polyline")[0].get("points").split()
    (x1, y1), (x2, y2) = [tuple(map(float, p.split(","))) for p in time_line]
    assert x2 > x1 and y2 < y1  # more records to the right, more seconds higher up


def test_a_figure_without_recorded_results_is_refused_before_anything_runs(tmp_path, capsys):
    from conftest import PROJECT
    from generator.cli import main

    figure = tmp_path / "scale.svg"
    assert main(["-f", str(PROJECT / "mkdocs.yml"), "bench", "--cases", "10", "--plot", str(figure)]) == 2
    assert "--record" in capsys.readouterr().err and not figure.exists()


def test_a_results_file_that_is_not_one_is_refused_before_anything_runs(tmp_path, capsys):
    from conftest import PROJECT
    from generator.cli import main

    for text in ("not json", '{"cases": 1}', '[{"cases": 1}]'):
        results = tmp_path / "scale.json"
        results.write_text(text, encoding="utf-8")
        assert main(["-f", str(PROJECT / "mkdocs.yml"), "bench", "--cases", "10", "--record", str(results)]) == 2
        assert "scale.json" in capsys.readouterr().err and results.read_text(encoding="utf-8") == text
