"""Windows that fit the officer's screen: 1366×768 laptops with a taskbar, 1024×600 netbooks.

One way for every top-level window and dialog: `fit_window(window, name, preferred)` at the end
of its constructor, in place of `resize()`. The window then

- gets the size it had the last time it was open on a screen of this size, else `preferred`,
  never more than the screen's available area (the part the taskbar leaves) once its frame is
  counted;
- opens centred on its parent (a dialog) or on its screen (the main window), moved inside the
  available area, each time it is shown;
- remembers its size for this screen size when it is hidden, in the settings file
  (`window_state.WindowState`): the laptop at the office and the netbook at home each keep
  their own;
- (the main window) starts maximised when its preferred size does not fit.

What cannot be done here is shrinking content below its minimum: long content belongs in a
scroll area, and `tests/ui/test_screen_fit.py` opens every window on 1024×600 and 1366×768
screens to prove it fits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from htx_desktop.ui.window_state import WindowState

#: Room for the window manager's frame before it has told us its own (a window not yet shown):
#: about the title bar and borders of Windows 10/11 and of common Linux desktops.
FRAME_GUESS = QMargins(8, 32, 8, 8)


def target_screen(window: QWidget) -> QScreen:
    """The screen the window opens on: its parent's, else the one under the mouse."""
    parent = window.parentWidget()
    if parent is not None:
        screen = parent.window().screen()
        if screen is not None:
            return screen
    screen = QGuiApplication.screenAt(QCursor.pos())
    return screen if screen is not None else QGuiApplication.primaryScreen()


def frame_margins(window: QWidget) -> QMargins:
    """The frame around the window's content: the real one once the window manager has drawn
    it, `FRAME_GUESS` before."""
    frame, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and frame != inner:
        return QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )
    return FRAME_GUESS


def room_for(window: QWidget, screen: QScreen | None = None) -> QSize:
    """The largest content size whose frame still lies inside the available area."""
    area = (screen or target_screen(window)).availableGeometry()
    margins = frame_margins(window)
    return QSize(
        max(1, area.width() - margins.left() - margins.right()),
        max(1, area.height() - margins.top() - margins.bottom()),
    )


def bounded(window: QWidget, size: QSize, screen: QScreen | None = None) -> QSize:
    """`size` made no larger than the screen allows (and no smaller than the window's own
    minimum, which a layout would enforce anyway)."""
    return size.boundedTo(room_for(window, screen)).expandedTo(window.minimumSize())


def grow_to(window: QWidget, size: QSize) -> None:
    """Resize a dialog that grows with its content (counts, progress, results) no further
    than the screen allows, and keep it inside the screen; past that its scroll area takes
    over."""
    window.resize(bounded(window, size))
    if window.isVisible():
        frame = _frame_rect(window)
        frame.moveTopLeft(window.pos())
        _move_inside(window, frame)


def place(window: QWidget) -> None:
    """Centre the window's frame on its parent (or its screen) and move it inside the
    available area; a window larger than the area gets its top-left corner in it."""
    parent = window.parentWidget()
    host = parent.window() if parent is not None and parent.window().isVisible() else None
    centre = (
        host.frameGeometry().center()
        if host is not None
        else target_screen(window).availableGeometry().center()
    )
    frame = _frame_rect(window)
    frame.moveCenter(centre)
    _move_inside(window, frame)


def place_popup(popup: QWidget, anchor: QWidget) -> None:
    """Put a popup (a calendar under a date field) below `anchor`, or above it when the screen
    has no room below, as a combo box's list does; always inside the available area. Best
    called just after `show()`, when the popup's frame (if the platform gives it one) is known.
    """
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    size = popup.frameGeometry().size() if popup.isVisible() else popup.size()
    top_left = anchor.mapToGlobal(QPoint(0, 0))
    y = top_left.y() + anchor.height()
    if y + size.height() > area.bottom() + 1:
        above = top_left.y() - size.height()
        y = above if above >= area.top() else area.bottom() + 1 - size.height()
    x = max(area.left(), min(top_left.x(), area.right() + 1 - size.width()))
    popup.move(x, max(area.top(), y))


def _frame_rect(window: QWidget) -> QRect:
    margins = frame_margins(window)
    return QRect(
        QPoint(0, 0),
        QSize(
            window.width() + margins.left() + margins.right(),
            window.height() + margins.top() + margins.bottom(),
        ),
    )


def _move_inside(window: QWidget, frame: QRect) -> None:
    """Move the window so that `frame` (where its frame would be) lies inside the available
    area, its top-left corner first when it is too large."""
    area = target_screen(window).availableGeometry()
    x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    if QPoint(x, y) != window.pos():
        window.move(x, y)  # a top-level's position is its frame's


def screen_key(screen: QScreen) -> QSize:
    return screen.size()


class ScreenFit(QObject):
    """The part of `fit_window` that lives with the window: places it on show, remembers its
    size on hide (an event filter, so no window class needs its own show/hide code)."""

    def __init__(
        self,
        window: QWidget,
        name: str,
        preferred: QSize,
        state: WindowState | None = None,
        maximise_when_small: bool = False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.name = name
        self.preferred = preferred
        self.state = state if state is not None else WindowState()
        self.maximise_when_small = maximise_when_small
        self.apply()
        window.installEventFilter(self)

    def apply(self) -> None:
        """Size the window for the screen it will open on (before it is shown)."""
        screen = target_screen(self.window)
        remembered = self.state.window_size(self.name, screen_key(screen))
        size, maximised = remembered if remembered is not None else (self.preferred, False)
        fitted = bounded(self.window, size, screen)
        if self.maximise_when_small and remembered is None:
            maximised = fitted != size.expandedTo(self.window.minimumSize())
        self.window.resize(fitted)
        if self.maximise_when_small and maximised:
            # Its normal size (when she restores it) is the fitted one, centred.
            place(self.window)
            self.window.setWindowState(self.window.windowState() | Qt.WindowState.WindowMaximized)

    def remember(self) -> None:
        """Keep the window's size for the screen it is on now."""
        window = self.window
        states = window.windowState()
        if states & (Qt.WindowState.WindowMinimized | Qt.WindowState.WindowFullScreen):
            return
        screen = window.screen() or target_screen(window)
        maximised = bool(states & Qt.WindowState.WindowMaximized)
        size = window.normalGeometry().size() if maximised else window.size()
        if not size.isValid() or size.isEmpty():
            size = window.size()
        self.state.set_window_size(self.name, screen_key(screen), size, maximised)
        self.state.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.Show and not event.spontaneous():
                if not self.window.windowState() & (
                    Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
                ):
                    self.window.resize(bounded(self.window, self.window.size()))
                    place(self.window)
            elif kind == QEvent.Type.Hide and not event.spontaneous():
                self.remember()
        return False


def fit_window(
    window: QWidget,
    name: str,
    preferred: QSize | tuple[int, int],
    *,
    state: WindowState | None = None,
    maximise_when_small: bool = False,
) -> ScreenFit:
    """Make `window` fit its screen from now on (see the module docstring). `name` keys its
    remembered sizes; `state` is the settings to keep them in (the default settings file when
    not given)."""
    size = QSize(*preferred) if isinstance(preferred, tuple) else QSize(preferred)
    return ScreenFit(window, name, size, state, maximise_when_small)
