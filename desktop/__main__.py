"""Entry point of the desktop app: ``ltc-desktop`` / ``python -m desktop``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop import __version__

DEFAULT_SERVER = "http://127.0.0.1:8765"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ltc-desktop",
        description="LifeTimeCircle Service Heft desktop app: an offline service book synced with a server.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--server", default=None, help=f"sync server address (default: the saved one, else {DEFAULT_SERVER})"
    )
    parser.add_argument(
        "--data-dir", default=None, help="folder of the local encrypted vault (default: per-user data folder)"
    )
    parser.add_argument("--lang", choices=["de", "en"], default=None, help="user interface language (default: system)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["cli"]:
        from desktop.cli import main as cli_main  # no Qt: the command-line client for scripts and tests

        return cli_main(argv[1:])
    args = build_parser().parse_args(argv)
    from desktop import heap  # noqa: PLC0415

    heap.hold_during_start()  # released once the first window shows (desktop.ui.app_main)
    try:
        from desktop.ui.app_main import run  # the Qt UI; imported late so --help works without a display
    except ImportError:
        print(
            "The desktop user interface is not part of this build yet. "
            f"Start the sync server with `ltc-server serve` (default {DEFAULT_SERVER}).",
            file=sys.stderr,
        )
        return 2
    return run(server=args.server, data_dir=args.data_dir, lang=args.lang)


if __name__ == "__main__":
    sys.exit(main())
