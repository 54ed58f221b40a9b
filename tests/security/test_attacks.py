"""An officer with a SQLite editor attacks her neighbours through her own, honestly signed
bundle; the receiver refuses the whole bundle, says why in Vietnamese, names the record, and
keeps every row as it was (see conftest.py for the world they live in)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PASSPHRASE, PERIOD, World, district_code_of, dump, load_mutations, sql

from htx_desktop.exchange.keys import active_credential, load_certificate, load_private_key
from htx_desktop.exchange.signing import SigningIdentity
from htx_desktop.storage.database import open_database
from htx_desktop.storage.units import official_units

mutations = load_mutations()


def one(db: Path, query: str, *params: object) -> str:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute(query, params).fetchone()
    finally:
        con.close()
    assert row is not None, query
    return str(row[0])


def live_coop(db: Path) -> str:
    return one(db, "SELECT id FROM cooperative WHERE NOT deleted ORDER BY id LIMIT 1")


@pytest.fixture(scope="module")
def attacker_bundle(world: World) -> Path:
    return world.export(world.attacker_db, "attacker-honest")


def forged(
    world: World, bundle: Path, name: str, mutation: str | Callable[..., None]
) -> Path:
    """The attacker's own bundle changed by hand and signed again with her own key."""
    db = open_database(world.attacker_db)
    try:
        with db.session() as session:
            cred = active_credential(session)
            identity = SigningIdentity(
                load_private_key(cred, PASSPHRASE),
                load_certificate(cred.certificate_pem.encode()),
            )
    finally:
        db.close()
    source = mutations.Source(bundle, identity, world.attacker, identity, world.attacker)
    out = world.root / "out" / f"HTX_{name}.htx.zip"
    make = getattr(mutations, mutation) if isinstance(mutation, str) else mutation
    make(source, out)
    return out


def test_the_honest_bundle_of_the_attacker_is_accepted(world, attacker_bundle):
    """The control: the receiver takes her bundle when nobody has edited it, so each refusal
    below is caused by the attack alone."""
    dry = world.cli("import", "--db", world.receiver, "--dry-run", attacker_bundle)
    assert dry.returncode == 0, dry.stderr


def test_her_htx_moved_into_the_victims_commune(world, refused):
    db = world.copy_attacker("moved")
    coop = live_coop(db)
    sql(db, f"UPDATE cooperative SET commune_code = '{world.victim}' WHERE id = '{coop}'")
    bundle = world.export_edited(db, "moved", coop, "Xã")
    refused(bundle, "ngoài phạm vi", "toàn bộ", "cooperative", coop, world.victim)
    # Without the receiver's database only the signature can be checked, and it says so.
    alone = world.cli("verify", bundle)
    assert alone.returncode == 0 and "chưa kiểm tra phạm vi" in alone.stdout


def test_the_victims_htx_overwritten_under_its_own_id(world, refused):
    victim_coop = live_coop(world.victim_db)
    db = world.copy_attacker("overwrite")
    mine = live_coop(db)
    sql(
        db,
        f"CREATE TEMP TABLE t AS SELECT * FROM cooperative WHERE id = '{mine}'",
        f"UPDATE t SET id = '{victim_coop}', revision = 999, name = 'HTX đã bị chiếm'",
        "INSERT INTO cooperative SELECT * FROM t",
    )
    bundle = world.export(db, "overwrite")
    refused(bundle, "ngoài phạm vi", victim_coop, "đã có trong cơ sở dữ liệu", world.victim)


def test_a_manager_hung_on_the_victims_htx(world, refused):
    victim_coop = live_coop(world.victim_db)
    db = world.copy_attacker("parent")
    manager = one(db, "SELECT id FROM manager WHERE cooperative_id IS NOT NULL AND NOT deleted "
                      "ORDER BY id LIMIT 1")
    sql(db, f"UPDATE manager SET cooperative_id = '{victim_coop}' WHERE id = '{manager}'")
    bundle = world.export(db, "parent")
    refused(bundle, "ngoài phạm vi", "manager", manager, victim_coop, world.victim)


