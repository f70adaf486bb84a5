"""Runs a command in a pseudo-terminal (stdin, stdout and stderr are the
terminal), answers a confirmation prompt if asked to, and prints what the
terminal showed. Exits with the command's exit code.

    python3 pty_run.py ANSWER cmd args...     (ANSWER "-" = never answer)
"""
import fcntl
import os
import pty
import struct
import sys
import termios
import time

answer = sys.argv[1]
argv = sys.argv[2:]

pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

# 40 rows, 160 columns.
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
out = b""
answered = False
deadline = time.time() + 60
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if not answered and answer != "-" and b"[y/N]" in out:
        os.write(fd, (answer + "\n").encode())
        answered = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.stdout.flush()
sys.exit(os.waitstatus_to_exitcode(status))
