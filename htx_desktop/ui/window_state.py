"""What the window remembers between starts: its size on each screen, the last page, each
page's state.

An officer who left the cooperative list filtered on her commune's dissolved HTX yesterday
finds it so today. Stored with QSettings in an INI file in the user's configuration folder
(never the Windows registry: an INI file can be read, copied and deleted by whoever supports
her). Page states are JSON: a page's `state()` is a plain dict, and JSON keeps its types the
same on every platform, which QSettings' own variant encoding does not.

A value that cannot be read (an older or hand-edited file) is ignored, never an error: losing
a remembered filter is harmless, refusing to start is not.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QSettings, QSize

from htx_desktop.paths import APP_AUTHOR, APP_NAME

log = logging.getLogger(__name__)

WINDOW_SIZE_GROUP = "windows"
LAST_PAGE_KEY = "window/last_page"
PAGE_STATE_GROUP = "pages"


def make_settings() -> QSettings:
    """The application's settings file (named explicitly, so tests and the app agree on it
    whether or not QCoreApplication's names are set)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_AUTHOR, APP_NAME)


class WindowState:
    """Typed access to the remembered window state."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else make_settings()

    # --- window sizes, per screen size (see screen_fit) --------------------------------------

    def window_size(self, name: str, screen: QSize) -> tuple[QSize, bool] | None:
        """The size window `name` had on a screen of this size, and whether it was maximised
        (then the size is its normal one); None when never seen there."""
        raw = self.settings.value(_size_key(name, screen))
        if not isinstance(raw, str) or not raw:
            return None
        try:
            value = json.loads(raw)
            size = QSize(int(value["width"]), int(value["height"]))
            maximised = bool(value.get("maximised", False))
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("Ignoring an unreadable remembered size for window %s", name)
            return None
        return (size, maximised) if size.width() > 0 and size.height() > 0 else None

    def set_window_size(self, name: str, screen: QSize, size: QSize, maximised: bool) -> None:
        value = {"width": size.width(), "height": size.height(), "maximised": maximised}
        self.settings.setValue(_size_key(name, screen), json.dumps(value, sort_keys=True))

    # --- last page -------------------------------------------------------------------------

    def last_page(self) -> str | None:
        value = self.settings.value(LAST_PAGE_KEY)
        return value if isinstance(value, str) and value else None

    def set_last_page(self, key: str) -> None:
        self.settings.setValue(LAST_PAGE_KEY, key)

    # --- page states -----------------------------------------------------------------------

    def page_state(self, key: str) -> dict[str, Any]:
        raw = self.settings.value(f"{PAGE_STATE_GROUP}/{key}")
        if not isinstance(raw, str) or not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            log.warning("Ignoring an unreadable remembered state for page %s", key)
            return {}
        return value if isinstance(value, dict) else {}

    def set_page_state(self, key: str, state: dict[str, Any]) -> None:
        try:
            text = json.dumps(state, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError):
            log.warning("Page %s returned a state that is not JSON; not remembered", key)
            return
        self.settings.setValue(f"{PAGE_STATE_GROUP}/{key}", text)

    # --- housekeeping ----------------------------------------------------------------------

    def sync(self) -> None:
        self.settings.sync()

    def clear(self) -> None:
        """Forget everything (tests; a "reset the window" action later)."""
        self.settings.clear()
        self.settings.sync()


def _size_key(name: str, screen: QSize) -> str:
    return f"{WINDOW_SIZE_GROUP}/{name}/{screen.width()}x{screen.height()}"
