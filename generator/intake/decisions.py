"""Decision documents (行政处罚决定书), data/decisions/: one file per decision, named by its decision number in
any bracket form or named in the case's column 决定书文件. Order 45 (Art. 4, 7) publishes the document itself
with its summary; its text goes through the same redaction as every other text and leaves with its record.

Read: .docx (python-docx), .txt in any encoding the CSV rules accept, PDF with a text layer (pypdf). A PDF
without text (a scan) cannot be redacted and is refused, never published as an image; so are a document whose
number matches no case, a case naming a missing file, and a file over the size limit.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..core import codes
from ..core.model import Record
from ..core.problems import Invalid, Report
from ..core.schema import RecordType
from ..core.settings import Settings
from ..core.text import slugify
from .files import decode_bytes
from .limits import Limits, Refused, check_file_size, report_refusal, visible
from .normalise import parse_decision_no
from .paths import display_path

FOLDER = "decisions"
SUFFIXES = (".docx", ".txt", ".pdf")
MIN_PDF_CHARS = 20  # fewer characters of text than this in a PDF: a scan


@dataclass(frozen=True)
class Document:
    file: str  # as the clerk finds it: data/decisions/示例市监处罚〔2026〕11号.docx
    text: str  # paragraphs separated by "\n"


class NotReadable(Exception):
    """A document that cannot be used; the message is for the clerk."""


def paragraphs(path: Path) -> list[str]:
    """The document's paragraphs as text (tables row by row), empty ones left out."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        try:
            text = decode_bytes(path.read_bytes())
        except Invalid as exc:
            raise NotReadable(exc.message) from None
        lines = text.splitlines()
    elif suffix == ".docx":
        lines = _docx(path)
    else:
        lines = _pdf(path)
    return [line.strip() for line in lines if line.strip()]


def _docx(path: Path) -> list[str]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import XMLSyntaxError

    try:
        lines = []
        for block in docx.Document(str(path)).iter_inner_content():
            if isinstance(block, Table):
                lines += ["　".join(cell.text.strip() for cell in row.cells) for row in block.rows]
            else:
                lines.append(block.text)
        return lines
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise NotReadable("不是有效的 Word 文档（.docx 文件已损坏，或其实是别的格式，如旧版 .doc：请另存为 .docx）") from None


def _pdf(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise NotReadable("PDF 已加密，无法读取文字。请导出不加密的 PDF，或提供 Word 文档")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise NotReadable(f"PDF 文件损坏或无法读取（{exc}）") from None
    if len(re.sub(r"\s+", "", text)) < MIN_PDF_CHARS:
        raise NotReadable("PDF 中没有文字（是扫描图片）：扫描件无法遮蔽其中的个人信息，不能发布。请提供 Word 文档或带文字层的 "
                          "PDF（用 WPS/Word “另存为 PDF”，或对扫描件做文字识别后核对）")
    return _unwrapped(text.splitlines())


def _unwrapped(lines: list[str]) -> list[str]:
    """PDF text comes a line of the page at a time: lines are joined into paragraphs, which end at 。：；
    or at a short line (a heading, a signature)."""
    out: list[str] = []
    current = ""
    for line in (line.strip() for line in lines):
        if not line:
            if current:
                out.append(current)
                current = ""
            continue
        current += line
        if line.endswith(("。", "：", ":", "；", "！", "？")) or len(line) < 20:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def read_decisions(folder: Path, report: Report, root: Path, settings: Settings | None) -> dict[str, Document]:
    """Every readable document in data/decisions/, by its file name (stem as written). Problems go to the report."""
    found: dict[str, Document] = {}
    if not folder.is_dir():
        return found
    limits = Limits.of(settings)
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith((".", "~$"))):
        name = display_path(path, root)
        if not path.is_file() or path.suffix.lower() not in SUFFIXES:
            report.error(codes.FILE_FORMAT, "决定书只能是 .docx、.txt 或带文字的 .pdf 文件（旧版 .doc 请另存为 .docx）", file=name)
            continue
        try:
            check_file_size(path, limits)
            lines = paragraphs(path)
        except Refused as exc:
            report_refusal(report, exc, name)
            continue
        except NotReadable as exc:
            report.error(codes.DECISION_UNREADABLE, str(exc), file=name)
            continue
        text, removed = visible("\n".join(lines))
        if not text.strip():
            report.error(codes.DECISION_UNREADABLE, "决定书中没有文字", file=name)
            continue
        found[path.name] = Document(name, text)
    return found


def document_key(file_name: str) -> str:
    """The decision number a document's file name says, compared loosely (brackets, width, spacing)."""
    return slugify(parse_decision_no(Path(file_name).stem)).casefold()


def attach_documents(records: list[Record], rtype: RecordType, data_dir: Path, report: Report, root: Path,
                     settings: Settings | None) -> list[Record]:
    """The records with their documents' text in rtype.documents.field; every document belongs to a record
    and every document a record names exists, or the problem is reported with the file (and row)."""
    spec = rtype.documents
    documents = read_decisions(data_dir / spec.folder, report, root, settings)
    by_key = {document_key(name): name for name in documents}
    by_stem = {Path(name).stem: name for name in documents}
    used: set[str] = set()
    out = []
    for record in records:
        named = record.get(spec.file_field)
        if named:
            name = named if named in documents else by_stem.get(named) or by_key.get(document_key(named))
            if name is None:
                report.error(codes.DECISION_MISSING, f"{spec.label}文件「{named}」在 data/{spec.folder}/ 中找不到，请核对文件名",
                             file=record.source.file, sheet=record.source.sheet, row=record.source.row,
                             column=record.header(spec.file_field), value=named)
                out.append(record)
                continue
        else:
            name = by_key.get(slugify(record.key).casefold())
        if name is None:
            out.append(record)
            continue
        used.add(name)
        out.append(Record(record.rtype, {**record.values, spec.field: documents[name].text}, record.source,
                          record.headers))
    for name in sorted(set(documents) - used):
        report.error(codes.DECISION_ORPHAN, f"找不到与之对应的{rtype.label}：文件名应为决定书文号（如 示例市监处罚〔2026〕11号.docx），"
                     f"或在表格的「{rtype.field(spec.file_field).label}」列中写明文件名", file=documents[name].file)
    return out
