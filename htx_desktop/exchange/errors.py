"""Errors of the exchange layer: every message says, in Vietnamese, what is wrong and what the
officer can do. No message ever carries key material or a passphrase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ExchangeError(Exception):
    """A failure the officer must read; `str()` is the Vietnamese message."""


class PassphraseError(ExchangeError):
    pass


@dataclass(frozen=True)
class Fault:
    """Which record and field a refusal is about, apart from the receiver's wording: the
    exporter's own check (`exchange.export_check`) tells the sending officer which record to
    fix. `row` is the record as it stood in data.json; `index` its place in its table."""

    table: str
    index: int | None
    row: dict[str, Any] | None
    field: str
    what: str


class BundleRejected(ExchangeError):
    """A bundle that must not be imported; `code` is a stable machine-readable reason, `fault`
    the record it is about when one is to blame."""

    def __init__(self, code: str, message: str, fault: Fault | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.fault = fault

    def __reduce__(self) -> tuple[type[BundleRejected], tuple[str, str]]:
        # A refusal found in the verifying process (`exchange.pipeline`) crosses to the one
        # that writes: pickled by its code and message, not by `Exception.args`.
        return (type(self), (self.code, str(self)))


#: What parsers raise on bytes that are not what they claim (asn1crypto, cryptography, json,
#: zipfile's struct reading): from a bundle's member these mean "damaged", never "stop".
MALFORMED_INPUT: tuple[type[Exception], ...] = (
    ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError,
    EOFError,
)
