"""Qt's own dialogs speak Vietnamese in Vietnamese mode (`resources/translations/qt_vi.ts`).

PySide6 ships no `qtbase_vi.qm`, so without our catalogue an officer would meet "Cancel",
"&Next >" and an English file dialog in the middle of a Vietnamese application. These tests
build the Qt dialogs the application uses, with the Vietnamese interface installed, and read
what they show; and they list every text Qt asks a translator for while building those dialogs,
so a Qt upgrade that renames a string (or a new dialog) shows up as a missing entry.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # the .ts is the project's own, trusted file
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWizard,
    QWizardPage,
)
from pytestqt.qtbot import QtBot

from htx_desktop import i18n_build
from htx_desktop.ui import i18n

#: Qt contexts the catalogue must cover completely for the dialogs built below. QPageSize
#: (paper names such as "A4"), QShortcut (key names) and layout direction stay Qt's.
COVERED = {
    "QPlatformTheme", "QWizard", "QMessageBox", "QLineEdit", "QWidgetTextControl",
    "QFileDialog", "QFileSystemModel", "QAbstractFileIconProvider", "QPrintDialog",
    "QPrintWidget", "QPrintSettingsOutput", "QPrintPreviewDialog", "QColorDialog",
}
#: Texts Qt asks for that need no Vietnamese ("Form" is the title of an embedded widget
#: nobody sees; "%1%" is a zoom percentage; "..." a browse button; "mm" the unit; the
#: file dialog's shortcuts are key names).
UNTRANSLATED = {"Form", "%1%", "...", "mm", "&HTML:", "Alt+Left", "Alt+Right", "Alt+Up"}


def catalogue() -> dict[tuple[str, str], str]:
    root = ET.parse(i18n_build.translations_dir() / "qt_vi.ts").getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", "")): (
            message.findtext("translation", "")
        )
        for context in root.iter("context")
        for message in context.iter("message")
    }


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[QApplication]:
    i18n.install_translator(qapp, "vi")
    yield qapp
    i18n.remove_translators(qapp)


def test_button_box_ok_cancel_reads_in_vietnamese(qtbot: QtBot, vietnamese: QApplication) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Đồng ý"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    box = QMessageBox(QMessageBox.Icon.Question, "", "")
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Close)
    assert box.button(QMessageBox.StandardButton.Save).text() == "Lưu"
    assert box.button(QMessageBox.StandardButton.Close).text() == "Đóng"


def test_wizard_buttons_read_in_vietnamese(qtbot: QtBot, vietnamese: QApplication) -> None:
    wizard = QWizard()
    qtbot.addWidget(wizard)
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< &Quay lại"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Tiếp theo >"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Hoàn tất"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Hủy"


def test_qt_file_dialog_labels_read_in_vietnamese(qtbot: QtBot, vietnamese: QApplication) -> None:
    dialog = QFileDialog(None, "Lưu báo cáo", "", "Tệp PDF (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.isVisible()}
    assert {"&Tìm trong:", "Tên &tệp:", "&Loại tệp:"} <= labels
    buttons = {button.text() for button in dialog.findChildren(QPushButton)}
    assert {"&Lưu", "Hủy"} <= buttons
    assert dialog.labelText(QFileDialog.DialogLabel.FileName) == "Tên &tệp:"


def test_text_field_menu_reads_in_vietnamese(qtbot: QtBot, vietnamese: QApplication) -> None:
    for editor in (QLineEdit(), QPlainTextEdit()):
        qtbot.addWidget(editor)
        menu = editor.createStandardContextMenu()
        texts = {action.text().split("\t")[0] for action in menu.actions()}
        assert {"&Hoàn tác", "&Dán", "Chọn tất cả"} <= texts, texts


def test_english_mode_leaves_qt_in_english(qtbot: QtBot, qapp: QApplication) -> None:
    i18n.install_translator(qapp, "en")
    try:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    finally:
        i18n.remove_translators(qapp)


def test_catalogue_covers_every_text_qt_asks_for(qtbot: QtBot, qapp: QApplication) -> None:
    """Build the Qt dialogs the application uses and record every (context, text) Qt asks a
    translator for: each one in a covered context has Vietnamese in `qt_vi.ts`."""
    asked: set[tuple[str, str]] = set()

    class Recorder(QTranslator):
        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str | None:
            asked.add((context, source))
            return None

        def isEmpty(self) -> bool:
            return False

    recorder = Recorder()
    qapp.installTranslator(recorder)
    try:
        buttons = QDialogButtonBox()
        for button in QDialogButtonBox.StandardButton:
            if button != QDialogButtonBox.StandardButton.NoButton:
                buttons.addButton(button)
        box = QMessageBox()
        box.setDetailedText("x")
        wizard = QWizard()
        wizard.addPage(QWizardPage())
        QLineEdit().createStandardContextMenu()
        QPlainTextEdit().createStandardContextMenu()
        widgets = [buttons, box, wizard]
        for accept in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
            files = QFileDialog()
            files.setOption(QFileDialog.Option.DontUseNativeDialog)
            files.setAcceptMode(accept)
            widgets.append(files)
        folders = QFileDialog()
        folders.setOption(QFileDialog.Option.DontUseNativeDialog)
        folders.setFileMode(QFileDialog.FileMode.Directory)
        widgets.append(folders)
        printer = QPrinter()
        widgets += [QPrintDialog(printer), QPrintPreviewDialog(printer)]
        colours = QColorDialog()
        colours.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
        widgets.append(colours)
        for widget in widgets:
            qtbot.addWidget(widget)
            widget.show()
        qapp.processEvents()
        for widget in widgets:
            widget.close()
    finally:
        qapp.removeTranslator(recorder)
    known = catalogue()
    missing = sorted(
        f"{context}: {source!r}"
        for context, source in asked
        if context in COVERED and source not in UNTRANSLATED and not known.get((context, source))
    )
    assert not missing, "qt_vi.ts lacks:\n" + "\n".join(missing)
    assert ("QPlatformTheme", "Cancel") in asked  # the recorder really saw Qt's requests


def test_qt_catalogue_compiles_and_loads(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    path = i18n_build.build_catalogue(tmp_path / "dịch thử", i18n_build.QT_CATALOGUE, strict=True)
    translator = QTranslator()
    assert translator.load(str(path))
    assert translator.translate("QWizard", "&Finish") == "&Hoàn tất"
