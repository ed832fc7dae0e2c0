"""Hostile input made harmless: limits on what one file may cost, and characters no page may carry.

A small file can still take minutes or gigabytes: a zip whose sheet inflates a thousandfold, a YAML file whose
aliases expand a billion times, a sheet that declares a million rows. Every such file is refused whole with
one problem naming it (and the sheet), before it can take the machine down; nothing else of it is read.
Limits are checked before a file is read, and counted while it is read.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core import codes
from ..core.problems import Problem, Report, Severity, Unreadable
from ..core.settings import Settings

# PyYAML's C parser when it is installed: the pure-Python one needs tens of seconds for a few MB.
_PARSER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
# Records need three or four levels; the C parser slows down with depth and crashes composing thousands.
MAX_YAML_DEPTH = 50
RAISE_IT = "；如确是正常数据，可在 mkdocs.yml 的 disclosure 设置中调高 {setting}，来历不明的文件请勿调高"


@dataclass(frozen=True)
class Limits:
    """The limits of the `disclosure` settings, in the units the readers count."""

    file_bytes: int
    uncompressed_bytes: int
    rows: int
    columns: int
    cells: int
    cell_chars: int
    yaml_aliases: int

    @classmethod
    def of(cls, settings: Settings | None) -> "Limits":
        s = settings or Settings()
        return cls(s.max_file_mb * 2**20, s.max_uncompressed_mb * 2**20, s.max_rows, s.max_columns, s.max_cells,
                   s.max_cell_chars, s.max_yaml_aliases)


class Refused(Unreadable):
    """A file refused whole: what is wrong, and where in the file it was found."""

    def __init__(self, message: str, sheet: str = "", row: int | None = None, column: str = ""):
        super().__init__(message)
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column


class TooLarge(Refused):
    """A file beyond one of the size limits."""


class TooManyAliases(Refused):
    """A YAML file whose anchors and aliases are too many, expand too far, or refer to themselves."""


def report_refusal(report: Report, exc: Refused, name: str) -> None:
    """The one problem of a refused file."""
    where = {"file": name, "sheet": exc.sheet, "row": exc.row, "column": exc.column}
    if isinstance(exc, TooLarge):
        report.error(codes.FILE_TOO_LARGE, exc.message, **where)
    elif isinstance(exc, TooManyAliases):
        report.error(codes.YAML_ALIASES, exc.message, **where)
    else:
        report.error(codes.FILE_UNREADABLE, exc.message, **where)


def mb(size: int) -> str:
    return f"{size / 2**20:,.1f} MB"


def check_file_size(path: Path, limits: Limits) -> None:
    """A file larger on disk than max_file_mb is not opened at all."""
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise TooLarge(f"文件有 {mb(size)}，超过上限 {mb(limits.file_bytes)}（max_file_mb），未读取。"
                       "请把数据拆分为几个文件" + RAISE_IT.format(setting="max_file_mb"))


class Budget:
    """What one file may still hold, counted as its cells are read."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.cells = 0

    def take(self, count: int, sheet: str = "", row: int | None = None) -> None:
        self.cells += count
        if self.cells > self.limits.cells:
            raise TooLarge(f"单元格超过 {self.limits.cells:,} 个（max_cells，空白单元格也计入），未读取。"
                           "请删去多余的行列（包括只有格式的空白单元格），或把数据拆分为几个文件"
                           + RAISE_IT.format(setting="max_cells"), sheet=sheet, row=row)

    def check_row(self, number: int, width: int, sheet: str = "") -> None:
        """Row `number` (as the clerk sees it) holds data up to column `width`."""
        if number > self.limits.rows:
            raise TooLarge(f"第 {number:,} 行仍有内容，超过行数上限 {self.limits.rows:,}（max_rows），未读取。"
                           "请删去多余的行，或把数据拆分为几个文件" + RAISE_IT.format(setting="max_rows"),
                           sheet=sheet, row=number)
        self.check_columns(width, number, sheet)

    def check_columns(self, width: int, row: int | None, sheet: str = "") -> None:
        if width > self.limits.columns:
            raise TooLarge(f"一行（一条记录）有 {width:,} 列，超过列数上限 {self.limits.columns:,}（max_columns），未读取。"
                           "请删去多余的列" + RAISE_IT.format(setting="max_columns"), sheet=sheet, row=row)

    def check_text(self, value, sheet: str = "", row: int | None = None, column: str = "") -> None:
        if isinstance(value, str) and len(value) > self.limits.cell_chars:
            raise TooLarge(f"一个单元格有 {len(value):,} 字，超过上限 {self.limits.cell_chars:,}（max_cell_chars），"
                           "未读取。请检查此单元格是否粘贴了整篇文件" + RAISE_IT.format(setting="max_cell_chars"),
                           sheet=sheet, row=row, column=column)


