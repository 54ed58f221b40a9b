"""The one error a printed document raises for something the officer can fix."""

from __future__ import annotations


class ReportError(ValueError):
    """A document that cannot be made as asked; the message (Vietnamese) says what to do."""


NO_PROFILE = (
    "Cơ sở dữ liệu này chưa có hồ sơ cán bộ nên chưa biết in báo cáo cho đơn vị nào. "
    "Hãy thiết lập trước: htx-desktop init --unit MÃ_ĐƠN_VỊ --officer \"Họ tên\" "
    "--title \"Chức vụ\"."
)
