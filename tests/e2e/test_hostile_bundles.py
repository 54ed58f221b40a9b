"""Hostile and broken input: every case of tests/hostile/cases.toml is refused with a clear
Vietnamese message and leaves the receiving database byte for byte as it was; random damage
and random re-signed data never get past the reader as anything but a rejection or a valid
import; an XML bomb inside an Excel file is refused by the parser."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import sqlite3
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from bundle_fixtures import PASSPHRASE, make_officer, quang_ngai_communes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htx_desktop.__main__ import main
from htx_desktop.exchange.keys import active_credential, load_certificate, load_private_key
from htx_desktop.exchange.service import REJECTION_JOURNAL, Outcome, import_files, trust_certificate
from htx_desktop.exchange.signing import SigningIdentity
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database

PERIOD = "2025-H1"
HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
CASES: list[dict[str, Any]] = tomllib.loads((HOSTILE / "cases.toml").read_text("utf-8"))["case"]


def load_mutations() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile_mutations", HOSTILE / "mutations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while decorating
    spec.loader.exec_module(module)
    return module


mutations = load_mutations()


def snapshot(path: Path) -> tuple[list[str], bytes]:
    """Everything stored (SQL dump) and the file itself, after folding the WAL in."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        dump = list(con.iterdump())
    finally:
        con.close()
    return dump, path.read_bytes()


def receiver_db(template: Path, folder: Path, trusted_pem: bytes) -> Path:
    """A province database that trusts the sender (so only the damage can be refused)."""
    folder.mkdir(parents=True)
    path = folder / "tinh.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(path)
    with db.session() as s:
        create_profile(s, "51", "Lê Thị Lan", "Chủ tịch Hội LHPN tỉnh")
        trust_certificate(s, trusted_pem)
    db.close()
    return path


@dataclass
class World:
    source: Any  # mutations.Source
    receiver: Path
    baseline: tuple[list[str], bytes]
    files: dict[str, Path]
    fuzz_db: Database
    fuzz_dir: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory, e2e_template_db):
    """The expensive part, once: a commune with demo data, her signed bundle, every hostile
    file made from it, and two receivers (one kept pristine, one for fuzzing)."""
    root = tmp_path_factory.mktemp("hostile")
    a_code, b_code = quang_ngai_communes(2)
    officer = make_officer(e2e_template_db, root / "xa", a_code, demo_seed=5)
    bundle = officer.export(PERIOD, root / "valid")
    with officer.db.session() as s:
        cred = active_credential(s)
        identity = SigningIdentity(
            load_private_key(cred, PASSPHRASE), load_certificate(cred.certificate_pem.encode())
        )
    now = datetime.now(UTC)
    other = mutations.make_identity(
        b_code, "Phạm Thị Thu", now - timedelta(days=1), now + timedelta(days=365)
    )
    source = mutations.Source(bundle, identity, a_code, other, b_code)
    files = {}
    (root / "cases").mkdir()
    for case in CASES:
        path = root / "cases" / f"HTX_{case['name']}.htx.zip"
        getattr(mutations, case["mutation"])(source, path)
        files[case["name"]] = path
    pem = officer.certificate_pem()
    receiver = receiver_db(e2e_template_db, root / "tinh", pem)
    fuzz_db = open_database(receiver_db(e2e_template_db, root / "fuzz", pem))
    yield World(source, receiver, snapshot(receiver), files, fuzz_db, root / "fuzz-cases")
    fuzz_db.close()
    officer.db.close()


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """The command line in this process (the subprocess test below covers a real one)."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_corpus_lists_each_case_once_with_a_mutation():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        assert callable(getattr(mutations, case["mutation"], None)), case["mutation"]
        assert case["code"] and case["words"]


def test_the_untouched_bundle_is_accepted(world):
    """The control: the receiver is set up so that only the damage can be refused."""
    db = open_database(world.receiver)
    try:
        (outcome,) = import_files(db, [world.source.bundle], dry_run=True)
    finally:
        db.close()
    assert outcome.ok, outcome.message
    assert snapshot(world.receiver) == world.baseline


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_hostile_bundle_is_refused_and_changes_nothing(world, case, capsys):
    path = world.files[case["name"]]
    scope = ["--db", world.receiver] if case.get("needs_db") else []
    code, out, err = cli(capsys, "verify", *scope, path)
    assert code == 1, out
    assert f"KHÔNG ĐẠT  {path.name}:" in err
    for words in case["words"]:
        assert words in err, err
    assert "Traceback" not in out + err

    code, out, err = cli(capsys, "import", "--db", world.receiver, "--json", path)
    assert code == 1
    (result,) = json.loads(out)
    assert (result["ok"], result["code"]) == (False, case["code"]), result["message"]

    code, out, err = cli(capsys, "import", "--db", world.receiver, path)
    assert code == 1 and out == ""
    assert err.startswith(f"TỪ CHỐI  {path.name}:"), err
    for words in case["words"]:
        assert words in err, err
    assert "Traceback" not in err

    assert snapshot(world.receiver) == world.baseline
    journal = (world.receiver.parent / REJECTION_JOURNAL).read_text("utf-8").splitlines()
    last = json.loads(journal[-1])
    assert (last["file"], last["code"]) == (path.name, case["code"])


def test_the_real_command_line_refuses_the_whole_corpus(world, run_cli):
    files = [world.files[c["name"]] for c in CASES]
    need_db = [world.files[c["name"]] for c in CASES if c.get("needs_db")]
    verify = run_cli("verify", *[f for f in files if f not in need_db])
    assert verify.returncode == 1
    assert "Traceback" not in verify.stderr + verify.stdout
    imported = run_cli("import", "--db", world.receiver, *files)
    assert imported.returncode == 1
    assert "Traceback" not in imported.stderr + imported.stdout
    for path in files:
        assert path in need_db or f"KHÔNG ĐẠT  {path.name}:" in verify.stderr
        assert f"TỪ CHỐI  {path.name}:" in imported.stderr
    assert snapshot(world.receiver) == world.baseline


# --- fuzzing ------------------------------------------------------------------------------


def check_outcome(outcome: Outcome) -> None:
    """A clean verdict: a rejection with a code and a printable message, or an import."""
    assert isinstance(outcome, Outcome)
    if outcome.ok:
        assert outcome.result is not None
    else:
        assert outcome.code and outcome.code != "ok" and outcome.message
    json.dumps(outcome.as_dict(), ensure_ascii=False, default=str).encode("utf-8")


def ledger_size(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM import_ledger").scalar() or 0)


def import_and_check(world: World, path: Path, original: Path | None = None) -> None:
    """Import one fuzzed file; with `original`, a file that gets in must hold exactly the
    signed original's members (damage only where nothing is read: a comment, padding)."""
    before = ledger_size(world.fuzz_db)
    (outcome,) = import_files(world.fuzz_db, [path])
    check_outcome(outcome)
    assert ledger_size(world.fuzz_db) == before + (1 if outcome.ok else 0)
    if outcome.ok and original is not None:
        with zipfile.ZipFile(original) as signed, zipfile.ZipFile(path) as damaged:
            assert sorted(damaged.namelist()) == sorted(signed.namelist())
            for name in signed.namelist():
                assert damaged.read(name) == signed.read(name), name


