"""Translation catalogues: extract the UI strings into the `.ts` file and compile it to `.qm`.

The interface is written in Vietnamese (the officers' language); English is a translation kept
in `resources/translations/htx_en.ts`, the one source of truth translators edit in Qt Linguist.
The compiled `.qm` is never committed: a stale binary beside a changed `.ts` is the classic way
for a translation to silently lag behind. Instead it is built from the `.ts` on first use into
the user cache folder (rebuilt whenever the `.ts` is newer), and by the installer for a frozen
build, which has no Qt tools to run.

This module stays Qt-free (the core-import test walks it): it only runs Qt's `lupdate` and
`lrelease` executables, found next to the PySide6 package or the interpreter, and never
imports PySide6.

Developers and the installer use it as a command line::

    python -m htx_desktop.i18n_build update        # code -> htx_en.ts (new strings unfinished)
    python -m htx_desktop.i18n_build build DIR     # htx_en.ts, qt_vi.ts -> DIR/*.qm

A second catalogue, `qt_vi.ts`, is not extracted from our code: it holds Vietnamese for Qt's
own strings (standard buttons, the wizard's Back/Next, the file and print dialogs, the
text-field context menu) under Qt's contexts, because PySide6 ships no `qtbase_vi.qm`. It is
written by hand (see its header) and compiled the same way.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from htx_desktop.paths import APP_AUTHOR, APP_NAME, project_root, resources_dir

log = logging.getLogger(__name__)

#: Language the strings are written in, in the code.
SOURCE_LANGUAGE = "vi"
#: Languages with a catalogue (`htx_<lang>.ts`).
TRANSLATED_LANGUAGES = ("en",)
CATALOGUE_PREFIX = "htx_"
#: Vietnamese for Qt's own strings (`qt_vi.ts`), used in Vietnamese mode.
QT_CATALOGUE = "qt_vi"
#: lupdate/lrelease finish in well under a second here; a hung tool must not hang the app.
TOOL_TIMEOUT_S = 120


class I18nBuildError(RuntimeError):
    """A Qt tool is missing or failed; the message says which and why."""


# --- where things are ------------------------------------------------------------------------


def translations_dir() -> Path:
    """`resources/translations`: the `.ts` files, and in a frozen build the compiled `.qm`."""
    return resources_dir() / "translations"


def ts_path(lang: str = "en") -> Path:
    return translations_dir() / f"{CATALOGUE_PREFIX}{lang}.ts"


def qm_name(lang: str = "en") -> str:
    return f"{CATALOGUE_PREFIX}{lang}.qm"


def catalogue_names() -> list[str]:
    """Every catalogue to compile: the application's translations and Qt's Vietnamese."""
    return [f"{CATALOGUE_PREFIX}{lang}" for lang in TRANSLATED_LANGUAGES] + [QT_CATALOGUE]


def cache_dir() -> Path:
    """Per-user cache: writable wherever the program is installed (Program Files is not)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, APP_AUTHOR) / "translations"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def source_files() -> list[Path]:
    """Every file whose strings belong in the catalogue: the UI package and the GUI entry.

    Listed explicitly (not a folder handed to lupdate) so that the scan is exactly the GUI code,
    in a stable order, and a stray file elsewhere cannot add strings.
    """
    package = project_root() / "htx_desktop"
    files = sorted(p for p in (package / "ui").rglob("*.py") if "__pycache__" not in p.parts)
    files.append(package / "app.py")
    return files


def find_tool(name: str) -> Path:
    """Path of Qt's `lupdate` or `lrelease` (`name`), without importing PySide6.

    Looked for, in order: the binary inside the PySide6 package (what the `pyside6-*` scripts
    run), the `pyside6-<name>` console script next to the interpreter (a venv's bin/ or
    Scripts/), then PATH. `.exe` is added on Windows.
    """
    exe = ".exe" if os.name == "nt" else ""
    candidates: list[Path] = []
    spec = importlib.util.find_spec("PySide6")  # locates the package without importing it
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            candidates.append(Path(location) / f"{name}{exe}")
    bin_dir = Path(sys.executable).parent
    candidates += [bin_dir / f"pyside6-{name}{exe}", bin_dir / "Scripts" / f"pyside6-{name}{exe}"]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    for command in (f"pyside6-{name}", name):
        found = shutil.which(command)
        if found:
            return Path(found)
    raise I18nBuildError(
        f"Qt's {name} was not found (looked in {', '.join(str(c) for c in candidates)} and "
        "PATH); it ships with PySide6-Essentials."
    )


def _run(tool: str, args: Sequence[str]) -> str:
    """Run a Qt tool; its combined output on success, I18nBuildError with it on failure."""
    command = [str(find_tool(tool)), *args]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TOOL_TIMEOUT_S,
            check=False,
            cwd=project_root(),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise I18nBuildError(f"{tool} could not run: {exc}") from exc
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise I18nBuildError(f"{tool} failed with exit code {result.returncode}:\n{output}")
    return output


# --- the two steps ---------------------------------------------------------------------------


