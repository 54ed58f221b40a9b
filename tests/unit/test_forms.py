"""The form specs are the single description of each record: they must load, and every field
must land on a model column of a fitting type."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import JSON, Boolean, Date, Integer, Numeric, String, Text

from htx_desktop.paths import forms_dir
from htx_desktop.registry.forms import FormSpecError, load_forms
from htx_desktop.storage import models

FITTING = {
    "text": (String, Text),
    "integer": (Integer,),
    "decimal": (Numeric,),
    "date": (Date,),
    "choice": (String,),
    "multi_choice": (JSON,),
    "boolean": (Boolean,),
}
PYTHON_TYPES = {
    "text": str,
    "integer": int,
    "decimal": Decimal,
    "date": date,
    "choice": str,
    "multi_choice": list,
    "boolean": bool,
}


def test_every_shipped_form_loads():
    forms = load_forms()
    assert set(forms) == {
        "cooperative",
        "cooperative_group",
        "manager",
        "period_figures",
        "union_cadre",
        "training_session",
    }


@pytest.mark.parametrize("form_key", sorted(load_forms()))
def test_every_field_maps_onto_a_model_column_of_a_fitting_type(form_key):
    form = load_forms()[form_key]
    model = getattr(models, form.model)
    table = model.__table__
    for field in form.fields:
        assert field.key in table.columns, f"{form_key}.{field.key} has no column"
        column = table.columns[field.key]
        assert isinstance(column.type, FITTING[field.type]), (form_key, field.key, column.type)
        if field.type == "multi_choice":
            # JSON columns report `object`; the typed annotation says what they hold.
            assert "list[str]" in str(model.__annotations__[field.key]), (form_key, field.key)
        else:
            assert column.type.python_type is PYTHON_TYPES[field.type], (form_key, field.key)
        if field.max_length is not None and isinstance(column.type, String) and column.type.length:
            assert field.max_length <= column.type.length, (form_key, field.key)
        if not column.nullable and not field.required and column.default is None:
            pytest.fail(f"{form_key}.{field.key}: optional in the form, NOT NULL without default")


def test_choice_labels_exist_in_both_languages():
    for form in load_forms().values():
        for field in form.fields:
            for choice in field.choices:
                assert choice.vi and choice.en


def test_choices_like_copies_the_referenced_list():
    forms = load_forms()
    assert (
        forms["cooperative_group"].field("sector").choices
        == forms["cooperative"].field("sector").choices
    )


def _copy_forms(tmp_path: Path) -> Path:
    target = tmp_path / "forms"
    shutil.copytree(forms_dir(), target)
    return target


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('type = "integer"', 'type = "number"', "kiểu “number”"),
        ('section = "general"', 'section = "nowhere"', "mục “nowhere”"),
        ("pattern = '^\\d{10}(-\\d{3})?$'", "pattern = '^(['", "pattern"),
        ('kind = "requires"', 'kind = "maybe"', "loại quy tắc “maybe”"),
        ('label_en = "Cooperative name"', 'label_english = "x"', "khóa không hợp lệ"),
        ("min = 3", 'min = "three"', "giới hạn “three”"),
    ],
)
def test_a_bad_spec_fails_loudly_naming_file_and_place(tmp_path, old, new, expected):
    folder = _copy_forms(tmp_path)
    path = folder / "cooperative.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FormSpecError) as err:
        load_forms(folder)
    assert "cooperative.toml" in str(err.value)
    assert expected in str(err.value)


def test_broken_toml_syntax_is_reported(tmp_path):
    folder = _copy_forms(tmp_path)
    (folder / "manager.toml").write_text("[form\nkey=", encoding="utf-8")
    with pytest.raises(FormSpecError, match=r"manager\.toml"):
        load_forms(folder)


def test_unknown_choices_like_reference_is_reported(tmp_path):
    folder = _copy_forms(tmp_path)
    path = folder / "union_cadre.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("manager.sex", "manager.gender"), encoding="utf-8"
    )
    with pytest.raises(FormSpecError, match=r"manager\.gender"):
        load_forms(folder)


def test_empty_forms_folder_is_an_error(tmp_path):
    with pytest.raises(FormSpecError):
        load_forms(tmp_path)
