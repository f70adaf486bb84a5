"""Every Python call listed in docs/API_COVERAGE.md exists on Client and
AsyncClient, with the argument names the table shows."""

from __future__ import annotations

import inspect
import pathlib
import re

import pytest

import once_sdk

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "API_COVERAGE.md"
CALL = re.compile(r"^`client\.([\w.]+)\((.*)\)`$")


def python_calls() -> list[tuple[str, str]]:
    """(operation, Python call) of every table row that lists one."""
    calls = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        # operation | spec | method + path | Rust | Python | CLI (and any later columns)
        if len(cells) < 5 or not cells[2].startswith("`"):
            continue
        if cells[4] != "—":
            calls.append((cells[2].strip("`"), cells[4]))
    return calls


CALLS = python_calls()


def test_the_table_lists_python_calls():
    assert len(CALLS) >= 20, "every v2, order, product and support operation"
    listed = {op for op, _ in CALLS}
    assert "POST /v2/sims/{iccid}/topup" in listed and "POST /v1/orders" in listed


@pytest.mark.parametrize("flavour", [once_sdk.Client, once_sdk.AsyncClient])
@pytest.mark.parametrize("operation, call", CALLS, ids=[op for op, _ in CALLS])
def test_each_listed_call_exists(flavour, operation, call):
    m = CALL.match(call)
    assert m, f"{operation}: {call} is not of the form `client.a.b(args)`"
    path, args = m.groups()
    target: object = flavour(client_id="id", client_secret="secret")  # sends nothing
    for name in path.split("."):
        assert hasattr(target, name), f"{operation}: {flavour.__name__} lacks {path}"
        target = getattr(target, name)
    assert callable(target), f"{operation}: {path} is not callable"
    params = inspect.signature(target).parameters  # type: ignore[arg-type]
    for arg in filter(None, (a.strip() for a in args.split(","))):
        name = arg.split("=")[0].strip()
        assert name in params, f"{operation}: {path}() has no parameter {name!r} ({list(params)})"
        if "=" in arg:
            assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, f"{operation}: {name}"
        else:
            assert params[name].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, f"{operation}: {name}"
