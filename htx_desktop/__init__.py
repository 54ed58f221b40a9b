"""HTX Desktop: offline records and reports for the women-managed cooperatives scheme."""

from __future__ import annotations

__version__ = "0.1.0"
