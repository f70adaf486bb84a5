"""The stub file carries the model classes exactly as the module generates them."""

from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent.parent))

import gen_stubs  # noqa: E402


def test_generated_stubs_are_current():
    text = gen_stubs.STUB.read_text()
    assert gen_stubs.render(text) == text, "stubs are stale: run python gen_stubs.py"
