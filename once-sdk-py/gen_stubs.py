"""Rewrites the generated part of python/once_sdk/_once_sdk.pyi from the
built module (run after adding or changing a model)."""

import pathlib
import sys

from once_sdk import _once_sdk

BEGIN = "# BEGIN GENERATED MODELS\n"
END = "# END GENERATED MODELS\n"
STUB = pathlib.Path(__file__).parent / "python" / "once_sdk" / "_once_sdk.pyi"


def render(text: str) -> str:
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + BEGIN + "\n" + _once_sdk._generated_stubs() + "\n" + END + tail


if __name__ == "__main__":
    old = STUB.read_text()
    new = render(old)
    if "--check" in sys.argv:
        sys.exit(0 if new == old else "stubs are stale: run python gen_stubs.py")
    STUB.write_text(new)