# --- YAML ------------------------------------------------------------------------------------------

class LimitedLoader(_PARSER):
    """PyYAML's safe loader; `load_yaml` checks a text with it before constructing anything. Dates stay text:
    the generator reads them itself (core.dates), so 2026-02-30 is a positioned problem, not a crash, and a
    quoted date means what an unquoted one does."""


LimitedLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def load_yaml(text: str, limits: Limits, loader: type = LimitedLoader):
    """The data of a YAML text and its node tree (for line numbers), within the limits.

    Aliases are counted, and what they would expand to is measured from the event stream before a single
    node is built: nine aliases of nine aliases ("billion laughs") are refused in milliseconds.
    """
    check_yaml_events(text, limits, loader)
    parser = loader(text)
    try:
        node = parser.get_single_node()
        return (parser.construct_document(node), node) if node is not None else (None, None)
    except yaml.YAMLError as exc:
        raise yaml_problem(exc, text) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value its tag cannot hold (!!int x, !!binary …)
        raise Refused(f"YAML 中有无法读取的值（{exc}）。请检查带 !! 标记的值") from None
    finally:
        parser.dispose()


def check_yaml_events(text: str, limits: Limits, loader: type = LimitedLoader) -> None:
    """Depth, aliases and expanded size of a YAML text, from its events (no nodes are built)."""
    parser = loader(text)
    anchors: dict[str, int | None] = {}  # anchor -> expanded size; None while its node is still open
    stack: list[list] = []  # open collections: [expanded size so far, anchor]
    aliases = 0
    total = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_YAML_DEPTH:
                    raise Refused(f"YAML 嵌套超过 {MAX_YAML_DEPTH} 层（第 {line} 行），不像记录数据，未读取", row=line)
                if event.anchor:
                    anchors[event.anchor] = None
                stack.append([1, event.anchor])
                continue
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                size, anchor = stack.pop()
                if anchor:
                    anchors[anchor] = size
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > limits.yaml_aliases:
                    raise TooManyAliases(f"YAML 引用（*别名）超过 {limits.yaml_aliases} 个（max_yaml_aliases），未读取。"
                                         "请把引用处直接写成内容" + RAISE_IT.format(setting="max_yaml_aliases"),
                                         row=line)
                if event.anchor in anchors and anchors[event.anchor] is None:
                    raise TooManyAliases(f"YAML 引用 *{event.anchor} 指向包含它自己的内容（第 {line} 行），未读取。"
                                         "请把引用处直接写成内容", row=line)
                size = anchors.get(event.anchor) or 1  # an unknown anchor is the parser's error, below
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor:
                    anchors[event.anchor] = 1
                if len(event.value) > limits.cell_chars:
                    Budget(limits).check_text(event.value, row=line)
            else:  # stream and document events
                continue
            if stack:
                stack[-1][0] += size
                expanded = stack[-1][0]
            else:
                total += size
                expanded = total
            if expanded > limits.cells:
                refusal = TooManyAliases if aliases else TooLarge
                raise refusal(f"YAML 文件{'展开引用后' if aliases else ''}超过 {limits.cells:,} 项（max_cells），未读取。"
                           + ("请把引用（*别名）处直接写成内容" if aliases else "请把数据拆分为几个文件")
                           + RAISE_IT.format(setting="max_cells"), row=line)
    except yaml.YAMLError as exc:
        raise yaml_problem(exc, text) from None
    finally:
        parser.dispose()


