"""The English catalogue is complete and really reaches the interface.

The interface is written in Vietnamese and `resources/translations/htx_en.ts` is its English
translation. These tests fail whenever a string in the code is missing from the catalogue or
has no English yet: run `python -m htx_desktop.i18n_build update`, translate the new entries
(Qt Linguist), and commit the `.ts`. A build must never ship half-translated.
"""

from __future__ import annotations

import ast
import re
import shutil
import xml.etree.ElementTree as ET  # the .ts is the project's own, trusted file
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QWizard,
    QWizardPage,
)

from htx_desktop import i18n_build
from htx_desktop.ui import i18n

#: Qt's place markers (%1, %n, %L1) and Python's format fields ({0}, {name}, {n:,}).
PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[A-Za-z0-9_]*(?:[:!][^{}]*)?\}")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    translation: str | None
    kind: str  # the translation's type attribute: "", "unfinished", "vanished", "obsolete"
    where: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    def describe(self) -> str:
        note = f" [{self.comment}]" if self.comment else ""
        return f"{self.context}: {self.source!r}{note} ({self.where})"


def read_ts(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        last_file = ""
        for message in context.iter("message"):
            location = message.find("location")
            if location is not None:
                # lupdate writes paths relative to the .ts: keep the readable part
                filename = location.get("filename", "")
                last_file = filename.rpartition("htx_desktop/")[2] or last_file
            translation = message.find("translation")
            if translation is not None and message.get("numerus") == "yes":
                forms = [f.text or "" for f in translation.iter("numerusform")]
                text: str | None = "" if not all(forms) else forms[0]
            else:
                text = None if translation is None else (translation.text or "")
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    comment=message.findtext("comment", ""),
                    translation=text,
                    kind="" if translation is None else translation.get("type", ""),
                    where=last_file or "no location",
                )
            )
    return messages


@pytest.fixture(scope="module")
def committed() -> list[Message]:
    path = i18n_build.ts_path("en")
    assert path.is_file(), f"{path} is missing: run python -m htx_desktop.i18n_build update"
    return read_ts(path)


@pytest.fixture
def app_translators(qapp: QApplication) -> Iterator[QApplication]:
    """Leave the application without translators, as the other tests expect it."""
    yield qapp
    i18n.remove_translators(qapp)


def test_catalogue_header(committed: list[Message]) -> None:
    root = ET.parse(i18n_build.ts_path("en")).getroot()
    assert root.get("sourcelanguage") == "vi"
    assert root.get("language") == "en"
    assert committed, "the catalogue has no messages"


def test_every_string_in_the_code_is_in_the_catalogue(
    committed: list[Message], tmp_path: Path
) -> None:
    """lupdate over the code finds nothing the committed `.ts` lacks, and nothing stale."""
    copy = tmp_path / "htx_en.ts"
    shutil.copyfile(i18n_build.ts_path("en"), copy)
    i18n_build.update_ts(copy)
    fresh = {m.key: m for m in read_ts(copy)}
    known = {m.key for m in committed}
    new = [m.describe() for key, m in fresh.items() if key not in known]
    stale = [m.describe() for m in committed if m.key not in fresh]
    assert not new and not stale, (
        "htx_en.ts is out of date; run `python -m htx_desktop.i18n_build update` and translate."
        + "".join(f"\n  new: {line}" for line in new)
        + "".join(f"\n  no longer in the code: {line}" for line in stale)
    )


def test_every_message_has_an_english_translation(committed: list[Message]) -> None:
    problems = []
    for message in committed:
        if message.kind in ("vanished", "obsolete"):
            problems.append(f"{message.kind} entry: {message.describe()}")
        elif message.translation is None or not message.translation.strip():
            problems.append(f"no translation: {message.describe()}")
        elif message.kind == "unfinished":
            problems.append(f"unfinished: {message.describe()}")
    assert not problems, f"{len(problems)} messages to fix in htx_en.ts:\n" + "\n".join(problems)


def test_no_translation_is_the_vietnamese_left_as_it_was(committed: list[Message]) -> None:
    """A translation copied from its source (Linguist's "copy source" then marked done) would
    show Vietnamese in the English interface while every other check passes."""
    vietnamese = re.compile(
        "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
    )
    same = [
        m.describe()
        for m in committed
        if m.translation and m.translation.strip() == m.source.strip()
        and vietnamese.search(m.source)
    ]
    assert not same, "translated as the Vietnamese source:\n" + "\n".join(same)


def test_translations_keep_the_placeholders(committed: list[Message]) -> None:
    """A lost %1 or {0} would drop the number or name from the English sentence."""
    problems = [
        f"{m.describe()} -> {m.translation!r}"
        for m in committed
        if m.translation
        and sorted(PLACEHOLDER.findall(m.source)) != sorted(PLACEHOLDER.findall(m.translation))
    ]
    assert not problems, "placeholders differ between source and translation:\n" + "\n".join(
        problems
    )


@dataclass(frozen=True)
class TrCall:
    context: str | None  # None: a tr() outside any class (its context cannot be known here)
    text: ast.expr
    comment: str
    where: str


