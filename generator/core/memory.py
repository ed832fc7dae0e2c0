"""Giving memory back to the system after a large structure is dropped: Python returns its own small-object
arenas when they empty, but the C allocator keeps freed pages of its heap unless asked (glibc malloc_trim)."""
from __future__ import annotations

import ctypes
import ctypes.util
import gc


def give_back() -> None:
    gc.collect()
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)
