"""The record-type registry: every type the site publishes, in the order the site lists them.

To add a type: one module here declaring a RecordType (fields, checks, rules, templates), its two templates
in theme/disclosure/, and one entry in REGISTRY. Nothing else names a type.
"""
from __future__ import annotations

from ..core.schema import RecordType
from .blacklist import BLACKLIST
from .cases import CASES

REGISTRY: tuple[RecordType, ...] = (CASES, BLACKLIST)