def tr_calls(path: Path) -> Iterator[TrCall]:
    """Every `x.tr(text)` (context: the enclosing class, as lupdate and PySide use) and
    `QCoreApplication.translate("Context", text)` in a file, f-strings included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

    def walk(node: ast.AST, cls: str | None) -> Iterator[TrCall]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield from walk(child, child.name)
                continue
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute):
                args, name = child.args, child.func.attr
                where = f"{path.name}:{child.lineno}"
                if name == "tr" and args:
                    yield TrCall(cls, args[0], _literal(args[1:2]), where)
                elif (
                    name == "translate"
                    and len(args) >= 2
                    and isinstance(args[0], ast.Constant)
                    and isinstance(args[0].value, str)
                ):
                    yield TrCall(args[0].value, args[1], _literal(args[2:3]), where)
            yield from walk(child, cls)

    yield from walk(tree, None)


def _literal(nodes: list[ast.expr]) -> str:
    if nodes and isinstance(nodes[0], ast.Constant) and isinstance(nodes[0].value, str):
        return nodes[0].value
    return ""


def test_every_tr_call_matches_the_catalogue(committed: list[Message]) -> None:
    """What the code asks for at run time is what the catalogue holds.

    Catches what lupdate cannot see: text built inside tr() (`tr(f"…{x}")` is looked up after
    formatting, so it never matches; write `self.tr("{0} đơn vị").format(n)`), and a tr() call
    nested inside an f-string, which lupdate skips (take it out into a variable first).
    """
    known = {m.key for m in committed}
    problems = []
    for path in i18n_build.source_files():
        for call in tr_calls(path):
            text = call.text
            if isinstance(text, ast.JoinedStr | ast.BinOp | ast.Call):
                problems.append(f"{call.where}: text built at run time: {ast.unparse(text)[:70]}")
            elif (
                isinstance(text, ast.Constant)
                and isinstance(text.value, str)
                and call.context is not None
                and (call.context, text.value, call.comment) not in known
            ):
                problems.append(f"{call.where}: not in htx_en.ts: {call.context}: {text.value!r}")
    assert not problems, "\n".join(problems)


def test_english_translator_translates(
    app_translators: QApplication, committed: list[Message]
) -> None:
    assert i18n.install_translator(app_translators, "en") is True
    finished = [m for m in committed if m.translation and not m.kind]
    assert finished, "no finished translation to check"
    for message in finished:
        disambiguation = message.comment or None
        got = QCoreApplication.translate(message.context, message.source, disambiguation)
        assert got == message.translation, message.describe()
    # Qt's own buttons stay in Qt's English.
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"


def test_navigation_label_reads_in_english(
    app_translators: QApplication, committed: list[Message]
) -> None:
    """A string every officer sees, checked by name rather than read back from the file."""
    assert i18n.install_translator(app_translators, "en")
    contexts = {m.context for m in committed if m.source == "Hợp tác xã"}
    assert contexts, "the navigation label 'Hợp tác xã' is not in the catalogue"
    for context in contexts:
        assert QCoreApplication.translate(context, "Hợp tác xã") == "Cooperatives"


def test_vietnamese_removes_the_catalogue_and_translates_qt(
    app_translators: QApplication, committed: list[Message]
) -> None:
    assert i18n.install_translator(app_translators, "en")
    assert i18n.install_translator(app_translators, "vi") is False
    message = committed[0]
    got = QCoreApplication.translate(message.context, message.source, message.comment or None)
    assert got == message.source
    assert not app_translators.findChildren(QTranslator, i18n.APP_TRANSLATOR)

    box = QMessageBox(QMessageBox.Icon.Question, "", "")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "&Có"
    assert box.button(QMessageBox.StandardButton.No).text() == "&Không"
    wizard = QWizard()
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Tiếp theo >"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Hoàn tất"
    # Strings the catalogue does not know are left alone.
    assert QCoreApplication.translate("QPlatformTheme", "Not a Qt string") == "Not a Qt string"


def test_broken_catalogue_falls_back_to_vietnamese(
    app_translators: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    junk = tmp_path / "htx_en.qm"
    junk.write_bytes(b"not a translation")
    monkeypatch.setattr(i18n, "qm_path", lambda lang: junk)
    assert i18n.install_translator(app_translators, "en") is False
    assert "keeping Vietnamese" in caplog.text

    def explode(lang: str) -> Path:
        raise PermissionError("cache folder is read-only")

    monkeypatch.setattr(i18n, "qm_path", explode)
    assert i18n.install_translator(app_translators, "en") is False
    assert not app_translators.findChildren(QTranslator, i18n.APP_TRANSLATOR)
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Hủy"


def test_language_names_are_normalised() -> None:
    assert i18n.normalise_language("en_US") == "en"
    assert i18n.normalise_language("EN-gb") == "en"
    assert i18n.normalise_language("vi_VN") == "vi"
    assert i18n.normalise_language("fr") == "vi"
    assert i18n.normalise_language(None) == "vi"


def test_built_qm_loads(tmp_path: Path) -> None:
    path = i18n_build.build_qm(tmp_path)
    translator = QTranslator()
    assert translator.load(str(path)) is True
    assert not translator.isEmpty()
    assert translator.language() == "en"
