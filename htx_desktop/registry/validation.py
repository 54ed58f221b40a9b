"""Validation of records against their form specs: the one entry point the rest of the
application imports from.

Values arrive from many places (typed in the GUI, read from Excel, given on the command line,
carried in bundles), so each field's value is parsed leniently (`value_parsing`), held to the
spec and its cross-field rules (`record_checks`, every error at once), and a bundle's thousands
of records are checked in bulk with the same decision (`bulk_checks`).
"""

from __future__ import annotations

from htx_desktop.registry.bulk_checks import first_invalid
from htx_desktop.registry.record_checks import (
    ValidationContext,
    ValidationFailed,
    ValidationResult,
    clean_field,
    rule_message,
    validate,
)
from htx_desktop.registry.value_parsing import (
    format_number,
    is_blank,
    is_year_field,
    parse_date,
    parse_vn_number,
    resolve_bound,
)

__all__ = [
    "ValidationContext",
    "ValidationFailed",
    "ValidationResult",
    "clean_field",
    "first_invalid",
    "format_number",
    "is_blank",
    "is_year_field",
    "parse_date",
    "parse_vn_number",
    "resolve_bound",
    "rule_message",
    "validate",
]
