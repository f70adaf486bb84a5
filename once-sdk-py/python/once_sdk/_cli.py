"""The ``once`` console script: the Rust command line tool (crate once-cli)
run through the extension module, so ``pip install once_sdk`` gives the same
``once`` command as ``cargo install once-cli``."""

from __future__ import annotations

import json
import os
import signal
import sys

from ._once_sdk import _run_cli


def main() -> None:
    """Runs ``once`` with the process's arguments and exits with its code."""
    # Ctrl-C stops the command as it does the Rust binary (Python's handler
    # would only run once the Rust code returns).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # A closed pipe (``once ... | head``) ends quietly, as in the binary.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # How `once sandbox start` runs this command again in the background:
    # this interpreter, this module (the Rust code cannot tell from inside).
    os.environ.setdefault("ONCE_CLI_SELF", json.dumps([sys.executable, "-m", "once_sdk._cli"]))
    sys.exit(_run_cli(["once", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
