"""Planted/leaked and innocent/changed counts of the personal-data scanner, per disguise class, on the corpus
in tests/redaction_corpus.py; and the scanner's speed on realistic free text.

Usage: python bench/redaction_report.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import redaction_corpus as corpus  # noqa: E402
from generator.core.personal import mask_text  # noqa: E402


def main() -> int:
    table = corpus.measure(lambda text, names: mask_text(text, names)[0])
    print(f"| class | planted | leaked | innocent | changed |\n|---|---|---|---|---|")
    for name, row in table.items():
        print(f"| {name} | {row['planted']} | {row['leaked']} | {row['innocent']} | {row['changed']} |")
    totals = {k: sum(r[k] for r in table.values()) for k in ("planted", "leaked", "innocent", "changed")}
    print(f"| **total** | {totals['planted']} | {totals['leaked']} | {totals['innocent']} | {totals['changed']} |")
    texts = [item.text for items in corpus.INNOCENT.values() for item in items] * 200
    names = frozenset(f"{s}{g}" for s in "王李张刘陈杨黄赵" for g in "伟芳娜敏静丽强磊军洋")
    mask_text("warm up", names)
    started = time.perf_counter()
    for text in texts:
        mask_text(text, names)
    elapsed = time.perf_counter() - started
    chars = sum(map(len, texts))
    print(f"\nspeed: {len(texts)} texts, {chars:,} characters in {elapsed:.2f} s "
          f"({chars / elapsed / 1e6:.2f} M characters/s, {len(texts) / elapsed:,.0f} texts/s)")
    return 0 if totals["leaked"] == 0 and totals["changed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
