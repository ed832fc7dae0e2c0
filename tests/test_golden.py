"""The sample site, built for a fixed as-of date, is what the checked-in goldens say, byte for byte.

After an intended change of what readers see: `make golden` rewrites tests/golden/sample/, and the
git diff of that folder is the review of the change.
"""
from __future__ import annotations

import os

import golden


def test_sample_site_matches_the_goldens(sample_site):
    built = golden.snapshot(sample_site)
    if os.environ.get("GOLDEN_REFRESH") == "1":
        golden.refresh("sample", built)
    expected = golden.stored("sample")
    assert expected, "no goldens stored: run `make golden`"
    assert built == expected, golden.differences(expected, built)