def test_a_record_placed_in_another_province(world, refused):
    far = next(u.code for u in official_units() if u.level == "commune"
               and u.province_code != "51")
    db = world.copy_attacker("province")
    coop = live_coop(db)
    sql(db, f"UPDATE cooperative SET commune_code = '{far}' WHERE id = '{coop}'")
    refused(world.export_edited(db, "province", coop, "Xã"), "ngoài phạm vi", coop, far)


def test_a_revision_bumped_to_win_every_merge(world, refused):
    db = world.copy_attacker("revision")
    coop = live_coop(db)
    sql(db, f"UPDATE cooperative SET revision = 1000000000 WHERE id = '{coop}'")
    edited = world.export_edited(db, "revision", coop, "revision", "1.000.000")
    refused(edited, "số phiên bản phải từ 1 đến 1.000.000", coop)


@pytest.mark.parametrize(
    ("column", "char", "shown"),
    [("name", 0x202E, "U+202E"), ("name", 0x1B, "U+001B"), ("address", 0x200B, "U+200B")],
)
def test_hidden_characters_in_her_text(world, refused, column, char, shown):
    db = world.copy_attacker(f"chars{char}")
    coop = live_coop(db)
    sql(db, f"UPDATE cooperative SET {column} = 'HTX ' || char({char}) || 'Đông' "
            f"WHERE id = '{coop}'")
    refused(world.export_edited(db, f"chars{char}", coop, shown), "ký tự", shown, coop)


def test_more_women_than_members(world, refused):
    db = world.copy_attacker("women")
    figures = one(db, "SELECT id FROM period_figures WHERE NOT deleted ORDER BY id LIMIT 1")
    sql(db, "UPDATE period_figures SET members_female = members_total + 5 "
            f"WHERE id = '{figures}'")
    edited = world.export_edited(db, "women", figures, "nữ")
    refused(edited, "không hợp lệ theo biểu mẫu", figures)


@pytest.mark.parametrize(
    ("field", "value"), [("established_on", "2025-1-5"), ("charter_capital", "1.5E+6")]
)
def test_values_spelled_unlike_the_exporter(world, refused, attacker_bundle, field, value):
    """She writes data.json herself: a value the exporter would never spell this way would
    look edited at every import ("conflicting" for ever); it is refused instead."""

    def change(source, out):
        mutations.edit_data(source, out, lambda p: mutations.first(p).update({field: value}))

    refused(forged(world, attacker_bundle, f"spelling-{field}", change), value, "dạng chuẩn")


def test_a_workbook_that_lists_other_records(world, refused, attacker_bundle):
    bundle = forged(world, attacker_bundle, "workbook", "workbook_disagrees")
    refused(bundle, "Bảng tính Excel", "không khớp")


def test_a_report_made_from_other_data(world, refused, attacker_bundle):
    bundle = forged(world, attacker_bundle, "report", "report_disagrees")
    refused(bundle, "Báo cáo PDF", "không được lập từ chính dữ liệu")


def test_a_commune_outside_the_districts_group(world, refused):
    """The district officer trusted a certificate of a commune she does not hold."""
    outsider_bundle = world.export(world.outsider_db, "outsider")
    receiver = world.root / "huyen-ngoai.sqlite3"
    receiver.write_bytes(world.receiver.read_bytes())
    world.cli.ok("trust", "--db", receiver, world.certs["xa_ngoai"])
    refused(outsider_bundle, "không thuộc", world.outsider, receiver=receiver)


