"""Records to and from the JSON a bundle carries.

Encoding follows the models' columns so a new column travels without new code. Decoding trusts
nothing: each value must have its column's type and fit its size, or the whole bundle is
refused with the record and field named.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String, Text, select
from sqlalchemy.orm import Session

from htx_desktop.exchange.decoded import Columns, DecodedRecords
from htx_desktop.exchange.errors import BundleRejected, Fault
from htx_desktop.storage.base import SyncedRecord
from htx_desktop.storage.models import SYNCED_MODELS
from htx_desktop.text import char_name, first_unsafe, has_unsafe, visible

MODELS_BY_TABLE: dict[str, type[SyncedRecord]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
MAX_INT = 2**53
MAX_TEXT = 20_000
#: Columns computed locally, never taken from a bundle.
LOCAL_COLUMNS = frozenset({"search_key"})
#: The highest revision a record may carry. An honest record gains one revision per edit, so
#: a million would take an edit every 16 seconds, day and night, for a whole half-year; a
#: larger number can only be a forged one, made to win every merge against the owner's edits
#: (and, near the integer limit, to make the owner's next edit overflow).
MAX_REVISION = 10**6


def canonical_decimal(scale: int, whole: int | None = None) -> re.Pattern[str]:
    """The one spelling the exporter writes for a decimal column (SQLite hands Numeric values
    back formatted to the column's scale: "1500000.00"); "1.5e6" or "1500000.5" would make the
    same number look like an edit at every import. With `whole`, at most that many digits
    before the point: a value so spelled is finite and below 10**whole by its very digits."""
    fraction = rf"\.[0-9]{{{scale}}}" if scale else ""
    more = "*" if whole is None else f"{{0,{whole - 1}}}"
    return re.compile(rf"-?(?:0|[1-9][0-9]{more}){fraction}")


def _is_multiline(column: Any) -> bool:
    """Long notes (Text columns) may hold tab and newline; every other text is one line."""
    return isinstance(column.type, Text)


def columns_of(model: type[SyncedRecord]) -> list[Any]:
    return [c for c in model.__table__.columns if c.name not in LOCAL_COLUMNS]  # type: ignore[attr-defined]


def encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def dump_records(session: Session, unit_codes: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Every record (tombstones included) owned by the given units, by table."""
    codes = list(unit_codes)
    out: dict[str, list[dict[str, Any]]] = {}
    for model in SYNCED_MODELS:
        cols = columns_of(model)
        stmt = select(*cols).where(model.unit_code.in_(codes)).order_by(model.id)
        out[model.__tablename__] = [  # type: ignore[attr-defined]
            {c.name: encode_value(v) for c, v in zip(cols, row, strict=True)}
            for row in session.execute(stmt)
        ]
    return out


#: The column that names a record to a person, by table.
NAME_COLUMNS: dict[str, str] = {
    "cooperative": "name",
    "cooperative_group": "name",
    "manager": "full_name",
    "union_cadre": "full_name",
    "training_session": "title",
    "period_figures": "period",
}


def record_label(table: str, row: Any, kind: str | None = None) -> str:
    """How a message names a record from outside: its table (or the `kind` of record, as the
    officer knows it), id and name (shown escaped and cut short, since both come from the
    bundle)."""
    what = f"“{kind}”" if kind else f"bảng “{table}”"
    if not isinstance(row, dict):
        return what
    rid = row.get("id")
    label = f"{what}, mã {visible(str(rid)[:40])}" if rid else what
    name = row.get(NAME_COLUMNS.get(table, ""))
    if isinstance(name, str) and name:
        label += f", tên “{visible(name[:80])}”"
    return label


def _reject(table: str, index: int, field: str, what: str) -> BundleRejected:
    return BundleRejected(
        "bad_data",
        f"Tệp data.json có dữ liệu sai ở bảng “{table}”, bản ghi thứ {index + 1}, trường "
        f"“{field}”: {what}. Không nhập gói này; hãy xin người gửi xuất lại.",
        Fault(table, index, None, field, what),
    )


Decoder = Callable[[Any, str, int], Any]


def _decoder(column: Any) -> Decoder:
    """The check and conversion of one column, chosen once per column rather than per value
    (a national merge decodes over a million values). None fails every type check, so it is
    looked at only on that failure path: a good value costs one call."""
    name = column.name
    nullable = column.nullable
    ctype = column.type

    def refuse(value: Any, table: str, index: int, what: str) -> None:
        if value is not None:
            raise _reject(table, index, name, what)
        if not nullable:
            raise _reject(table, index, name, "thiếu giá trị")
        return None

    if isinstance(ctype, Boolean):

        def boolean(value: Any, table: str, index: int) -> Any:
            if value is not True and value is not False:
                return refuse(value, table, index, "phải là true/false")
            return value

        return boolean
    if isinstance(ctype, Integer) and name == "revision":

        def revision(value: Any, table: str, index: int) -> Any:
            if type(value) is not int or not 1 <= value <= MAX_REVISION:
                return refuse(value, table, index, "số phiên bản phải từ 1 đến 1.000.000")
            return value

        return revision
    if isinstance(ctype, Integer):

        def integer(value: Any, table: str, index: int) -> Any:
            if type(value) is not int or abs(value) > MAX_INT:  # (bool is not int here)
                return refuse(value, table, index, "phải là số nguyên hợp lý")
            return value

        return integer
    if isinstance(ctype, Numeric):
        bound = Decimal(10) ** (ctype.precision - ctype.scale)
        spelling = canonical_decimal(ctype.scale)
        example = "1500000" + ("." + "0" * ctype.scale if ctype.scale else "")

        def numeric(value: Any, table: str, index: int) -> Any:
            if not isinstance(value, str) or len(value) > 40:
                return refuse(value, table, index, "phải là số thập phân ghi bằng chuỗi")
            if not spelling.fullmatch(value):
                raise _reject(
                    table, index, name,
                    f"số “{visible(value)}” không ghi theo dạng chuẩn (ví dụ {example})",
                )
            number = Decimal(value)
            if abs(number) >= bound:
                raise _reject(table, index, name, "số quá lớn")
            return number

        return numeric
    if isinstance(ctype, DateTime):

        def stamp(value: Any, table: str, index: int) -> Any:
            if not isinstance(value, str) or len(value) >= 40:
                return refuse(value, table, index, "ngày giờ không hợp lệ")
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                raise _reject(table, index, name, "ngày giờ không hợp lệ") from None
            if moment.tzinfo is not None:
                # Stored times are naive UTC: an offset would make every re-import look changed.
                raise _reject(table, index, name, "ngày giờ không được kèm múi giờ")
            if encode_value(moment) != value:
                raise _reject(table, index, name, "ngày giờ không ghi theo dạng chuẩn")
            return moment

        return stamp
    if isinstance(ctype, Date):

        def day(value: Any, table: str, index: int) -> Any:
            if not isinstance(value, str) or len(value) >= 20:
                return refuse(value, table, index, "ngày không hợp lệ")
            try:
                day_value: date | None = date.fromisoformat(value)
            except ValueError:
                day_value = None
            if day_value is None or day_value.isoformat() != value:
                raise _reject(
                    table, index, name,
                    f"ngày “{visible(value)}” không hợp lệ hoặc không ghi theo dạng chuẩn "
                    "năm-tháng-ngày (ví dụ 2025-01-05)",
                )
            return day_value

        return day
    if isinstance(ctype, JSON):

        def codes(value: Any, table: str, index: int) -> Any:
            if (
                not isinstance(value, list)
                or len(value) > 50
                or not all(isinstance(v, str) and len(v) <= 60 for v in value)
            ):
                return refuse(value, table, index, "phải là danh sách mã ngắn")
            return value

        return codes
    if isinstance(ctype, String | Text):
        limit = ctype.length or MAX_TEXT

        multiline = _is_multiline(column)

        def text(value: Any, table: str, index: int) -> Any:
            if not isinstance(value, str) or len(value) > limit:
                return refuse(value, table, index, f"phải là chuỗi không quá {limit} ký tự")
            bad = first_unsafe(value, multiline)
            if bad is not None:
                raise _reject(
                    table, index, name,
                    f"chứa ký tự điều khiển hoặc ký tự ẩn ({char_name(bad)}) không được phép",
                )
            if not unicodedata.is_normalized("NFC", value):
                raise _reject(table, index, name, "văn bản không ở dạng Unicode chuẩn (NFC)")
            return value

        return text

    def unsupported(value: Any, table: str, index: int) -> Any:
        return refuse(value, table, index, "kiểu dữ liệu không được hỗ trợ")

    return unsupported


@cache
def _decoders(table: str) -> tuple[tuple[str, Decoder], ...]:
    """Per table, each column's name and decoder (built once per process)."""
    return tuple((c.name, _decoder(c)) for c in columns_of(MODELS_BY_TABLE[table]))


def decode_value(column: Any, value: Any, table: str, index: int) -> Any:
    return _decoder(column)(value, table, index)


def decode_records(raw: Any) -> DecodedRecords:
    """Strictly typed records by table, every known table present (`DecodedRecords`: by
    column, each table's records made when asked for); BundleRejected on the first problem."""
    if not isinstance(raw, dict):
        raise BundleRejected("bad_data", "Tệp data.json không có danh sách bản ghi hợp lệ.")
    unknown = set(raw) - set(MODELS_BY_TABLE)
    if unknown:
        raise BundleRejected(
            "bad_data",
            f"Tệp data.json có loại bản ghi không biết: {', '.join(sorted(unknown))[:200]}. "
            "Có thể gói được tạo bởi phiên bản mới hơn; hãy cập nhật ứng dụng.",
        )
    columns: Columns = {}
    decoded_rows: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()  # a UUID names one record, in whichever table
    for table in MODELS_BY_TABLE:
        rows = raw.get(table, [])
        if not isinstance(rows, list):
            raise BundleRejected("bad_data", f"Tệp data.json: bảng “{table}” không phải danh sách.")
        by_name = _decode_columns(table, rows, seen)
        if by_name is None:  # something is wrong: find and name the first problem
            decoded = decoded_rows[table] = _decode_rows(table, rows, seen)
            by_name = {name: [r[name] for r in decoded] for name, _ in _decoders(table)}
        columns[table] = by_name
    return DecodedRecords(columns, decoded_rows)


def _decode_rows(table: str, rows: list[Any], seen: set[str]) -> list[dict[str, Any]]:
    """Record by record, value by value: the reference decoder, which names the record and
    field of the first problem."""
    decoders = _decoders(table)
    names = frozenset(name for name, _ in decoders)
    decoded = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise _reject(table, index, "*", "bản ghi không phải là đối tượng")
        if not names.issuperset(row):
            extra = set(row) - names
            raise _reject(table, index, sorted(extra)[0][:60], "trường không biết")
        get = row.get
        try:
            values = {name: decode(get(name), table, index) for name, decode in decoders}
        except BundleRejected as exc:
            raise BundleRejected(
                exc.code, f"{exc} (Bản ghi: {record_label(table, row)}.)", exc.fault
            ) from None
        if values["id"] in seen:
            raise _reject(table, index, "id", "mã bản ghi bị trùng")
        seen.add(values["id"])
        decoded.append(values)
    return decoded


class _Irregular(Exception):
    """A column the fast path cannot vouch for; `_decode_rows` then finds what is wrong."""


def _decode_columns(table: str, rows: list[Any], seen: set[str]) -> dict[str, list[Any]] | None:
    """The values `_decode_rows` would give for a well-formed table, by column, checked column
    by column with the loops inside C built-ins (map, set, max, join): a national merge
    decodes over a million records and per-value calls were its largest verification cost.
    Returns None whenever anything looks off, so errors are always reported by the reference
    decoder."""
    checks = _column_checks(table)
    names = tuple(name for name, _ in checks)
    if not rows:
        return {name: [] for name in names}
    # Every record a dict holding exactly the known columns: as many keys, each one found.
    if set(map(type, rows)) != {dict} or set(map(len, rows)) != {len(names)}:
        return None
    try:
        values_by_column = zip(*map(itemgetter(*names), rows), strict=True)
    except KeyError:
        return None
    try:
        columns = [
            check(list(values))
            for (_name, check), values in zip(checks, values_by_column, strict=True)
        ]
    except (_Irregular, BundleRejected, ArithmeticError, ValueError, TypeError):
        return None
    ids = columns[names.index("id")]
    if len(set(ids)) != len(ids) or not seen.isdisjoint(ids):
        return None
    seen.update(ids)
    return dict(zip(names, columns, strict=True))


ColumnCheck = Callable[[list[Any]], list[Any]]
#: The exporter's spelling of a time (`encode_value`: naive, to the microsecond) and of a
#: day. Every field has a fixed width, so a value of this shape that `fromisoformat` accepts
#: is spelled back exactly as it came; any other spelling goes to the reference decoder.
_STAMP_SPELLING = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}"
_DAY_SPELLING = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


