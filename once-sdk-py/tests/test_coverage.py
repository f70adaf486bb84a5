"""Every Python call listed in docs/API_COVERAGE.md exists on Client and
AsyncClient with the argument names the table shows, and, made with the
blocking client against the sandbox, sends the operation the table lists and
returns what the stub declares."""

from __future__ import annotations

import ast
import inspect
import pathlib
import re

from typing import Any

import pytest

import once_sdk
import os_world

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


# The values each listed call is made with against the sandbox: positional
# arguments (by the table's names) and the keyword arguments a call needs.
def _arguments(path: str, ctx: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    iccid = ctx["iccid"]
    named: dict[str, Any] = {
        "iccid": iccid,
        "iccids": [iccid],
        "id": ctx["sms_id"],
        "order_number": ctx["order_number"],
        "products": {ctx["product_id"]: 1},
        "payload": "ping",
        "subject": "SIM 17",
        "text": "it does not connect",
        "service": "data",
        "updates": [once_sdk.V1SimUpdate(iccid=iccid, status="Enabled", label="pump-17")],
    }
    keywords: dict[str, dict[str, Any]] = {
        "sims.auto_top_up": {"enabled": True},
        "v1.sims.auto_top_up": {"enabled": True},
        "v1.sims.set_limits": {"data": 1},
        "v1.sims.transfer": {"iccids": [iccid], "target_organisation": 42},
        "v1.sims.extend": {"product_id": ctx["product_id"]},
        "sims.update": {"label": "pump-17"},
        "v1.sims.update": {"status": "Enabled"},
    }
    return ctx["positional"](named), keywords.get(path, {})


_HOOK: list[os_world.Hook] = []


def _hook() -> os_world.Hook:
    """The webhook receiver of the 1NCE OS calls (one for the module)."""
    if not _HOOK:
        _HOOK.append(os_world.Hook())
    return _HOOK[0]


STUB = ast.parse((pathlib.Path(once_sdk.__file__).parent / "_once_sdk.pyi").read_text())
STUB_CLASSES = {n.name: n for n in STUB.body if isinstance(n, ast.ClassDef)}


def declared_return(owner: object, name: str) -> str:
    """The return annotation the stub gives `owner.name`, as written."""
    cls = STUB_CLASSES[type(owner).__name__]
    for node in cls.body:
        if isinstance(node, ast.FunctionDef) and node.name == name and node.returns is not None:
            return ast.unparse(node.returns)
    raise AssertionError(f"the stub has no {type(owner).__name__}.{name}")


# Calls whose answer 1NCE's document declares empty: their `X | None` is
# always None (v1's SMS send answers 201 without a body; v2's with the id).
ANSWERS_NOTHING = {"POST /v1/sims/{iccid}/sms"}


def check_result(result: object, declared: str, operation: str = "") -> None:
    """`result` is what `declared` says: None, a builtin, one of the
    module's classes, a tuple of them, or a list whose first item is one
    (`X | None`: X, unless the operation answers nothing)."""
    plain = {"None": type(None), "str": str, "int": int, "bool": bool}
    if operation in ANSWERS_NOTHING and declared.endswith(" | None"):
        assert result is None, f"{operation}: {result!r}"
        return
    # `X | None`: the sandbox always has the value.
    declared = declared.removesuffix(" | None")
    if declared in plain:
        assert isinstance(result, plain[declared]), f"{result!r} is not {declared}"
        return
    m = re.fullmatch(r"(Paginator|Page)\[(\w+)\]", declared)
    if m:
        first = next(iter(result))  # type: ignore[call-overload]
        assert type(first).__name__ == m.group(2), f"{first!r} is not {m.group(2)}"
        return
    m = re.fullmatch(r"tuple\[(\w+), \.\.\.\]", declared)
    if m:
        assert isinstance(result, tuple) and result, f"{result!r} is not a non-empty tuple"
        assert all(type(r).__name__ == m.group(1) for r in result), f"{result!r}"
        return
    assert type(result).__name__ == declared, f"{result!r} is not {declared}"


@pytest.mark.parametrize("operation, call", CALLS, ids=[op for op, _ in CALLS])
def test_each_listed_call_reaches_its_operation_on_the_sandbox(operation, call):
    """Each Python call of the table, made with the blocking client against
    the sandbox: it sends the table's operation (the sandbox counts a
    request to that method and path template, answered 2xx) and returns what
    the stub declares (a list: its first item is of the declared class)."""
    m = CALL.match(call)
    assert m, call
    path, args = m.groups()
    method, template = operation.split(" ", 1)
    # 1NCE OS rows make one of each thing first: unpaced, to stay quick.
    with once_sdk.Sandbox(sims=3, seed=7, rate_limits=not path.startswith("os.")) as sb:
        client = sb.client()
        iccid = sb.iccids()[0]
        product_id = client.products.list()[0].id if path != "products.list" else 0
        order_number = (
            client.orders.create({product_id: 1}).order_number if path == "orders.get" else ""
        )
        sms_id = sb.receive_sms(iccid, "hello")
        names = [a.strip() for a in args.split(",") if a.strip() and "=" not in a]
        ctx = {
            "iccid": iccid,
            "sms_id": sms_id,
            "order_number": order_number,
            "product_id": product_id,
            "positional": lambda named: [named[n] for n in names],
        }
        if path.startswith("os."):
            # 1NCE OS: one of each thing first, for the ids and bodies.
            world = os_world.build(sb, client, _hook().url, template)
            positional, keywords = os_world.arguments(path, template, world, names), {}
        else:
            positional, keywords = _arguments(path, ctx)
        sb.reset_stats()
        # A new client: it has no token yet (`access_token()` fetches one).
        owner: Any = sb.client()
        *parents, name = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        declared = declared_return(owner, name)
        result = getattr(owner, name)(*positional, **keywords)
        check_result(result, declared, operation)  # a list is fetched here
        answered = [
            r
            for r in sb.requests()
            if r.method == method and r.template == template and r.status is not None
        ]
        assert answered, f"{call} sent no {operation}: {[(r.method, r.path) for r in sb.requests()]}"
        assert all(200 <= (r.status or 0) < 300 for r in answered), [
            (r.path, r.status) for r in answered
        ]
