"""``python -m claimkit``: the same command line as ``claimkit`` (see :mod:`claimkit.cli`)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run the ``claimkit`` command line; a closed output pipe (``| head``) ends it quietly."""
    from .cli import main as cli_main

    try:
        cli_main(argv)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # keep the interpreter's final flush from failing again
        sys.exit(141)  # 128 + SIGPIPE, as a shell reports a process killed by a broken pipe


if __name__ == "__main__":
    main()
