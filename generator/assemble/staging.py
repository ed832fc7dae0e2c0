"""Folders beside the site that a build uses for a while: the theme engine's output before it is copied into
the generation being written (build/generations.py), and a plain old site folder being removed.

A build killed half-way (power cut, kill -9, a full disk) leaves its staging folder, and perhaps the old site
it was about to delete, beside site/. Each carries the builder's process id in its name, so the next build
removes those whose process is gone, and never one a build running at the same time is still writing.
"""
from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path

STAGING_PREFIX = ".site-build-"
OLD_PREFIX = ".site-old-"


def create(target: Path) -> Path:
    """A fresh, empty folder beside target, on the same file system (so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target.parent)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server running as another user must read it
    return staging


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def old_name(target: Path) -> Path:
    """Where a plain folder at target is moved before it is removed, so a killed build's leftover is known."""
    return target.with_name(f"{OLD_PREFIX}{os.getpid()}-{secrets.token_hex(4)}")


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the staging and old-site folders of builds whose process has ended; returns what was removed."""
    removed = []
    for entry in sorted(folder.iterdir()):
        pid = _builder(entry.name)
        if pid is None or _alive(pid) or entry.is_symlink() or not entry.is_dir():
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _builder(name: str) -> int | None:
    """The process id in a staging or old-site folder's name, or None for any other name."""
    for prefix in (STAGING_PREFIX, OLD_PREFIX):
        if name.startswith(prefix):
            pid = name[len(prefix):].split("-", 1)[0]
            return int(pid) if pid.isascii() and pid.isdigit() and int(pid) > 0 else None
    return None


def _alive(pid: int) -> bool:
    """Whether a process runs under this id. Where that cannot be told (not POSIX), assume it does."""
    if pid == os.getpid() or os.name != "posix":
        return True
    try:
        os.kill(pid, 0)  # signal 0: nothing is sent, only whether the process exists is checked
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True
