"""jieba, the word segmenter, ready to use.

jieba keeps its dictionary (half a million words) in a cache file and reads it with marshal.load on the open
file, which reads it in small pieces: 1.5 s of every process that masks a name or makes a slug. The same file
read in one piece takes 0.35 s. Only jieba's own cache of its default dictionary is read here, and only into
the attributes jieba itself fills from it; anything else (no cache yet, another dictionary, a damaged file) is
left to jieba, which builds the dictionary and writes its cache as before.
"""
from __future__ import annotations

import functools
import logging
import marshal
import tempfile
from pathlib import Path


@functools.cache
def jieba_ready():
    import jieba

    jieba.setLogLevel(logging.ERROR)  # its "Building prefix dict" lines are not for the clerk or the editor
    read_cache(jieba.dt)
    jieba.dt.initialize()  # does nothing when the cache was read
    return jieba


def tagger():
    """jieba's part-of-speech segmenter (jieba.posseg.dt), its dictionary and word tags loaded."""
    jieba = jieba_ready()
    import jieba.posseg

    if not jieba.posseg.dt.word_tag_tab:  # emptied by release()
        jieba.posseg.dt.load_word_tag(jieba.dt.get_dict_file())
    return jieba.posseg.dt


_forgetting: list = []  # what else holds the dictionaries (a cache of them): cleared by release()


def on_release(forget) -> None:
    _forgetting.append(forget)


def release() -> None:
    """Drop jieba's dictionary and word tags from this process (about 100 MB: half a million words twice).
    After the records are redacted a build needs neither, and the processes that write its pages are forked
    from this one: what it holds, they hold. A later use loads them again, as the first did."""
    if not jieba_ready.cache_info().currsize:
        return
    import jieba
    import jieba.posseg

    jieba_ready.cache_clear()
    for forget in _forgetting:
        forget()
    jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = {}, 0, False
    jieba.posseg.dt.word_tag_tab = {}


def read_cache(tokenizer) -> bool:
    """Fill a jieba tokenizer from jieba's cache of its default dictionary; False where jieba must do it."""
    import jieba

    if tokenizer.initialized or tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.cache_file:
        return False
    try:
        freq, total = marshal.loads((Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return False
    if not (isinstance(freq, dict) and freq and isinstance(total, int)):
        return False
    with tokenizer.lock:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return True
