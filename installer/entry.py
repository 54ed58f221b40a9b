"""Entry script of both frozen executables: the same `main` as `python -m htx_desktop`.

`htx-desktop` (windowed) opens the interface when started without a command; `htx-desktop-cli`
(console) is the one to run commands with on Windows, where a windowed program has no console
to print to.
"""

from __future__ import annotations

import multiprocessing
import sys

from htx_desktop.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
