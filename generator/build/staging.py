"""A new site is built beside the old one and swapped in with two renames: readers never see half a site,
and a failed build leaves the old site exactly as it was.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

STAGING_PREFIX = ".site-build-"
OLD_PREFIX = ".site-old-"


def create(target: Path) -> Path:
    """A fresh, empty folder beside target, on the same file system (so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server running as another user must read it
    return staging


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def swap(staging: Path, target: Path) -> None:
    """Replace target with staging: two renames on one filesystem, so no half-written site is ever served."""
    old = None
    if target.exists():
        old = target.with_name(f"{OLD_PREFIX}{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