def yaml_problem(exc: yaml.YAMLError, text: str) -> Refused:
    """A YAML syntax error as a problem with the line it is on."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow, such as NUL
        # libyaml counts bytes of UTF-8, PyYAML characters
        before = text.encode("utf-8")[:exc.position] if _PARSER is not yaml.SafeLoader else text[:exc.position]
        line = before.count(b"\n" if isinstance(before, bytes) else "\n") + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return Refused(f"YAML 文件第 {line} 行有不允许的控制字符 U+{ord(char):04X}，未读取。请删去这个字符后重试", row=line)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    what = " ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
    where = f"第 {line} 行：" if line else ""
    return Refused(f"YAML 格式有误（{where}{what or exc}）。请检查该行的缩进、冒号和引号", row=line)


# --- invisible characters ----------------------------------------------------------------------

# Characters that show nothing, or show text other than what is stored (U+202E turns "abc" into "cba"): copied
# into a page they hide or fake what it says. Removed wherever a cell enters, with a warning.
_KINDS = {**dict.fromkeys(range(0x202A, 0x202F), "文字方向控制符"), **dict.fromkeys(range(0x2066, 0x206A), "文字方向控制符"),
          0x200E: "文字方向控制符", 0x200F: "文字方向控制符", 0x061C: "文字方向控制符",
          **dict.fromkeys(range(0x200B, 0x200E), "零宽字符"), 0x2060: "零宽字符", 0xFEFF: "零宽字符",
          0x00AD: "软连字符", 0x0000: "空字符（NUL）"}
_KEEP = {"\n", "\t"}
_REMOVED = {"Cc", "Cf", "Cs"}  # controls, format characters, lone surrogates (they cannot even be written out)


def _invisible(char: str) -> bool:
    return char not in _KEEP and (unicodedata.category(char) in _REMOVED or _noncharacter(char))


def _noncharacter(char: str) -> bool:
    """U+FFFE, U+FFFF and the other noncharacters: no XML file (feed, XLSX) may hold them."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _kind(char: str) -> str:
    category = unicodedata.category(char)
    if _noncharacter(char):
        return "非字符（XML 不允许）"
    return _KINDS.get(ord(char)) or {"Cc": "控制字符", "Cs": "无效字符"}.get(category, "格式字符")


def visible(value) -> tuple[object, str]:
    """The value without invisible characters (line breaks become \\n), and what was removed ("" if nothing)."""
    if isinstance(value, (list, tuple)):  # YAML/JSON lists of choices
        parts = [visible(v) for v in value]
        return type(value)(p[0] for p in parts), "；".join(p[1] for p in parts if p[1])
    if not isinstance(value, str) or value.isprintable():
        return value, ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    removed = Counter(c for c in text if _invisible(c))
    if not removed:
        return text, ""
    clean = "".join(c for c in text if not _invisible(c))
    names = "、".join(f"U+{ord(c):04X}（{_kind(c)}）" for c in sorted(removed)[:3])
    more = f"等 {len(removed)} 种" if len(removed) > 3 else ""
    return clean, f"{names}{more}共 {sum(removed.values())} 个"


def invisible_problem(removed: str, file: str, sheet: str, row: int | None, column: str) -> Problem:
    what = f"「{column}」中" if column else ""
    return Problem(Severity.WARNING, codes.CONTROL_CHARACTERS,
                   f"{what}有看不见的字符 {removed}，已删除：这类字符会让网页上显示的文字与实际内容不同。"
                   "请在原文件中重新输入此处内容", file, sheet, row, column)
