"""Text files as Chinese offices save them: UTF-8 (with or without BOM), GB18030/GBK (Excel and Notepad on Chinese
Windows) or Big5/CP950 (Taiwan, Hong Kong), told apart without the user naming the encoding. One detector for
every reader: data files (intake), decision documents, and old articles to import (authoring).

Anything else raises Invalid with a reason; the caller adds what to do, in its own words (save as CSV UTF-8,
or as UTF-8 text): a wrong guess would publish garbled text.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from . import codes
from .problems import Invalid

_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"),
              (codecs.BOM_UTF16_BE, "UTF-16"))
_LEGACY = {"gb18030": "GBK/GB18030", "cp950": "Big5"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # UTF-8, GBK/GB18030 or Big5, as a clerk knows them
    damaged_line: int | None = None  # a UTF-8 file with a few damaged bytes (shown as U+FFFD): the first one's line
    damaged: int = 0  # how many


def decode(data: bytes, *, damaged_utf8: bool = False) -> Decoded:
    """The text of a file. damaged_utf8: accept a UTF-8 file with a few damaged bytes (U+FFFD in their place), as
    an import does to list them for review; a data file is refused instead."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise Invalid(codes.ENCODING_UNKNOWN, f"文件是 {name} 编码（Excel 的“Unicode 文本”），不是 UTF-8、GBK/GB18030 或 Big5")
    if data.count(b"\x00") > len(data) // 100 + 1:
        raise Invalid(codes.ENCODING_UNKNOWN, "文件中有大量空字符（NUL），像是 UTF-16 编码或根本不是文本文件，"
                      "不是 UTF-8、GBK/GB18030 或 Big5")
    try:
        return Decoded(data.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    replaced = data.decode("utf-8-sig", errors="replace")
    foreign = sum(1 for c in replaced if ord(c) > 0x7F)
    if foreign >= 20 and replaced.count("\ufffd") * 20 < foreign:  # UTF-8 but for a few bytes
        line = data.count(b"\n", 0, first_bad) + 1
        if damaged_utf8:
            return Decoded(replaced, "UTF-8", line, replaced.count("\ufffd"))
        raise Invalid(codes.ENCODING_UNKNOWN, f"文件是 UTF-8 编码，但第 {line} 行起有几处字节不是 UTF-8（文件可能损坏，"
                      "或拼接了不同编码的内容）。为免显示乱码，未读取")
    if data.startswith(codecs.BOM_UTF8):
        guess = legacy(data[len(codecs.BOM_UTF8):])
        looks = f"，看起来是 {guess[0]} 编码" if guess else "，也不是 GBK/GB18030 或 Big5"
        raise Invalid(codes.ENCODING_MISMATCH, f"文件开头的 BOM 标记表明是 UTF-8，但内容不是 UTF-8{looks}："
                      "多半是用别的编码另存时带上了旧标记。为免显示乱码，未读取")
    guess = legacy(data)
    if guess is None:
        raise Invalid(codes.ENCODING_UNKNOWN, "无法识别文件编码：不是 UTF-8、GBK/GB18030 或 Big5")
    return Decoded(data.decode(guess[1]), guess[0])


def legacy(data: bytes) -> tuple[str, str] | None:
    """(name, codec) of the Chinese legacy encoding the bytes are in, or None.

    Only an encoding the bytes decode in without a single error is a candidate, and the candidate must read
    as text (charset_normalizer's measure of chaos): Latin-1 bytes can pass as GBK and would be garbage."""
    candidates = []
    for codec in _LEGACY:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append(codec)
    if not candidates:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None:
        return None
    codec = {"big5": "cp950", "gb2312": "gb18030", "gbk": "gb18030"}.get(best.encoding, best.encoding)
    if codec not in candidates:
        return None
    return _LEGACY[codec], codec
