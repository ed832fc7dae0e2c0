"""Decision documents as agencies hand them over, made in tests: Word files, text files in GBK, PDFs with a text
layer (a standard CJK font, not embedded) and PDFs without one (a scan)."""
from __future__ import annotations

from pathlib import Path


def pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds the lines (Adobe's STSong-Light, UCS-2 codes, as WPS writes)."""
    def text(line: str) -> str:
        return "<" + line.encode("utf-16-be").hex().upper() + ">"
    content = "BT /F1 11 Tf 50 790 Td 15 TL " + " ".join(f"{text(line)} Tj T*" for line in lines) + " ET"
    return _pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        "/Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
        "/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ])


def scanned_pdf() -> bytes:
    """A page that is only a picture (a grey square standing for the scan): no text to redact."""
    content = "q 400 0 0 500 100 200 cm /Im1 Do Q"
    image = "ff" * 4 * 4
    return _pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> "
        "/Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        f"/Filter /ASCIIHexDecode /Length {len(image) + 1} >>\nstream\n{image}>\nendstream",
    ])


def _pdf(objects: list[str]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def docx_with(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path
