"""The left panel of the reports page: which document, for which HTX/THT, training session or
period, with or without personal data, the header, and the buttons that build, print and save
it (PDF or Word). The panel only holds the widgets and says what is chosen; the page
(`reports_page`) acts on them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.registry.profile import UnitScope
from htx_desktop.reports.build import ATTENDANCE, CONSOLIDATED, PERIODIC, PROFILE
from htx_desktop.storage.units import COMMUNE
from htx_desktop.ui.pages.dashboard_page import default_period, report_periods
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR
from htx_desktop.ui.record_chooser import ID_ROLE, RecordChooser
from htx_desktop.ui.unit_picker import level_name

#: The document kinds whose report has the officer's own sections.
NARRATIVE_KINDS = frozenset({PERIODIC, CONSOLIDATED})


class ReportOptions(QGroupBox):
    """The choices of a document and its action buttons (see the module docstring)."""

    def __init__(self, scope: UnitScope, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Tài liệu cần in"))
        self.setObjectName("reportOptions")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form = form

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        kind_model = QStandardItemModel(self.kind_combo)
        for kind, label in (
            (PERIODIC, self.tr("Báo cáo định kỳ (6 tháng/năm)")),
            (CONSOLIDATED, self.tr("Báo cáo tổng hợp (cấp huyện/cụm, cấp tỉnh)")),
            (PROFILE, self.tr("Phiếu thông tin HTX/THT")),
            (ATTENDANCE, self.tr("Danh sách ký tên lớp tập huấn")),
        ):
            item = QStandardItem(label)
            item.setData(kind, ID_ROLE)
            if kind == CONSOLIDATED and scope.level == COMMUNE:
                item.setEnabled(False)
                item.setToolTip(
                    self.tr("Chỉ lập ở cấp huyện/cụm hoặc cấp tỉnh, từ số liệu các xã.")
                )
            kind_model.appendRow(item)
        self.kind_combo.setModel(kind_model)
        self.kind_model = kind_model
        self.kind_note = self.muted_label("kindNote")
        form.addRow(self.tr("&Tài liệu:"), self.kind_combo)
        form.addRow(self.kind_note)

        self.organisation_chooser = RecordChooser(
            self.tr("Tìm theo tên (gõ không dấu cũng được)"), "organisationChooser"
        )
        form.addRow(self.tr("HTX hoặc tổ hợp tác:"), self.organisation_chooser)
        self.session_chooser = RecordChooser(
            self.tr("Tìm theo tên lớp hoặc ngày"), "sessionChooser"
        )
        form.addRow(self.tr("Lớp tập huấn:"), self.session_chooser)

        self.unit_label = QLabel(
            f"{scope.unit_name} ({level_name(scope.level)})"
        )
        self.unit_label.setTextFormat(Qt.TextFormat.PlainText)  # a typed district's name
        self.unit_label.setObjectName("unitLabel")
        self.unit_label.setWordWrap(True)
        form.addRow(self.tr("Đơn vị:"), self.unit_label)

        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        for period in report_periods(today):
            self.period_combo.addItem(self.period_label(period), period.code)
        self.period_combo.setCurrentIndex(
            max(0, self.period_combo.findData(default_period(today).code))
        )
        form.addRow(self.tr("&Kỳ báo cáo:"), self.period_combo)

        self.personal_check = QCheckBox(self.tr("Bỏ thông tin cá nhân"))
        self.personal_check.setObjectName("omitPersonal")
        self.personal_check.setToolTip(
            self.tr(
                "Không in năm sinh, dân tộc, số điện thoại (và tên tổ trưởng trong danh sách), "
                "cho nơi nhận không cần các thông tin này."
            )
        )
        form.addRow(self.personal_check)

        self.header_button = QPushButton(self.tr("Thông tin đầu văn bản…"))
        self.header_button.setObjectName("headerButton")
        self.header_button.setAutoDefault(False)
        self.header_note = self.muted_label("headerNote")
        form.addRow(self.header_button)
        form.addRow(self.header_note)

        self.preview_button = QPushButton(self.tr("Xem trước"))
        self.preview_button.setObjectName("previewButton")
        self.print_button = QPushButton(self.tr("In…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Lưu PDF…"))
        self.save_button.setObjectName("savePdfButton")
        self.save_docx_button = QPushButton(self.tr("Lưu Word (.docx)…"))
        self.save_docx_button.setObjectName("saveDocxButton")
        self.save_docx_button.setToolTip(
            self.tr("Lưu thành tệp Word để sửa, trình ký và đóng dấu.")
        )
        actions = QGridLayout()
        for index, button in enumerate(self.action_buttons()):
            button.setAutoDefault(False)
            actions.addWidget(button, index // 2, index % 2)
        self.preview_button.setDefault(True)
        form.addRow(actions)

        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # indeterminate: the time depends on the data
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(8)
        self.busy_bar.hide()
        form.addRow(self.busy_bar)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # file paths and errors
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        form.addRow(self.message)

    def action_buttons(self) -> tuple[QPushButton, ...]:
        return (self.preview_button, self.print_button, self.save_button, self.save_docx_button)

    def period_label(self, period: ReportPeriod) -> str:
        if period.half == 1:
            return self.tr("6 tháng đầu năm {year}").format(year=period.year)
        return self.tr("Năm {year}").format(year=period.year)

    def muted_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {MUTED_COLOR};")
        return label

    # --- what is chosen ----------------------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind_combo.currentData(ID_ROLE))

    def set_kind(self, kind: str) -> bool:
        """Choose a document kind; False when it is not offered (consolidated at a commune)."""
        for row in range(self.kind_model.rowCount()):
            item = self.kind_model.item(row)
            if item.data(ID_ROLE) == kind and item.isEnabled():
                self.kind_combo.setCurrentIndex(row)
                return True
        return False

    def kind_enabled(self, kind: str) -> bool:
        for row in range(self.kind_model.rowCount()):
            item = self.kind_model.item(row)
            if item.data(ID_ROLE) == kind:
                return item.isEnabled()
        return False

    def current_period(self) -> str:
        return str(self.period_combo.currentData())

    def show_kind(self, kind: str) -> None:
        """The note and the rows that belong to the chosen kind."""
        notes = {
            PERIODIC: self.tr(
                "Kết quả thực hiện Kế hoạch của đơn vị trong kỳ, kèm biểu số liệu các chỉ tiêu."
            ),
            CONSOLIDATED: self.tr(
                "Tổng hợp kết quả của các đơn vị trực thuộc, kèm biểu theo từng đơn vị."
            ),
            PROFILE: self.tr(
                "Thông tin, người quản lý, số liệu theo kỳ và tập huấn của một HTX/THT."
            ),
            ATTENDANCE: self.tr(
                "In trước buổi học để học viên ký tên; có thêm dòng trống cho người đến sau."
            ),
        }
        self.kind_note.setText(notes.get(kind, ""))
        self.form.setRowVisible(self.organisation_chooser, kind == PROFILE)
        self.form.setRowVisible(self.session_chooser, kind == ATTENDANCE)
        self.period_combo.setEnabled(kind != ATTENDANCE)
        self.personal_check.setEnabled(kind != ATTENDANCE)

    def set_building(self, building: bool) -> None:
        self.busy_bar.setVisible(building)
        for button in self.action_buttons():
            button.setEnabled(not building)
