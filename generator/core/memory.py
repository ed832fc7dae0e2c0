"""Giving memory back to the system after a large structure is dropped: Python returns its own small-object
arenas when they empty, but the C allocator keeps freed pages of its heap unless asked (glibc malloc_trim)."""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
from contextlib import contextmanager


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


@contextmanager
def collector_paused(paused: bool = True):
    """No cyclic garbage collection inside: for loading a large pickle, which makes millions of objects and
    none of them garbage; each collection the allocations would set off walks every object made so far
    (loading the public views of 100,000 records: 2.0 s with collections, 1.1 s without). With paused=False:
    collections again inside, for work done within a paused stretch."""
    was = gc.isenabled()
    if paused:
        gc.disable()
    else:
        gc.enable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
