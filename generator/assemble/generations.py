"""The published folder as two generations: `site` is a link to the live one; a build brings the other up to
date, writing only the files whose content changed, and then swaps the link in one rename (when the result is
exactly the live site, it swaps nothing and touches none of the live files). Readers never see
half a site, a refused build changes nothing, and no build copies or deletes the whole site (at 100,000
records a copy takes ten seconds and a delete fifteen on an ordinary disk).

Each generation has a manifest (path -> content digest) kept with the build's cache, and a token file inside
the folder that names it: anything else that writes into the folder (a plain `mkdocs build` cleans it) breaks
the pairing, and the next build then trusts nothing there: it rewrites every file and deletes the rest. The
token is a digest of the manifest, so the same site is the same bytes whatever day it is built, and it is the
marker that says the folder is the generator's own (build/destination.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import staging

TOKEN = ".generation"
NAMES = ("a", "b")
PLAIN_TOKEN = "mkdocs build"  # the token of a site folder written by plain `mkdocs build` (not a generation)
STORE_MARK = "由执法信息公开网站生成器建立.txt"
STORE_TEXT = ("本文件夹保存网站的两个版本（a、b），网站目录是指向其中之一的链接。"
              "请不要手工修改；删除网站目录时一并删除本文件夹即可。\n")


def folder_of(target: Path) -> Path:
    return target.parent / f".{target.name}.generations"


class NotOurs(Exception):
    """The output folder holds what no build wrote: a build never replaces it (build/destination.py)."""


@dataclass
class Generation:
    path: Path
    manifest: dict[str, str]  # what the folder holds, trusted only if its token matched
    trusted: bool

    def existing_files(self) -> set[str]:
        """Every file in the folder, by walking it: needed where the manifest cannot be trusted."""
        if not self.path.is_dir():
            return set()
        found = set()
        for top, _, files in os.walk(self.path):
            rel = Path(top).relative_to(self.path).as_posix()
            for name in files:
                found.add(name if rel == "." else f"{rel}/{name}")
        found.discard(TOKEN)
        return found


def _manifest_file(cache_folder: Path, target: Path, name: str) -> Path:
    return cache_folder / "generations" / f"{slug(target)}-{name}.json"


def slug(target: Path) -> str:
    """A short name for the target folder: its absolute path, not resolved (a link moves between builds)."""
    return hashlib.sha1(os.path.abspath(target).encode()).hexdigest()[:12]


def live_name(target: Path) -> str | None:
    """Which generation the target links to now (None: a plain folder, nothing yet, or a link elsewhere)."""
    if target.is_symlink():
        pointed = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(target)), os.readlink(target)))
        for name in NAMES:
            if pointed == os.path.abspath(folder_of(target) / name):
                return name
    return None


def made_here(folder: Path) -> bool:
    """Whether a plain folder carries the token of a build (a generation, or plain `mkdocs build`)."""
    return (folder / TOKEN).is_file()


def owned_store(store: Path) -> bool:
    """Whether the folder of generations is one a build made: its mark, or nothing but generation folders."""
    if not store.is_dir() or store.is_symlink():
        return False
    if (store / STORE_MARK).is_file():
        return True
    return all(entry.name in NAMES and entry.is_dir() and not entry.is_symlink() for entry in store.iterdir())


def next_generation(target: Path, cache_folder: Path) -> Generation:
    """The generation this build writes: the one the target does not link to now."""
    live = live_name(target)
    name = NAMES[1] if live == NAMES[0] else NAMES[0]
    path = folder_of(target) / name
    manifest_path = _manifest_file(cache_folder, target, name)
    manifest, trusted = {}, False
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
        token = (path / TOKEN).read_text(encoding="utf-8").strip()
        trusted = isinstance(data, dict) and data.get("token") == token and isinstance(data.get("files"), dict)
        if trusted:
            manifest = data["files"]
    except (OSError, ValueError):
        trusted = False
    generation = Generation(path, manifest, trusted)
    path.mkdir(parents=True, exist_ok=True)
    mark = path.parent / STORE_MARK
    if not mark.is_file():
        mark.write_text(STORE_TEXT, encoding="utf-8")
    path.chmod(0o755)
    (path / TOKEN).unlink(missing_ok=True)  # from here on the folder is being written: not what any manifest says
    return generation


def live_manifest(target: Path, cache_folder: Path) -> dict[str, str]:
    """What the live generation holds (empty where it cannot be trusted): files to copy instead of render."""
    live = live_name(target)
    if live is None:
        return {}
    path = folder_of(target) / live
    try:
        data = json.loads(_manifest_file(cache_folder, target, live).read_text(encoding="utf-8"))
        if data.get("token") == (path / TOKEN).read_text(encoding="utf-8").strip():
            return data["files"]
    except (OSError, ValueError, AttributeError):
        pass
    return {}


def complete(generation: Generation, target: Path, cache_folder: Path, files: dict[str, str]) -> None:
    """Record what the generation now holds, then make it the live site with one rename."""
    settle(generation, target, cache_folder, files)
    swap_link(target, generation.path)


def settle(generation: Generation, target: Path, cache_folder: Path, files: dict[str, str]) -> None:
    """Record what the generation now holds (path -> digest) and trust it again. Alone: a build that found the
    live site as it is leaves the generation it wrote into aside, for the build that next changes something."""
    manifest_path = _manifest_file(cache_folder, target, generation.path.name)
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    token = token_of(files)
    tmp = manifest_path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"token": token, "files": files}, separators=(",", ":")), encoding="utf-8")
    tmp.replace(manifest_path)
    (generation.path / TOKEN).write_text(token, encoding="utf-8")


def token_of(files: dict[str, str]) -> str:
    """The generation's token: a digest of what it holds, so the same site is the same bytes on any day."""
    return hashlib.sha1(json.dumps(sorted(files.items()), separators=(",", ":")).encode()).hexdigest()[:16]


def swap_link(target: Path, generation: Path) -> None:
    """Point target at the generation. A link is replaced in one rename; a plain folder (a site built before
    generations, or by plain `mkdocs build`) is moved aside first and removed after."""
    link = target.with_name(f".{target.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(generation, target.parent))
    old = None
    if target.exists() and not target.is_symlink():
        if not (target.is_dir() and (made_here(target) or not any(target.iterdir()))):
            raise NotOurs(f"{target} holds files no build wrote; it is left as it is")  # destination.refusal first
        old = staging.old_name(target)
        target.rename(old)
    link.replace(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(generation: Generation) -> None:
    """A failed build: the generation is left without a token, so the next build trusts nothing in it."""
    distrust(generation.path)


def distrust(folder: Path) -> None:
    (folder / TOKEN).unlink(missing_ok=True)
