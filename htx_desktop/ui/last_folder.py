"""Where file and folder dialogs start: the folder used last time, else Documents.

An officer saves a bundle to her USB stick, then a report, then a backup: each dialog opening
in the bare home folder (where Qt starts by default) sends her hunting through folders every
time. Every dialog of the interface asks `start_folder` for its starting folder and tells
`remember_folder` what was chosen. Each kind of file may keep a folder of its own (`key`: the
export folder, the import folder…); all of them also set the shared last folder, which is where
a dialog starts the first time it is used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from htx_desktop.ui.window_state import make_settings

LAST_FOLDER_KEY = "files/last_folder"
CERTIFICATE_FOLDER_KEY = "files/certificate_folder"
XLSX_FOLDER_KEY = "files/xlsx_folder"
REPORT_FOLDER_KEY = "files/report_folder"
BACKUP_FOLDER_KEY = "files/backup_folder"
TOKEN_FOLDER_KEY = "files/token_folder"


def documents_folder() -> Path:
    """The Documents folder (created when the system names one that does not exist yet);
    the home folder only on a system without any."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents:
        folder = Path(documents)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        if folder.is_dir():
            return folder
    return Path.home()


def _remembered(key: str) -> Path | None:
    value = make_settings().value(key)
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return None


def start_folder(key: str = LAST_FOLDER_KEY) -> Path:
    """The folder remembered under `key`, else the last folder of any dialog, else Documents
    (a remembered folder that is gone — a USB stick pulled out — is passed over)."""
    return _remembered(key) or _remembered(LAST_FOLDER_KEY) or documents_folder()


def remember_folder(chosen: Path, key: str = LAST_FOLDER_KEY) -> None:
    """Note the folder of `chosen` (a file, or a folder) for the next dialog."""
    folder = chosen if chosen.is_dir() else chosen.parent
    settings = make_settings()
    settings.setValue(key, str(folder))
    settings.setValue(LAST_FOLDER_KEY, str(folder))
