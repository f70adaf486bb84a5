"""The ``once`` console script installed with the wheel, run from the venv
against the in-process sandbox."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys


def once(
    *args: str, stdin: str | None = None, home: str | None = None
) -> subprocess.CompletedProcess[str]:
    script = pathlib.Path(sys.executable).parent / ("once.exe" if os.name == "nt" else "once")
    assert script.exists(), f"the wheel did not install the console script {script}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONCE_")}
    if home is not None:
        env["HOME"] = home
        env.pop("XDG_CACHE_HOME", None)
    return subprocess.run(
        [str(script), *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_once_lists_sims_of_the_sandbox_as_json() -> None:
    out = once("--sandbox", "sims", "list", "--page-size", "3", "-o", "json")
    assert out.returncode == 0, out.stderr
    sims = json.loads(out.stdout)
    assert [s["iccid"] for s in sims] == [
        "8988280666000000000",
        "8988280666000000001",
        "8988280666000000002",
    ]
    assert {"msisdn", "status", "current_quota", "current_quota_SMS"} <= set(sims[0])
    assert "sandbox" in out.stderr


def test_once_refuses_a_top_up_without_yes_when_stdin_is_not_a_terminal() -> None:
    out = once("--sandbox", "sims", "top-up", "8988280666000000000")
    assert out.returncode == 3, out.stderr
    assert "--yes" in out.stderr


def test_once_reports_bad_input_with_exit_code_2() -> None:
    out = once("--sandbox", "sims", "get", "898828066600000000")
    assert out.returncode == 2
    assert "ICCID must be 19 or 20 digits: got 18" in out.stderr


def test_once_help_exit_codes() -> None:
    out = once("help", "exit-codes")
    assert out.returncode == 0
    assert "6  outcome unknown" in out.stdout


def test_once_sandbox_start_runs_in_the_background_from_the_wheel(tmp_path: pathlib.Path) -> None:
    # The console script runs inside Python: `start` must run it again
    # (the interpreter and the module), not the interpreter alone.
    home = str(tmp_path)
    started = once("sandbox", "start", "--sims", "3", "-o", "json", home=home)
    try:
        assert started.returncode == 0, started.stderr
        assert json.loads(started.stdout)["started"] is True
        out = once("--sandbox", "sims", "list", "-o", "json", home=home)
        assert out.returncode == 0, out.stderr
        assert len(json.loads(out.stdout)) == 3, "the background sandbox's 3 SIMs"
    finally:
        stopped = once("sandbox", "stop", "-o", "json", home=home)
    assert json.loads(stopped.stdout)["stopped"] is True
