"""Front matter written the way the sample site's pages are: block keys, plain scalars where YAML reads them
back unchanged, lists of strings one per line, lists of mappings one flow mapping per line (as the campaign
files write their stats). One item is always one line, so line numbers below the front matter are known
before it is written.
"""
from __future__ import annotations

import json
import re
from datetime import date

import yaml

# Characters YAML refuses in a file even inside quotes (its reader's "non-printable" set), and the ones it
# reads as line breaks: written escaped.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def scalar(value, flow: bool = False) -> str:
    """One value as YAML: plain if it reads back as the same value, else a double-quoted string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, date)):
        return str(value)
    text = str(value)
    plain = text and "\n" not in text and not _NON_PRINTABLE.search(text) and not text.startswith(("#", "&", "*"))
    if plain:
        probe = "{k: " + text + "}" if flow else "k: " + text
        try:
            plain = yaml.safe_load(probe) == {"k": text}
        except yaml.YAMLError:
            plain = False
    if plain:
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted strings
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def flow_mapping(item: dict) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value, flow=True)}" for key, value in item.items()) + "}"


def render(meta: dict, comments: dict[str, str] | None = None) -> list[str]:
    """The lines between the two `---` of a page, in the order of `meta`; `comments` go after a key's line."""
    comments = comments or {}
    lines = []
    for key, value in meta.items():
        note = f"  # {comments[key]}" if key in comments else ""
        if isinstance(value, (list, tuple)):
            if not value:
                lines.append(f"{key}: []{note}")
                continue
            lines.append(f"{key}:{note}")
            for item in value:
                lines.append("  - " + (flow_mapping(item) if isinstance(item, dict) else scalar(item)))
        else:
            lines.append(f"{key}: {scalar(value)}{note}")
    return lines


def page(meta_lines: list[str], body: str) -> str:
    return "---\n" + "\n".join(meta_lines) + "\n---\n" + body
