"""Errors of the exchange layer: every message says, in Vietnamese, what is wrong and what the
officer can do. No message ever carries key material or a passphrase."""

from __future__ import annotations


class ExchangeError(Exception):
    """A failure the officer must read; `str()` is the Vietnamese message."""


class PassphraseError(ExchangeError):
    pass


class BundleRejected(ExchangeError):
    """A bundle that must not be imported; `code` is a stable machine-readable reason."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code

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
