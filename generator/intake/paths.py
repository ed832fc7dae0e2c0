"""Paths as the clerk knows them."""
from __future__ import annotations

from pathlib import Path


def display_path(path: Path, root: Path) -> str:
    """The path relative to the site folder (symlinks are not followed), else as given."""
    for candidate, base in ((path, root), (path.absolute(), root.absolute())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
