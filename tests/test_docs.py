"""The README's user guide covers every setting, every field and every problem code the generator emits."""
from __future__ import annotations

from conftest import PROJECT
from generator.core import codes
from generator.core.settings import settings_doc
from generator.recordtypes import REGISTRY

README = (PROJECT / "README.md").read_text(encoding="utf-8")


def used_codes() -> set[str]:
    """Every code a call site names (codes.X), read from the source."""
    import ast

    found = set()
    for path in (PROJECT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "codes":
                found.add(getattr(codes, node.attr))
    return found


def readme_table() -> str:
    start, end = "<!-- codes:start (made from generator/core/codes.py: make docs) -->\n", "<!-- codes:end -->"
    return README.split(start, 1)[1].split(end, 1)[0]


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


def test_every_problem_code_is_in_the_catalogue_and_the_readme_shows_the_catalogue():
    used = used_codes()
    assert {"invalid-uscc", "duplicate", "duplicate-address", "placeholder-row"} <= used  # the scan works
    assert used == set(codes.BY_ID)  # no code without an entry, no entry no call site uses
    assert readme_table() == codes.table()  # make docs rewrites it