MEMBERS = ["manifest.json", "manifest.json.p7s", "signer.pem", "data.json", "workbook.xlsx",
           "report.pdf"]
byte_edit = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(1, 255)),
    st.tuples(st.sampled_from(MEMBERS), st.floats(0, 1, exclude_max=True), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.floats(0, 1, exclude_max=True), st.just(0)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.floats(0, 1, exclude_max=True), st.just(0)),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False
)
@given(edits=st.lists(byte_edit, min_size=1, max_size=4))
def test_random_damage_to_the_bundle_file(world, edits):
    raw = bytearray(world.source.bundle.read_bytes())
    with zipfile.ZipFile(world.source.bundle) as zf:
        spans = {
            i.filename: (i.header_offset + 30 + len(i.filename) + len(i.extra), i.compress_size)
            for i in zf.infolist()
        }
    for op, where, value in edits:
        if not raw:
            break
        at = min(int(where * len(raw)), len(raw) - 1)
        if op in spans:  # inside one member's compressed bytes, directory intact
            start, size = spans[op]
            at = min(start + int(where * size), len(raw) - 1)
            raw[at] ^= value
        elif op == "flip":
            raw[at] ^= value
        elif op == "truncate":
            del raw[at:]
        elif op == "insert":
            raw[at:at] = bytes([value]) * 3
        else:
            del raw[at]
    world.fuzz_dir.mkdir(exist_ok=True)
    path = world.fuzz_dir / "HTX_fuzz_bytes.htx.zip"
    path.write_bytes(bytes(raw))
    import_and_check(world, path, original=world.source.bundle)


json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["\ud800", "2025-01-01", "2025-01-01T00:00:00+07:00", "", "x" * 500, "1e999",
         "NaN", "-0", "21211", "2025-H1", "\x00", "=HYPERLINK(\"x\")"]
    ),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