def update_ts(ts_file: Path | None = None, files: Sequence[Path] | None = None) -> str:
    """Merge the strings of the GUI code into the catalogue; returns lupdate's report.

    New strings arrive as `type="unfinished"` for a translator to fill; strings no longer in the
    code are dropped (`-no-obsolete`) so the file never carries dead entries. Locations are
    relative so that an edit above a string does not rewrite every line number in the diff.
    `ts_file` defaults to `htx_en.ts`; the tests pass a temporary copy.
    """
    target = ts_file or ts_path("en")
    sources = list(files) if files is not None else source_files()
    return _run(
        "lupdate",
        [
            *(str(f) for f in sources),
            "-no-obsolete",
            "-locations",
            "relative",
            "-source-language",
            SOURCE_LANGUAGE,
            "-target-language",
            _target_language(target),
            "-ts",
            str(target),
        ],
    )


def build_qm(
    out_dir: Path, lang: str = "en", *, ts_file: Path | None = None, strict: bool = False
) -> Path:
    """Compile the catalogue of `lang` into `out_dir/htx_<lang>.qm` and return its path."""
    return build_catalogue(
        out_dir, f"{CATALOGUE_PREFIX}{lang}", ts_file=ts_file, strict=strict
    )


def build_catalogue(
    out_dir: Path, name: str, *, ts_file: Path | None = None, strict: bool = False
) -> Path:
    """Compile `resources/translations/<name>.ts` into `out_dir/<name>.qm`; returns its path.

    Unfinished translations are left out (`-nounfinished`): a guess lupdate carried over from a
    similar old string must not reach an officer; she sees the Vietnamese original instead.
    `strict` (for the installer) fails on any unfinished entry. The file is written under a
    temporary name and renamed, so a second instance starting at the same moment never loads a
    half-written catalogue.
    """
    source = ts_file or translations_dir() / f"{name}.ts"
    if not source.is_file():
        raise I18nBuildError(f"No translation catalogue {name!r}: {source} does not exist.")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.qm"
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".qm", dir=out_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        args = [str(source), "-nounfinished", "-silent"]
        if strict:
            args.append("-fail-on-unfinished")
        _run("lrelease", [*args, "-qm", str(tmp)])
        if tmp.stat().st_size == 0:
            raise I18nBuildError(f"lrelease wrote an empty file for {source}.")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def build_all(out_dir: Path, *, strict: bool = False) -> list[Path]:
    """Compile every catalogue (`catalogue_names`) into `out_dir` (the installer's step)."""
    return [build_catalogue(out_dir, name, strict=strict) for name in catalogue_names()]


def qm_path(lang: str) -> Path | None:
    """The compiled catalogue to load for `lang`, or None when there is none to load.

    None for the source language (the code's strings are already Vietnamese)."""
    if lang == SOURCE_LANGUAGE:
        return None
    return compiled_catalogue(f"{CATALOGUE_PREFIX}{lang}")


def qt_qm_path() -> Path | None:
    """The compiled `qt_vi.qm` (Qt's own strings in Vietnamese), or None."""
    return compiled_catalogue(QT_CATALOGUE)


def compiled_catalogue(name: str) -> Path | None:
    """The `.qm` to load for catalogue `name`, or None when there is none to load.

    A frozen build uses the `.qm` the installer compiled into `resources/translations`.
    Otherwise the `.qm` lives in the user cache and is (re)built when missing or older than the
    `.ts`. If building fails, an older cached or bundled `.qm` is better than nothing, so one
    is returned if it exists; the caller falls back to Vietnamese (or Qt's English) on None.
    """
    bundled = translations_dir() / f"{name}.qm"
    ts = translations_dir() / f"{name}.ts"
    if is_frozen() or not ts.is_file():
        return bundled if bundled.is_file() else None
    cached = cache_dir() / f"{name}.qm"
    if cached.is_file() and cached.stat().st_mtime_ns >= ts.stat().st_mtime_ns:
        return cached
    try:
        return build_catalogue(cache_dir(), name)
    except (I18nBuildError, OSError) as exc:
        log.warning("Could not compile the translation %s: %s", name, exc)
    for fallback in (cached, bundled):
        if fallback.is_file():
            return fallback
    return None


def _target_language(ts_file: Path) -> str:
    """`htx_en.ts` (or a copy named like it) -> "en"; lupdate only uses it for a new file."""
    stem = ts_file.stem
    return stem[len(CATALOGUE_PREFIX) :] if stem.startswith(CATALOGUE_PREFIX) else "en"


# --- command line ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """`update` refreshes the catalogue from the code; `build DIR` compiles it (installer)."""
    parser = argparse.ArgumentParser(
        prog="python -m htx_desktop.i18n_build",
        description="Extract the UI strings into htx_en.ts, or compile the catalogues.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="run lupdate over the GUI code into the .ts files")
    build = commands.add_parser("build", help="compile the .ts files to .qm in DIR")
    build.add_argument("out_dir", type=Path, metavar="DIR")
    build.add_argument(
        "--strict", action="store_true", help="fail if any translation is unfinished"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "update":
            for lang in TRANSLATED_LANGUAGES:
                print(update_ts(ts_path(lang)))
        else:
            for path in build_all(args.out_dir, strict=args.strict):
                print(path)
    except I18nBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
