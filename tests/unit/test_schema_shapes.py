"""The schema fingerprints the application compares files against are the ones its migrations
make: each revision is built in a fresh file, and also reached by upgrading from every older
revision and by downgrading from head, and all of them must match `schema_shapes.SHAPES`.

After adding a migration, regenerate the fingerprints with
``python tests/unit/test_schema_shapes.py`` and commit `htx_desktop/storage/schema_shapes.py`.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest

from htx_desktop.storage.migrate import SCHEMA_REVISIONS, alembic_config, walk_revisions
from htx_desktop.storage.schema_shapes import SHAPES
from htx_desktop.storage.sqlite_file import read_shape

SHAPES_MODULE = Path(__file__).resolve().parents[2] / "htx_desktop/storage/schema_shapes.py"


def _ordered_revisions() -> list[str]:
    return sorted(walk_revisions())


def migrated_shape(folder: Path, steps: list[str]) -> dict[str, str]:
    """The shape of a file taken through `steps` (upgrades or downgrades) by Alembic."""
    from alembic import command

    from htx_desktop.storage.engine import Database

    path = folder / f"via-{'-'.join(steps)}.sqlite3"
    db = Database(path)
    cfg = alembic_config(db.engine)
    order = _ordered_revisions()
    previous = None
    for step in steps:
        if previous is not None and order.index(step) < order.index(previous):
            command.downgrade(cfg, step)
        else:
            command.upgrade(cfg, step)
        previous = step
    db.close()
    con = sqlite3.connect(path)
    try:
        return read_shape(con)
    finally:
        con.close()


def render(shapes: dict[str, dict[str, str]]) -> str:
    lines = [
        '"""Schema fingerprints per revision, generated from the migrations by',
        "tests/unit/test_schema_shapes.py (run it as a script after adding a migration).",
        "",
        "Each entry maps ``\"type name\"`` of an object in sqlite_master to a digest of its",
        'table and normalised SQL (`sqlite_file.shape_of_rows`)."""',
        "",
        "from __future__ import annotations",
        "",
        "SHAPES: dict[str, dict[str, str]] = {",
    ]
    for revision in sorted(shapes):
        lines.append(f'    "{revision}": {{')
        lines.extend(f'        "{k}": "{v}",' for k, v in sorted(shapes[revision].items()))
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def test_every_known_revision_has_a_fingerprint():
    assert set(SHAPES) == set(SCHEMA_REVISIONS) == walk_revisions()


@pytest.mark.parametrize("revision", sorted(SCHEMA_REVISIONS))
def test_a_fresh_file_at_each_revision_has_the_committed_shape(tmp_path, revision):
    assert migrated_shape(tmp_path, [revision]) == SHAPES[revision]


def test_upgrading_or_downgrading_reaches_the_same_shape_as_a_fresh_file(tmp_path):
    order = _ordered_revisions()
    for older in order[:-1]:
        assert migrated_shape(tmp_path, [older, order[-1]]) == SHAPES[order[-1]], older
    for target in order[:-1]:
        assert migrated_shape(tmp_path, [order[-1], target]) == SHAPES[target], target


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        made = {r: migrated_shape(Path(tmp), [r]) for r in _ordered_revisions()}
    SHAPES_MODULE.write_text(render(made), encoding="utf-8")
    print(f"{SHAPES_MODULE}: {len(made)} revisions")
