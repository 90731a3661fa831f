"""Reading what a process wrote to a pseudo-terminal, for the tests that run roadmap in one."""

from __future__ import annotations

import os


def read_all(leader: int) -> str:
    """Everything written to the pseudo-terminal whose leader end is ``leader`` until the
    process closes it (then ``leader`` is closed), as text with ``\\n`` line ends."""
    shown = bytearray()
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return shown.decode("utf-8").replace("\r\n", "\n")
