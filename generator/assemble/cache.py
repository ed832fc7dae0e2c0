"""What one build keeps for the next, in the change log's folder (settings.history_dir, never published): the
result of each data file, the public views of records, the manifest of each site folder written.

Every key holds everything the result depends on, the generator's own code included, so a stale entry is
never used: a changed file, mapping, setting or program simply misses.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path

from ..core.memory import collector_paused

CACHE = "cache"


@functools.cache
def code_version() -> str:
    """A digest of the generator's source: results computed by another version are not reused."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(*parts) -> str:
    digest = hashlib.sha1(code_version().encode())
    for part in parts:
        digest.update(b"\x00" + (part if isinstance(part, bytes) else str(part).encode()))
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class Store:
    """Pickled results under <history_dir>/cache/<namespace>/<key>.pkl."""

    def __init__(self, folder: Path):
        self.folder = folder / CACHE

    def get(self, namespace: str, name: str):
        path = self.folder / namespace / f"{name}.pkl"
        try:
            with path.open("rb") as stream, collector_paused():
                return pickle.load(stream)
        except FileNotFoundError:
            return None
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            return None  # damaged or from an older program: computed again

    def put(self, namespace: str, name: str, value) -> None:
        folder = self.folder / namespace
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        with tmp.open("wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(folder / f"{name}.pkl")

    def recall(self, namespace: str, name: str, key: str):
        """What remember() kept under this name when its key was `key`; None otherwise."""
        found = self.get(namespace, name)
        return found[1] if isinstance(found, tuple) and len(found) == 2 and found[0] == key else None

    def remember(self, namespace: str, name: str, key: str, value) -> None:
        """One result under a name, with the key (a digest of all it depends on) a later build must match."""
        self.put(namespace, name, (key, value))

    def keep_only(self, namespace: str, names: set[str]) -> None:
        """Forget entries not used by this build, so the cache does not grow without end."""
        folder = self.folder / namespace
        if folder.is_dir():
            for path in folder.glob("*.pkl"):
                if path.stem not in names:
                    path.unlink(missing_ok=True)
