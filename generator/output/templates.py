"""The Jinja2 environment for theme/disclosure/: strict, autoescaping, with the filters the templates use."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
import types
from pathlib import Path

import jinja2

from ..core.schema import Field, ValueType
from ..rules.cases import NO_EARLY_STOP
from .context import entity_url
from .qr import qr_svg

TEMPLATE_DIR = "disclosure"


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, so that a second build (a preview's rebuild, the
    tests) does not compile the theme's templates again. Kept by template name and source checksum, not by
    file path: the same theme in another folder (a copy, a fresh checkout) is the same code, and an edited
    template has another checksum and is compiled afresh (code taken from the cache is given the file name of
    the template being loaded, so that an error in a template names the file the site has)."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return name

    def get_bucket(self, environment, name, filename, source):
        bucket = super().get_bucket(environment, name, filename, source)
        if bucket.code is not None and filename:
            bucket.code = _with_file_name(bucket.code, filename)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[(bucket.key, bucket.checksum)] = bucket.bytecode_to_string()


def _with_file_name(code: types.CodeType, filename: str) -> types.CodeType:
    consts = tuple(_with_file_name(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


COMPILED = CompiledTemplates()


def environment(theme_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme_dir / TEMPLATE_DIR)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # Markdown pages are also HTML inside; escaping keeps data from becoming markup
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED,
    )
    env.filters["show"] = show_value
    env.filters["cn_number"] = cn_number
    env.filters["entity_url"] = entity_url
    env.filters["qr"] = qr_svg
    env.filters["no_early_stop"] = lambda kinds: bool(NO_EARLY_STOP.intersection(kinds or ()))
    return env


def format_amount(value: Decimal) -> str:
    text = f"{value:,.2f}".removesuffix(".00")
    return f"{text} 元"


def show_value(value, f: Field) -> str:
    """A field value as the site shows it."""
    if value is None:
        return ""
    if f.value_type is ValueType.AMOUNT:
        return format_amount(value)
    if f.value_type is ValueType.CHOICES:
        return "、".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """0-99 in Chinese numerals, as periods are written in prose: 3 -> 三, 12 -> 十二, 20 -> 二十."""
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
