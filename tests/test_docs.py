"""The README's user guide covers every setting, every field and every problem code the generator emits."""
from __future__ import annotations

import re

from conftest import PROJECT
from generator.core.settings import settings_doc
from generator.recordtypes import REGISTRY

README = (PROJECT / "README.md").read_text(encoding="utf-8")


def emitted_codes() -> set[str]:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (PROJECT / "generator").rglob("*.py"))
    pattern = r'(?:report\.(?:error|warning|note)\(|Invalid\(|Severity\.[A-Z]+, |(?:err|warn|dup|_checked_code)\([^"]*?)"([a-z]+(?:-[a-z]+)*)"'
    return set(re.findall(pattern, source))


def test_readme_starts_with_the_two_setup_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make site" in first_block and "make test" in first_block


def test_every_setting_is_documented():
    for name, _default, _doc in settings_doc():
        assert f"`{name}`" in README, name


def test_every_field_is_documented():
    for rtype in REGISTRY:
        for field in rtype.fields:
            assert f"`{field.id}`" in README, field.id


def test_every_problem_code_is_documented():
    codes = emitted_codes()
    assert {"invalid-uscc", "duplicate", "placeholder-row", "late-publication"} <= codes  # the scan works
    missing = sorted(code for code in codes if f"`{code}`" not in README)
    assert missing == []