TABLES = ["cooperative", "cooperative_group", "manager", "period_figures", "union_cadre",
          "training_session", "training_attendance"]
FIELDS = ["id", "unit_code", "revision", "deleted", "name", "commune_code", "sector",
          "charter_capital", "established_on", "updated_at", "cooperative_id", "topics",
          "session_id", "full_name", "birth_year", "members_total", "revenue", "khong_co"]
data_edit = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(TABLES), st.integers(0, 5),
              st.sampled_from(FIELDS) | st.text(max_size=6), json_value),
    st.tuples(st.just("drop"), st.sampled_from(TABLES), st.integers(0, 5),
              st.sampled_from(FIELDS), st.none()),
    st.tuples(st.just("top"), st.none(), st.none(),
              st.sampled_from(["records", "unit_code", "period", "origins", "them"]), json_value),
    st.tuples(st.just("table"), st.sampled_from([*TABLES, "la"]), st.none(), st.none(),
              json_value),
)


def apply_edit(payload: dict[str, Any], edit: tuple[Any, ...]) -> None:
    op, table, index, key, value = edit
    if op == "top":
        payload[key] = value
        return
    records = payload.get("records")
    if not isinstance(records, dict):
        return
    if op == "table":
        records[table] = value
        return
    rows = records.get(table)
    if not isinstance(rows, list) or not rows or not isinstance(rows[index % len(rows)], dict):
        return
    row = rows[index % len(rows)]
    if op == "set":
        row[key] = value
    else:
        row.pop(key, None)


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    edits=st.lists(data_edit, min_size=1, max_size=3),
    recount=st.booleans(),
    tail=st.sampled_from([b"", b"", b"", b"\xff", b"\xc3", b"[" * 50_000]),
)
def test_random_data_signed_with_the_senders_key(world, edits, recount, tail):
    """What a sender holding the key (or a future bug) could send: the reader must refuse it
    cleanly or import it, never fail with another exception."""
    payload = json.loads(world.source.members()["data.json"])
    for edit in edits:
        apply_edit(payload, edit)
    data = json.dumps(payload, ensure_ascii=True).encode("ascii") + tail
    world.fuzz_dir.mkdir(exist_ok=True)
    path = world.fuzz_dir / "HTX_fuzz_data.htx.zip"
    mutations.with_data(world.source, path, data, recount=recount)
    import_and_check(world, path)


# --- Excel ----------------------------------------------------------------------------------

BOMB_DTD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bomb [\n<!ENTITY a "hahahahahahahahaha">\n'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(8))
    + "]>\n"
)
EXTERNAL_DTD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE x [<!ENTITY i SYSTEM "file:///etc/passwd">]>\n'
)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


SHARED_STRINGS_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def crafted_workbook(part: str, body: str) -> io.BytesIO:
    """A real workbook (made by openpyxl) with one part replaced, or added, as hostile XML.
    openpyxl writes inline strings, so a shared-strings part is added with its content type,
    as Excel itself would write it."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Hợp tác xã"
    clean = io.BytesIO()
    book.save(clean)
    out = io.BytesIO()
    with zipfile.ZipFile(clean) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                data = body.encode("utf-8")
            elif info.filename == "[Content_Types].xml" and part not in names:
                data = data.replace(b"</Types>", SHARED_STRINGS_TYPE.encode())
            dst.writestr(info, data)
        if part not in names:
            dst.writestr(part, body.encode("utf-8"))
    out.seek(0)
    return out


@pytest.mark.parametrize(
    ("part", "body"),
    [
        ("xl/sharedStrings.xml",
         BOMB_DTD + f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&i;</t></si></sst>'),
        ("xl/worksheets/sheet1.xml",
         BOMB_DTD + f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
         "<is><t>&i;</t></is></c></row></sheetData></worksheet>"),
        ("xl/worksheets/sheet1.xml",
         EXTERNAL_DTD + f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" '
         't="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>'),
    ],
    ids=["billion-laughs-shared-strings", "billion-laughs-sheet", "external-entity-sheet"],
)
def test_an_xml_bomb_in_a_workbook_is_refused_by_defusedxml(part, body):
    import openpyxl
    from defusedxml import DefusedXmlException

    assert openpyxl.DEFUSEDXML, "defusedxml must stay installed: openpyxl relies on it"
    with pytest.raises(ValueError, match="Unable to read workbook") as raised:
        openpyxl.load_workbook(crafted_workbook(part, body))
    # openpyxl wraps the parser's refusal: the cause must be defusedxml's, not a parse error
    # after the entities were expanded (or the file read).
    assert isinstance(raised.value.__cause__ or raised.value.__context__, DefusedXmlException)