@cache
def _spelled_column(spelling: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{spelling}\n)*{spelling}")


def _all_spelled(spelling: str, values: list[Any]) -> bool:
    """Every value but None has the spelling, tested in one match over the values joined by
    line breaks (a value holding a line break of its own then fails `fromisoformat`)."""
    present = [v for v in values if v is not None]
    return not present or _spelled_column(spelling).fullmatch("\n".join(present)) is not None


@cache
def _column_checks(table: str) -> tuple[tuple[str, ColumnCheck], ...]:
    return tuple((c.name, _column_check(c)) for c in columns_of(MODELS_BY_TABLE[table]))


def _column_check(column: Any) -> ColumnCheck:
    """One column's values checked and converted as a whole; `_Irregular` (or the error of a
    conversion) as soon as any value might not pass the reference decoder."""
    nullable = column.nullable
    ctype = column.type
    none = {type(None)} if nullable else set()

    def of_types(values: list[Any], *kinds: type) -> list[Any]:
        if not set(map(type, values)) <= none | set(kinds):
            raise _Irregular
        return values

    def convert(values: list[Any], function: Callable[[Any], Any]) -> list[Any]:
        if nullable:
            return [None if v is None else function(v) for v in values]
        return list(map(function, values))

    def longest(values: list[Any]) -> int:
        return max(map(len, filter(None, values)), default=0)

    if isinstance(ctype, Boolean):
        return lambda values: of_types(values, bool)
    if isinstance(ctype, Integer) and column.name == "revision":

        def revisions(values: list[Any]) -> list[Any]:
            of_types(values, int)
            if min(values) < 1 or max(values) > MAX_REVISION:
                raise _Irregular
            return values

        return revisions
    if isinstance(ctype, Integer):

        def integers(values: list[Any]) -> list[Any]:
            of_types(values, int)
            if max(map(abs, filter(None, values)), default=0) > MAX_INT:
                raise _Irregular
            return values

        return integers
    if isinstance(ctype, Numeric):
        # The exporter's spelling within the column's whole digits: in bounds by its digits.
        spelling = canonical_decimal(ctype.scale, ctype.precision - ctype.scale).pattern

        def decimals(values: list[Any]) -> list[Any]:
            if longest(of_types(values, str)) > 40 or not _all_spelled(spelling, values):
                raise _Irregular
            return convert(values, Decimal)

        return decimals
    if isinstance(ctype, DateTime):

        def stamps(values: list[Any]) -> list[Any]:
            if longest(of_types(values, str)) >= 40:
                raise _Irregular
            if not _all_spelled(_STAMP_SPELLING, values):
                raise _Irregular
            return convert(values, datetime.fromisoformat)

        return stamps
    if isinstance(ctype, Date):

        def days(values: list[Any]) -> list[Any]:
            if longest(of_types(values, str)) >= 20:
                raise _Irregular
            if not _all_spelled(_DAY_SPELLING, values):
                raise _Irregular
            return convert(values, date.fromisoformat)

        return days
    if isinstance(ctype, String | Text):
        limit = ctype.length or MAX_TEXT

        multiline = _is_multiline(column)

        def texts(values: list[Any]) -> list[Any]:
            if longest(of_types(values, str)) > limit:
                raise _Irregular
            present = list(filter(None, values))
            # Joined by a line break (a starter that composes with nothing), the text is NFC
            # exactly when every value is; the break is not searched for unsafe characters.
            if has_unsafe("".join(present), multiline) or not unicodedata.is_normalized(
                "NFC", "\n".join(present)
            ):
                raise _Irregular
            return values

        return texts
    reference = _decoder(column)  # JSON lists and anything rarer: value by value
    return lambda values: [reference(v, "", 0) for v in values]


def iter_rows(records: dict[str, list[dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Parents before children, as SYNCED_MODELS orders them."""
    for model in SYNCED_MODELS:
        table = model.__tablename__  # type: ignore[attr-defined]
        for row in records.get(table, []):
            yield table, row
