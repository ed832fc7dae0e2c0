"""What only Material for MkDocs needs: plain text of its rendered pages, and its bundle kept from loading
scripts from outside hosts.
"""
from __future__ import annotations

import html as html_module
import re
from pathlib import Path

_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """A page's rendered content as plain text, for the search index."""
    return _SPACE.sub(" ", html_module.unescape(_TAGS.sub(" ", html))).strip()


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