@pytest.fixture(scope="module")
def province(world: World, attacker_bundle: Path) -> dict[str, Path]:
    """A province that placed only the attacker's commune in "Huyện Kiểm Tra", and that
    district's officer, who placed the outsider in it too and merged both communes."""
    outsider_bundle = world.export(world.outsider_db, "outsider-for-district")
    district = world.new_db("huyen-kiem-tra.sqlite3")
    code = district_code_of(world.cli.ok(
        "district", "create", "--db", district, "--name", "Huyện Kiểm Tra",
        "--communes", f"{world.attacker},{world.outsider}"))
    world.cli.ok("init", "--db", district, "--unit", code, "--officer", "Lê Thị Hạnh",
                 "--title", "Chủ tịch Hội LHPN huyện", "--level", "district")
    for name in ("ke_tan_cong", "xa_ngoai"):
        world.cli.ok("trust", "--db", district, world.certs[name])
    world.cli.ok("import", "--db", district, attacker_bundle, outsider_bundle)
    cert = world.root / "huyen-kiem-tra.pem"
    world.cli.ok("cert", "--db", district, "--out", cert)
    tinh = world.new_db("tinh.sqlite3")
    world.cli.ok("district", "create", "--db", tinh, "--name", "Huyện Kiểm Tra",
                 "--communes", world.attacker)
    world.cli.ok("init", "--db", tinh, "--unit", "51", "--officer", "Võ Thị Lan",
                 "--title", "Chủ tịch Hội LHPN tỉnh", "--level", "province")
    world.cli.ok("trust", "--db", tinh, cert)
    return {"district": district, "province": tinh, "cert": cert}


def test_a_district_bundle_carrying_a_commune_the_province_did_not_place_there(
    world, refused, province
):
    bundle = world.export(province["district"], "district-wide")
    outsider_coop = live_coop(world.outsider_db)
    refused(bundle, "ngoài phạm vi", world.outsider, receiver=province["province"])
    assert outsider_coop not in dump(province["province"])


def test_a_district_claiming_a_commune_it_does_not_cover_does_not_mark_it_reported(
    world, province
):
    """Her bundle carries only her communes' records but says it merged the outsider's bundle:
    the province takes the records and still counts the outsider as not reported."""
    db = world.root / "huyen-chi-khai.sqlite3"
    db.write_bytes(province["district"].read_bytes())
    tables = ("training_attendance", "training_session", "union_cadre", "period_figures",
              "manager", "cooperative_group", "cooperative")
    sql(db, *(f"DELETE FROM {t} WHERE unit_code = '{world.outsider}'" for t in tables))
    bundle = world.export(db, "district-claims")
    manifest = json.loads(zipfile.ZipFile(bundle).read("manifest.json"))
    assert world.outsider in {m["unit_code"] for m in manifest["merged_bundles"]}  # the claim
    world.cli.ok("import", "--db", province["province"], bundle)
    status = json.loads(world.cli.ok("status", "--db", province["province"], "--period",
                                     PERIOD, "--json"))
    by_code = {row["unit_code"]: row for row in status}
    assert by_code[world.outsider]["reported"] is False
    district_row = next(r for r in status if r["level"] == "district")
    assert district_row["reported"] is True
    assert district_row["signer_name"] == "Lê Thị Hạnh"  # from her certificate


def test_a_certificate_for_a_district_the_receiver_never_created(world, refused, province):
    bundle = world.export(province["district"], "unknown-district")
    tinh = world.new_db("tinh-khac.sqlite3")
    world.cli.ok("init", "--db", tinh, "--unit", "51", "--officer", "Võ Thị Lan",
                 "--title", "Chủ tịch Hội LHPN tỉnh", "--level", "province")
    trusted = world.cli("trust", "--db", tinh, province["cert"])
    if trusted.returncode != 0:  # refused already when trusting: the step is named there
        assert "district create" in trusted.stderr, trusted.stderr
        return
    refused(bundle, "htx-desktop district create", receiver=tinh)


def test_nothing_the_victim_holds_changed(world):
    """After every attack, the district still holds the victim's records as she sent them."""
    victim = sqlite3.connect(f"file:{world.victim_db}?mode=ro", uri=True)
    district = sqlite3.connect(f"file:{world.receiver}?mode=ro", uri=True)
    try:
        query = ("SELECT id, unit_code, revision, name, commune_code FROM cooperative "
                 "WHERE unit_code = ? ORDER BY id")
        assert victim.execute(query, (world.victim,)).fetchall() == district.execute(
            query, (world.victim,)).fetchall()
    finally:
        victim.close()
        district.close()
