"""Renders a socklab session, with its colours, as an SVG picture for docs/.

Usage: python3 docs/tools/session_svg.py SCRIPT OUT.svg [SOCKLAB ARGS...]
Runs `socklab --color always [ARGS] run SCRIPT` and draws what it printed
with rich (pip install rich). docs/wire-session.svg was made with:

    python3 docs/tools/session_svg.py docs/tools/wire-session.socklab \
        docs/wire-session.svg --wire
"""

import subprocess
import sys

from rich.console import Console
from rich.text import Text


def main() -> None:
    script, out, *args = sys.argv[1:]
    shown = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--", "--color", "always", *args, "run", script],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    console = Console(record=True, width=100, file=open("/dev/null", "w"))
    console.print(Text.from_ansi(shown))
    console.save_svg(out, title="socklab --wire")


if __name__ == "__main__":
    main()
