"""What only Material for MkDocs needs: its search index extended with the records, and its bundle kept from
loading scripts from outside hosts.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

SEARCH_INDEX = Path("search") / "search_index.json"


def extend_search_index(site_dir: Path, docs: list[dict], drop_prefix: str) -> None:
    path = site_dir / SEARCH_INDEX
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [d for d in index["docs"] if not d["location"].startswith(drop_prefix)] + docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# Material's bundle fetches a ResizeObserver polyfill (old browsers) and mermaid (diagrams) from unpkg.
# A site that makes no outside requests loads an empty inline script instead: old browsers lose resize
# handling and diagrams stay as text, exactly as when unpkg is unreachable, which it is on many
# government networks.
OUTSIDE_SCRIPTS = re.compile(r"https://unpkg\.com/[^\"'`]+")
EMPTY_SCRIPT = "data:text/javascript,"


def neutralise_outside_scripts(site_dir: Path) -> int:
    changed = 0
    for path in (site_dir / "assets" / "javascripts").glob("bundle.*.js"):
        text = path.read_text(encoding="utf-8")
        new, count = OUTSIDE_SCRIPTS.subn(EMPTY_SCRIPT, text)
        if count:
            path.write_text(new, encoding="utf-8")
            changed += count
    return changed
