"""Build the frozen application folder: compile the translations, then run PyInstaller.

    python installer/build.py [--dist DIR] [--work DIR]

The result is DIR/htx-desktop/ holding `htx-desktop` (windowed) and `htx-desktop-cli`
(console). PyInstaller does not cross-compile: the Windows folder (and then the Inno Setup
installer, see installer/README.md) is built on Windows. The .qm is compiled strictly: an
unfinished English string fails the build rather than reaching an officer half translated.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "htx_desktop.spec"


def build_translations(out_dir: Path, strict: bool) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from htx_desktop.i18n_build import build_all

    return build_all(out_dir, strict=strict)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--lenient-translations", action="store_true",
                        help="leave unfinished translations out instead of failing")
    args = parser.parse_args(argv)
    qm_dir = args.work / "qm"
    for qm in build_translations(qm_dir, strict=not args.lenient_translations):
        print(f"translation: {qm}")
    env = dict(os.environ, HTX_QM_DIR=str(qm_dir))
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(args.dist), "--workpath", str(args.work), str(SPEC),
    ]
    done = subprocess.run(command, env=env, cwd=ROOT, check=False)
    if done.returncode == 0:
        print(f"built: {args.dist / 'htx-desktop'}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
