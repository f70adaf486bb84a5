"""Runs a command in a pseudo-terminal (stdin, stdout and stderr are the
terminal), answers prompts, and prints what the terminal showed. Exits with
the command's exit code.

    python3 pty_run.py ANSWERS cmd args...

ANSWERS: "-" (never answer), a bare answer to "[y/N]", or a JSON list of
[prompt, answer] or [prompt, answer, "noecho"] entries answered in order;
"noecho" waits until the program has turned the terminal's echo off (as
pexpect's waitnoecho does), so a secret typed there cannot show.
"""
import fcntl
import json
import os
import pty
import struct
import sys
import termios
import time

spec = sys.argv[1]
argv = sys.argv[2:]
if spec == "-":
    answers = []
elif spec.startswith("["):
    answers = [(e[0].encode(), e[1], len(e) > 2) for e in json.loads(spec)]
else:
    answers = [(b"[y/N]", spec, False)]


def echo_off(fd):
    end = time.time() + 10
    while time.time() < end:
        if not termios.tcgetattr(fd)[3] & termios.ECHO:
            return
        time.sleep(0.01)

pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

# 40 rows, 160 columns.
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
out = b""
seen = 0  # bytes of output already matched against prompts
deadline = time.time() + 60
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if answers:
        at = out.find(answers[0][0], seen)
        if at >= 0:
            seen = at + len(answers[0][0])
            _, answer, secret = answers.pop(0)
            if secret:
                echo_off(fd)
            os.write(fd, (answer + "\n").encode())
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.stdout.flush()
sys.exit(os.waitstatus_to_exitcode(status))
