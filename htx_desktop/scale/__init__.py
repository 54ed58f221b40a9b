"""National-scale data for benchmarks: every commune with its own officer, key and bundle.

Qt-free; see `htx_desktop.scale.national.generate_national`.
"""

from __future__ import annotations

from htx_desktop.scale.national import (
    PROVINCE_CODE,
    NationalSet,
    generate_national,
    national_set,
    select_communes,
)

__all__ = [
    "PROVINCE_CODE",
    "NationalSet",
    "generate_national",
    "national_set",
    "select_communes",
]
