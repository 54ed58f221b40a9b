"""Interface language: install the English catalogue, or keep the Vietnamese the code is in.

The strings in the code are Vietnamese, so Vietnamese needs no application catalogue; English
is loaded from the `.qm` that `htx_desktop.i18n_build` compiles from `htx_en.ts`. A missing or
broken catalogue must never stop an officer from working: the interface then stays in
Vietnamese and a warning goes to the log.

Qt's own strings (standard buttons such as OK/Cancel/Yes/No, the wizard's Back/Next/Finish, the
file, print and colour dialogs, the text-field context menu) are English in Qt. Qt's catalogue
for them would be `qtbase_vi.qm`, but PySide6 ships no Vietnamese one (`qtbase_*.qm` exists for
about thirty languages, not "vi"). The project keeps its own, `resources/translations/qt_vi.ts`,
compiled like the English one (`i18n_build.qt_qm_path`); a real `qtbase_vi.qm`, if a later Qt
ships one, is preferred automatically. Native dialogs (the Windows file dialog) follow the
language of the operating system instead.

Install the language before building any window: widgets read their texts when created.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from htx_desktop.i18n_build import SOURCE_LANGUAGE, qm_path, qt_qm_path

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = (SOURCE_LANGUAGE, "en")
#: Object names of the translators this module installs. They are children of the app, which
#: keeps them alive (a collected QTranslator silently stops translating) and lets a later call
#: find and remove them.
APP_TRANSLATOR = "htxAppTranslator"
QT_TRANSLATOR = "htxQtTranslator"
#: Language of Qt's own source strings: no Qt catalogue is needed for it.
QT_SOURCE_LANGUAGE = "en"


def normalise_language(lang: str | None) -> str:
    """Language code from a setting or locale name ("en_US", "EN", "en-GB" -> "en").

    Anything unknown means Vietnamese, the officers' language.
    """
    code = (lang or "").strip().lower().replace("-", "_").split("_")[0]
    return code if code in SUPPORTED_LANGUAGES else SOURCE_LANGUAGE


def install_translator(app: QCoreApplication, lang: str) -> bool:
    """Switch the interface to `lang` ("vi" or "en"); True when an app catalogue is active.

    Any translator installed by an earlier call is removed first, so the call can be repeated
    (a language setting changed, tests). Failing to build or load the English catalogue logs a
    warning and leaves the interface in Vietnamese (returns False); it never raises.
    """
    remove_translators(app)
    wanted = normalise_language(lang)
    active = False
    if wanted != SOURCE_LANGUAGE:
        translator = _load_app_translator(wanted)
        if translator is None:
            wanted = SOURCE_LANGUAGE
        else:
            # The app owns it from now on: that keeps it alive and lets the next call find it.
            translator.setParent(app)
            translator.setObjectName(APP_TRANSLATOR)
            active = app.installTranslator(translator)
    _install_qt_translator(app, wanted)
    return active


def _load_app_translator(lang: str) -> QTranslator | None:
    """The loaded catalogue, not yet installed (and without a parent: dropping it frees it)."""
    try:
        path = qm_path(lang)
    except Exception:  # a broken cache folder or tool must not stop the app
        log.warning("Could not prepare the %s translation", lang, exc_info=True)
        return None
    if path is None:
        log.warning("No %s translation available; keeping Vietnamese", lang)
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        log.warning("Could not load the translation %s; keeping Vietnamese", path)
        return None
    if translator.isEmpty():  # Qt would install it and report False: nothing is translated
        log.warning("The translation %s has no finished entries; keeping Vietnamese", path)
        return None
    return translator


def _install_qt_translator(app: QCoreApplication, lang: str) -> None:
    """Qt's own strings in `lang`: Qt's catalogue when it has one, else (Vietnamese) ours."""
    if lang == QT_SOURCE_LANGUAGE:
        return
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang}", folder):
        if lang != SOURCE_LANGUAGE or not _load_qt_vietnamese(translator):
            return
    translator.setParent(app)
    translator.setObjectName(QT_TRANSLATOR)
    app.installTranslator(translator)


def _load_qt_vietnamese(translator: QTranslator) -> bool:
    """Load the project's `qt_vi.qm` into `translator`; False (Qt's English stays) on failure."""
    try:
        path = qt_qm_path()
    except Exception:  # a broken cache folder or tool must not stop the app
        log.warning("Could not prepare Qt's Vietnamese strings", exc_info=True)
        return False
    if path is None or not translator.load(str(path)) or translator.isEmpty():
        log.warning("Qt's Vietnamese strings are not available; its buttons stay in English")
        return False
    return True


def active_language(app: QCoreApplication) -> str:
    """The interface language installed on `app`: the app catalogue's, or Vietnamese."""
    for translator in app.findChildren(QTranslator, APP_TRANSLATOR):
        return normalise_language(translator.language())
    return SOURCE_LANGUAGE


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall every translator `install_translator` put on `app` (tests, language change)."""
    for name in (APP_TRANSLATOR, QT_TRANSLATOR):
        for translator in app.findChildren(QTranslator, name):
            app.removeTranslator(translator)
            translator.setParent(None)  # Python owns it now and frees it when dropped
