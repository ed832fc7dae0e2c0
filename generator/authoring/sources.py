"""Input files for `import`, as plain text with one paragraph a line: .txt (UTF-8 or GBK, detected), .html as
a browser saves it (the article's text, without scripts, styles and navigation), and .docx.

Headings come out as Markdown headings (`# ` for the page's title: <h1>, Word's Title and Heading 1), list
items as `- `; passages an HTML page marks as written in Taiwan or Hong Kong (lang="zh-TW", "zh-HK",
"zh-Hant"…) come out between the keep-traditional markers the cleaning rules know.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..core.encodings import decode as decode_text
from ..core.problems import Invalid

KEEP_OPEN, KEEP_CLOSE = "【保留繁体】", "【/保留繁体】"
SUFFIXES = (".txt", ".html", ".htm", ".docx")
MAX_BYTES = 20 * 1024 * 1024


class NotImportable(Exception):
    """A file the importer cannot read; the message (Chinese) says why and what to do."""


@dataclass
class Source:
    name: str
    text: str
    encoding: str = ""
    notes: list[str] = field(default_factory=list)  # what reading it did, for the summary
    dropped: dict[str, int] = field(default_factory=dict)  # HTML elements left out, by tag


def read_source(path: Path) -> Source:
    if not path.is_file():
        raise NotImportable("找不到这个文件" if not path.exists() else "不是文件")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise NotImportable("是旧版 Word 文档（.doc），请在 Word 或 WPS 中“另存为”.docx 后再导入")
    if suffix not in SUFFIXES:
        raise NotImportable(f"不是可导入的文件类型（可导入 {'、'.join(SUFFIXES)}）")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise NotImportable(f"文件超过 {MAX_BYTES // 1024 // 1024} MB，不像是一篇文章，未导入")
        if suffix == ".docx":
            return _docx(path)
        data = path.read_bytes()
    except OSError as exc:
        raise NotImportable(f"无法读取：{exc.strerror or exc}") from None
    text, encoding, notes = decode(data)
    source = Source(path.name, text, encoding, notes) if suffix == ".txt" else _html(path.name, text, encoding, notes)
    if not source.text.strip():
        raise NotImportable("没有可导入的文字" + ("（网页的正文是空的）" if suffix != ".txt" else "（文件是空的）"))
    return source


# --- text files -------------------------------------------------------------------------------------------

_SAVE_AS = "请用记事本或 WPS 打开，“另存为”UTF-8 编码后再导入"


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, notes) of a text file (core.encodings: UTF-8, GBK/GB18030, Big5). A UTF-8 file with a few
    damaged bytes is read with U+FFFD in their place (the garbled-text rules then list them for review); anything
    else raises NotImportable."""
    try:
        found = decode_text(data, damaged_utf8=True)
    except Invalid as exc:
        raise NotImportable(f"{exc.message}。{_SAVE_AS}") from None
    notes = [f"UTF-8 文件中有 {found.damaged} 处损坏的字节（第 {found.damaged_line} 行起），已显示为 �，列入待核对"] \
        if found.damaged_line else []
    return found.text, found.encoding, notes


# --- HTML ---------------------------------------------------------------------------------------------------

# Elements whose text is never the article's: left out with everything inside them.
DROPPED = frozenset({"script", "style", "nav", "noscript", "template", "iframe", "svg", "head", "button",
                     "select", "textarea", "object", "canvas"})
_BLOCKS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
                     "table", "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "hr", "figure",
                     "figcaption", "center", "header", "footer", "aside", "form", "fieldset", "address", "body"})
_VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "wbr", "area", "base", "col", "embed", "source",
                   "track", "param"})
_TRADITIONAL_LANG = re.compile(r"^zh-(?:tw|hk|mo|hant)", re.I)
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: "_Node | None"):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent


class _TreeBuilder(HTMLParser):
    """A forgiving tree: unclosed elements close with their parent, stray end tags are ignored."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(_Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def _find(node: _Node, test) -> _Node | None:
    for child in node.children:
        if isinstance(child, _Node):
            if test(child):
                return child
            found = _find(child, test)
            if found:
                return found
    return None


def _html(name: str, text: str, encoding: str, notes: list[str]) -> Source:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    root = builder.root
    container, where = root, "整个页面"
    for test, label in ((lambda n: n.tag == "article", "<article>"), (lambda n: n.tag == "main", "<main>"),
                        (lambda n: n.attrs.get("itemprop") == "articleBody", 'itemprop="articleBody"'),
                        (lambda n: n.tag == "body", "<body>")):
        found = _find(root, test)
        if found:
            container, where = found, label
            break
    source = Source(name, "", encoding, notes + [f"正文取自网页的 {where}"])
    out: list[str] = []
    _walk(container, out, source.dropped)
    lines = [_CJK_GAP.sub("", re.sub(r"[ \t\r\f\v\u00a0]+", " ", line)).strip() for line in "".join(out).split("\n")]
    source.text = "\n".join(line for line in lines if line not in ("", "-", "- ")) + "\n"
    return source


def _walk(node: _Node, out: list[str], dropped: dict[str, int]) -> None:
    for child in node.children:
        if isinstance(child, str):
            out.append(child.replace("\n", " "))
            continue
        tag = child.tag
        if tag in DROPPED:
            dropped[tag] = dropped.get(tag, 0) + 1
            continue
        if tag == "br":
            out.append("\n")
            continue
        keep = bool(_TRADITIONAL_LANG.match(child.attrs.get("lang", "") or child.attrs.get("xml:lang", "")))
        block = tag in _BLOCKS
        if block:
            out.append("\n")
        if keep:
            out.append(KEEP_OPEN)
        if re.fullmatch(r"h[1-6]", tag):
            out.append("#" * int(tag[1]) + " ")
        elif tag == "li":
            out.append("- ")
        _walk(child, out, dropped)
        if keep:
            out.append(KEEP_CLOSE)
        if block:
            out.append("\n")


# --- Word -----------------------------------------------------------------------------------------------

_HEADING_STYLES = {"title": 1, "heading 1": 1, "标题": 1, "标题 1": 1, "heading 2": 2, "标题 2": 2,
                   "heading 3": 3, "标题 3": 3}


def _docx(path: Path) -> Source:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
        lines = []
        for block in document.iter_inner_content():
            paragraphs = ([p for row in block.rows for cell in row.cells for p in cell.paragraphs]
                          if isinstance(block, Table) else [block])
            for paragraph in paragraphs:
                text = paragraph.text.strip()
                if not text:
                    continue
                style = (paragraph.style.name if paragraph.style is not None else "").lower()
                level = _HEADING_STYLES.get(style)
                lines.append(("#" * level + " " if level else "") + text)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise NotImportable("不是有效的 Word 文档（.docx 文件已损坏，或其实是别的格式）") from None
    if not lines:
        raise NotImportable("没有可导入的文字（Word 文档是空的）")
    return Source(path.name, "\n".join(lines) + "\n", "Word 文档")
