"""The translation build without Qt: finding Qt's tools, compiling the `.ts`, and choosing
which `.qm` the application loads (cache, rebuild when stale, bundled when frozen).

These run the real `lrelease`, on small catalogues written here, so that a change in the
committed `htx_en.ts` cannot break them; the committed catalogue is checked by
tests/ui/test_translations.py.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from htx_desktop import i18n_build
from htx_desktop.i18n_build import I18nBuildError

#: Every compiled Qt translation starts with these bytes (QTranslator's magic number).
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")

FINISHED_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>MainWindow</name>
    <message>
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Unfinished guess</source>
        <translation type="unfinished">Maybe</translation>
    </message>
</context>
</TS>
"""


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throw-away translations folder (and cache) in place of the project's."""
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "htx_en.ts").write_text(FINISHED_TS, encoding="utf-8")
    qt_vi = i18n_build.translations_dir() / f"{i18n_build.QT_CATALOGUE}.ts"
    (folder / qt_vi.name).write_bytes(qt_vi.read_bytes())
    monkeypatch.setattr(i18n_build, "translations_dir", lambda: folder)
    monkeypatch.setattr(i18n_build, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.delattr(sys, "frozen", raising=False)
    return folder


def _age(path: Path, seconds: int) -> None:
    """Move a file's modification time into the past (mtime order decides rebuilds)."""
    stamp = path.stat().st_mtime_ns - seconds * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.mark.parametrize("tool", ["lupdate", "lrelease"])
def test_qt_tools_are_found(tool: str) -> None:
    path = i18n_build.find_tool(tool)
    assert path.is_file()
    assert os.access(path, os.X_OK)


def test_missing_tool_is_a_clear_error() -> None:
    with pytest.raises(I18nBuildError, match="no-such-tool"):
        i18n_build.find_tool("no-such-tool")


def test_source_files_are_the_gui_code() -> None:
    files = i18n_build.source_files()
    root = i18n_build.project_root() / "htx_desktop"
    assert root / "app.py" in files
    assert root / "ui" / "main_window.py" in files
    assert all(f.is_file() and f.suffix == ".py" for f in files)
    assert len(files) == len(set(files))
    assert not any(f.is_relative_to(root / "storage") for f in files)


def test_build_qm_compiles_the_catalogue(catalogues: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = i18n_build.build_qm(out)
    assert path == out / "htx_en.qm"
    assert path.read_bytes()[:16] == QM_MAGIC
    assert sorted(p.name for p in out.iterdir()) == ["htx_en.qm"]  # no temporary left behind


def test_build_qm_leaves_out_unfinished_guesses(catalogues: Path, tmp_path: Path) -> None:
    data = i18n_build.build_qm(tmp_path / "out").read_bytes()
    assert "Overview".encode("utf-16-be") in data
    assert "Maybe".encode("utf-16-be") not in data


def test_strict_build_fails_on_unfinished(catalogues: Path, tmp_path: Path) -> None:
    with pytest.raises(I18nBuildError, match="lrelease"):
        i18n_build.build_qm(tmp_path / "out", strict=True)
    assert not any((tmp_path / "out").iterdir())


def test_broken_catalogue_raises_and_leaves_nothing(catalogues: Path, tmp_path: Path) -> None:
    (catalogues / "htx_en.ts").write_text("<TS><context>", encoding="utf-8")
    with pytest.raises(I18nBuildError):
        i18n_build.build_qm(tmp_path / "out")
    assert not any((tmp_path / "out").iterdir())


def test_unknown_language_has_no_catalogue(catalogues: Path, tmp_path: Path) -> None:
    with pytest.raises(I18nBuildError, match="fr"):
        i18n_build.build_qm(tmp_path / "out", "fr")
    assert i18n_build.qm_path("fr") is None


def test_vietnamese_needs_no_catalogue(catalogues: Path) -> None:
    assert i18n_build.qm_path("vi") is None


def test_qm_path_builds_once_then_reuses(catalogues: Path, tmp_path: Path) -> None:
    first = i18n_build.qm_path("en")
    assert first == tmp_path / "cache" / "htx_en.qm"
    assert first.read_bytes()[:16] == QM_MAGIC
    built_at = first.stat().st_mtime_ns
    assert i18n_build.qm_path("en") == first
    assert first.stat().st_mtime_ns == built_at


def test_qm_path_rebuilds_when_the_ts_is_newer(catalogues: Path) -> None:
    first = i18n_build.qm_path("en")
    assert first is not None
    _age(first, 60)
    ts = catalogues / "htx_en.ts"
    ts.write_text(FINISHED_TS.replace("Overview", "Summary"), encoding="utf-8")
    again = i18n_build.qm_path("en")
    assert again == first
    assert "Summary".encode("utf-16-be") in again.read_bytes()


def test_qm_path_keeps_an_old_build_when_rebuilding_fails(
    catalogues: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    first = i18n_build.qm_path("en")
    assert first is not None
    _age(first, 60)

    def no_tool(name: str) -> Path:
        raise I18nBuildError(f"{name} is missing")

    monkeypatch.setattr(i18n_build, "find_tool", no_tool)
    with caplog.at_level(logging.WARNING, logger="htx_desktop.i18n_build"):
        assert i18n_build.qm_path("en") == first
    assert "lrelease is missing" in caplog.text


def test_qm_path_is_none_when_nothing_can_be_built(
    catalogues: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (catalogues / "htx_en.ts").write_text("<TS><context>", encoding="utf-8")
    assert i18n_build.qm_path("en") is None


def test_frozen_build_uses_the_bundled_qm(
    catalogues: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = i18n_build.build_qm(catalogues)  # what the installer does at build time
    monkeypatch.setattr(sys, "frozen", True, raising=False)

    def no_tool(name: str) -> Path:
        raise AssertionError("a frozen build has no Qt tools to run")

    monkeypatch.setattr(i18n_build, "find_tool", no_tool)
    assert i18n_build.qm_path("en") == bundled
    bundled.unlink()
    assert i18n_build.qm_path("en") is None


def test_update_ts_adds_new_strings_as_unfinished(tmp_path: Path) -> None:
    code = tmp_path / "page.py"
    code.write_text(
        "from PySide6.QtCore import QObject\n"
        "class Page(QObject):\n"
        "    def title(self):\n"
        '        return self.tr("Hợp tác xã")\n',
        encoding="utf-8",
    )
    ts = tmp_path / "htx_en.ts"
    report = i18n_build.update_ts(ts, [code])
    assert "1 new" in report
    text = ts.read_text(encoding="utf-8")
    assert 'sourcelanguage="vi"' in text and 'language="en"' in text
    assert "<source>Hợp tác xã</source>" in text
    assert 'type="unfinished"' in text


def test_cli_build_and_errors(catalogues: Path, tmp_path: Path) -> None:
    assert i18n_build.main(["build", str(tmp_path / "dist")]) == 0
    assert (tmp_path / "dist" / "htx_en.qm").is_file()
    assert (tmp_path / "dist" / "qt_vi.qm").is_file()  # Qt's Vietnamese goes with it
    assert i18n_build.main(["build", "--strict", str(tmp_path / "strict")]) == 1
