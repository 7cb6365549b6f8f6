"""``python -m claimkit``: the same command line as ``claimkit`` (see :mod:`claimkit.cli`)."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> None:
    """Run the ``claimkit`` command line (exits with its status)."""
    from .cli import main as cli_main

    cli_main(argv)


if __name__ == "__main__":
    main()
