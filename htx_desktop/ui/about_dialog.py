"""“Giới thiệu”: the version, the licence, where to get help, and where the database and the
data folder are.

Support over the phone starts with "which version, and where is your file?": the dialog
answers both, with the paths selectable and a button that opens the data folder (backups and
the error log live there). It also says under which licence the program and its bundled fonts
come (pyproject's MIT; the Liberation fonts' SIL Open Font License, resources/fonts) and who
helps: the guide (F1), then the district or province Women's Union the unit reports to.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop import __version__
from htx_desktop.ui.help_viewer import TOPIC_ABOUT, bind_help, open_help
from htx_desktop.ui.screen_fit import fit_window


class AboutDialog(QDialog):
    def __init__(self, db_path: Path, data_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bind_help(self, TOPIC_ABOUT)
        from htx_desktop.paths import user_data_dir

        self.data_dir = data_dir if data_dir is not None else user_data_dir()
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("Giới thiệu HTX Desktop"))
        title = QLabel(f"<h2>HTX Desktop {__version__}</h2>")
        title.setObjectName("aboutTitle")
        blurb = QLabel(self.tr(
            "Theo dõi hợp tác xã, tổ hợp tác do phụ nữ tham gia quản lý, tạo việc làm cho lao "
            "động nữ (Quyết định 01/QĐ-TTg). Ứng dụng chạy không cần mạng; dữ liệu nằm trên "
            "máy này."
        ))
        blurb.setWordWrap(True)
        form = QFormLayout()
        self.version_label = self._value(__version__, "aboutVersion")
        self.db_label = self._value(str(db_path), "aboutDatabase")
        self.data_label = self._value(str(self.data_dir), "aboutDataDir")
        form.addRow(self.tr("Phiên bản:"), self.version_label)
        form.addRow(self.tr("Tệp dữ liệu:"), self.db_label)
        form.addRow(self.tr("Thư mục dữ liệu:"), self.data_label)
        self.licence_label = QLabel(self.tr(
            "Phần mềm tự do theo giấy phép MIT. Phông chữ Liberation đi kèm theo giấy phép SIL "
            "Open Font License 1.1."
        ))
        self.licence_label.setObjectName("aboutLicence")
        self.licence_label.setWordWrap(True)
        form.addRow(self.tr("Giấy phép:"), self.licence_label)
        self.support_label = QLabel(self.tr(
            "Bấm F1 ở bất kỳ màn hình nào để mở hướng dẫn sử dụng. Cần hỗ trợ thêm, hãy liên hệ "
            "Hội LHPN cấp huyện/cụm hoặc cấp tỉnh phụ trách đơn vị của bạn (nơi nhận báo cáo), "
            "và đọc số phiên bản ở trên."
        ))
        self.support_label.setObjectName("aboutSupport")
        self.support_label.setWordWrap(True)
        form.addRow(self.tr("Trợ giúp:"), self.support_label)
        open_folder = QPushButton(self.tr("Mở thư mục dữ liệu"))
        open_folder.setObjectName("openDataDir")
        open_folder.clicked.connect(self.open_data_dir)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        guide = QPushButton(self.tr("Hướng dẫn sử dụng"))
        guide.setObjectName("openGuide")
        guide.clicked.connect(lambda: open_help(self, TOPIC_ABOUT))
        buttons.addButton(guide, QDialogButtonBox.ButtonRole.HelpRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_window(self, "about", self.sizeHint())

    @staticmethod
    def _value(text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a folder name is not markup
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    def open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
