"""Acceptance run on real published lists (../shared/real-data): every row is accounted for.

Usage: python bench/realdata_acceptance.py [--as-of YYYY-MM-DD]
Copies nothing into the project: a temporary site reads the files where they are (by symlink).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
REAL = PROJECT.parent / "shared" / "real-data"
TAIPEI = ("tw_taipei_gender_equality_violations_11504_cp950.csv",
          "tw_taipei_labor_standards_violations_1150105_utf8bom.csv")


def data_lines(path: Path) -> int:
    """Rows below the header, read independently of the generator (csv module, known encoding)."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig") if "utf8" in path.name else raw.decode("cp950")
    return sum(1 for row in list(csv.reader(io.StringIO(text)))[1:] if any(c.strip() for c in row))


def run(as_of: str) -> dict:
    from generator.adapters.mkdocs.config import read_site_config
    from generator.assemble.pipeline import inspect
    from generator.core.dates import parse_date
    from generator.recordtypes import REGISTRY
    from generator.rules.publication import publish

    results = {}
    for name in TAIPEI:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            cases = root / "data" / "cases"
            cases.mkdir(parents=True)
            (cases / name).symlink_to(REAL / name)
            shutil.copy(HERE / "realdata" / "taipei_mapping.yaml", cases / "_mapping.yaml")
            (root / "docs").mkdir()
            (root / "mkdocs.yml").write_text(
                f"site_name: t\ntheme:\n  name: material\n  custom_dir: {PROJECT / 'theme'}\nplugins:\n  - disclosure: {{}}\n",
                encoding="utf-8")
            inspection = inspect(read_site_config(root / "mkdocs.yml"), REGISTRY)
            dataset, report = inspection.dataset, inspection.report
            pub = publish(dataset, REGISTRY, inspection.settings, parse_date(as_of), inspection.names)
            counts = pub.counts(dataset)["cases"]
            skipped = sum(1 for p in report.problems if p.code == "placeholder-row")
            results[name] = {
                "lines": data_lines(REAL / name),
                "skipped_placeholders": skipped,
                **{k: counts[k] for k in ("read", "published", "withheld", "rejected")},
                "withheld_by_reason": counts["withheld_by_reason"],
                "problems_by_code": dict(Counter(p.code for p in report.problems)),
                "examples": [p.text() for p in report.sorted() if p.code not in ("placeholder-row",)][:5],
                "multi_clause_kept": sum(1 for r in dataset.records["cases"] if "；" in r.get("basis", "")
                                         or ";" in r.get("basis", "")),
            }
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--as-of", default="2026-03-10")
    args = parser.parse_args()
    if not REAL.is_dir():
        print(f"{REAL} not found: this acceptance run needs ../shared/real-data", file=sys.stderr)
        return 2
    results = run(args.as_of)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    ok = all(r["read"] == r["published"] + r["withheld"] + r["rejected"]
             and r["read"] + r["skipped_placeholders"] == r["lines"] for r in results.values())
    print("every row accounted for" if ok else "ROWS UNACCOUNTED FOR", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
