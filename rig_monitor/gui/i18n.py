"""Languages for the window (the Qt Linguist path): ``.ts`` sources and compiled ``.qm`` files in
``resources/i18n/``, a translator installed at run time, and a re-translation pass.

Why a pass over the widgets: the window's static texts (buttons, labels, menus, tabs, group
boxes, placeholders) are listed once in :mod:`rig_monitor.gui.i18n_strings` for ``lupdate`` and
translated here by their English source, so switching language at run time redraws them without
rebuilding the window. Texts the code builds at run time (totals, counts, status line) call
``t()`` where they are made. The .qm file is read on a worker thread, never the GUI thread.

Counts go through :func:`tn` and Qt's ``%n`` plural forms (``numerus`` messages in the .ts):
Russian has three (1 асик, 2 асика, 5 асиков), Chinese one. The English source of such a text
is its plural ("%n miners"); English has no catalogue, so its singular is listed next to it in
:data:`rig_monitor.gui.i18n_strings.PLURALS` and :func:`tn` uses it for one.

Regenerate the catalogues after changing strings::

    pyside6-lupdate rig_monitor/gui/*.py -ts resources/i18n/rig_monitor_zh_CN.ts resources/i18n/rig_monitor_ru.ts
    pyside6-lrelease resources/i18n/rig_monitor_zh_CN.ts resources/i18n/rig_monitor_ru.ts

``tests/gui/test_i18n_catalogue.py`` fails when a ``t()``/``tn()`` text in the code is not in
:mod:`rig_monitor.gui.i18n_strings` or has no Chinese or Russian translation.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from rig_monitor.core.errwords import localise
from rig_monitor.core.resources import resource_path
from rig_monitor.gui.i18n_strings import CONTEXT, PLURALS, STATIC
from rig_monitor.gui.thread_hop import emit_on_gui

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "中文", "ru": "Русский"}
_SRC = "_i18n_src"  # dynamic property prefix: the English source of a translated text


def system_language() -> str:
    """The OS locale mapped to a shipped language (Chinese and Russian, else English)."""
    name = QLocale.system().name()  # "zh_CN", "ru_RU", "en_US" …
    if name.startswith("zh"):
        return "zh_CN"
    if name.startswith("ru"):
        return "ru"
    return "en"


def qm_path(lang: str) -> str:
    return str(resource_path("i18n", f"rig_monitor_{lang}.qm"))


def read_qm(lang: str) -> bytes:
    with open(qm_path(lang), "rb") as fh:
        return fh.read()


def read_qt_qm(lang: str) -> bytes:
    """Qt's own texts (standard buttons) in ``lang``, where PySide6 ships them; else nothing."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    try:
        with open(os.path.join(folder, f"qtbase_{lang}.qm"), "rb") as fh:
            return fh.read()
    except OSError:
        return b""  # a bundle without Qt's catalogues: those few buttons stay English


_LOCALES = {"en": "en_US", "zh_CN": "zh_CN", "ru": "ru_RU"}
_current = "en"  # the installed language (the GUI thread sets it; readers only read)


def locale() -> QLocale:
    """The installed language's locale, for day and month names (not for numbers: the window
    shows numbers one way in every language, as the CSV and the CLI do)."""
    return QLocale(_LOCALES.get(_current, "en_US"))


def t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def error_text(message: str) -> str:
    """A miner's error message (English from core) in the installed language: the operator
    reads "why is it offline" more often than any other text in the window."""
    return localise(message, _current)


def tn(text: str, n: int) -> str:
    """``text`` with ``%n`` replaced by ``n`` in the plural form the language wants for it."""
    return english_singular(text, n, QCoreApplication.translate(CONTEXT, text, None, n))


def english_singular(text: str, n: int, shown: str) -> str:
    """``shown`` unless it is the untranslated English plural of one: then the singular."""
    if n == 1 and text in PLURALS and shown == text.replace("%n", "1"):
        return PLURALS[text].replace("%n", "1")
    return shown


def _swap(obj: QObject, prop: str, current: str, apply: Callable[[str], None]) -> None:
    """Translate one text if it is a known static string (or the translation of one)."""
    key = _SRC + prop
    src = obj.property(key)
    if isinstance(src, str) and src and current in (src, _last(obj, prop)):
        pass  # still showing the static text (in some language): keep its source
    elif current in STATIC:
        src = current
        obj.setProperty(key, src)
    else:
        return  # a text built at run time: its code translates it
    new = t(src)
    obj.setProperty(key + "_shown", new)
    if new != current:
        apply(new)


def _last(obj: QObject, prop: str) -> str | None:
    shown = obj.property(_SRC + prop + "_shown")
    return shown if isinstance(shown, str) else None


def retranslate(root: QWidget) -> None:
    """Re-translate the static texts of ``root`` and its children (menus, tabs included)."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w.toolTip():
            _swap(w, "tip", w.toolTip(), w.setToolTip)
        if isinstance(w, QLabel | QAbstractButton):
            _swap(w, "text", w.text(), w.setText)
        elif isinstance(w, QGroupBox):
            _swap(w, "title", w.title(), w.setTitle)
        elif isinstance(w, QDockWidget):
            _swap(w, "title", w.windowTitle(), w.setWindowTitle)
        elif isinstance(w, QLineEdit) and not isinstance(w.parent(), QAbstractSpinBox):
            _swap(w, "placeholder", w.placeholderText(), w.setPlaceholderText)
        elif isinstance(w, QSpinBox):
            _swap(w, "prefix", w.prefix(), w.setPrefix)
            _swap(w, "suffix", w.suffix(), w.setSuffix)
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                _swap(w, f"item{i}", w.itemText(i), functools.partial(w.setItemText, i))
        elif isinstance(w, QTableWidget):
            for i in range(w.columnCount()):
                item = w.horizontalHeaderItem(i)
                if item is not None:
                    _swap(w, f"head{i}", item.text(), item.setText)
        elif isinstance(w, QTreeWidget):
            head = w.headerItem()
            for i in range(w.columnCount()):
                _swap(w, f"head{i}", head.text(i), functools.partial(head.setText, i))
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                _swap(w, f"tab{i}", w.tabText(i), functools.partial(w.setTabText, i))
        if isinstance(w, QMenu | QMenuBar):
            if isinstance(w, QMenu):
                _swap(w, "title", w.title(), w.setTitle)
            for a in w.actions():
                _swap(a, "text", a.text(), a.setText)
                menu = a.menu()
                if isinstance(menu, QMenu):
                    _swap(menu, "title", menu.title(), menu.setTitle)
    for a in root.actions():
        _swap(a, "text", a.text(), a.setText)


class LanguageSwitch(QObject):
    """Installs the translators for a language: ours, and Qt's own (the Save/Cancel/Yes buttons
    of standard dialogs). The .qm bytes are read on ``run`` (a worker)."""

    ready = Signal(str, bytes, bytes)
    changed = Signal(str)

    def __init__(self, run: Callable[[Callable[[], None]], None], parent: QObject) -> None:
        super().__init__(parent)
        self._run = run
        self._translators: list[QTranslator] = []
        self._data: list[bytes] = []  # QTranslator.load(data) keeps a pointer: keep the bytes
        self.language = "en"
        self.ready.connect(self._install)

    def request(self, lang: str) -> None:
        if lang == "en":
            self._install("en", b"", b"")
            return
        ready = self.ready

        def job() -> None:
            try:
                ours = read_qm(lang)
            except OSError:
                emit_on_gui(ready, "en", b"", b"")
                return
            emit_on_gui(ready, lang, ours, read_qt_qm(lang))

        self._run(job)

    def _install(self, lang: str, data: bytes, qt_data: bytes = b"") -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        for old in self._translators:
            app.removeTranslator(old)
        self._translators, self._data = [], []
        if data:
            for blob in (data, qt_data):
                translator = QTranslator(self)
                if blob and translator.load(blob):
                    app.installTranslator(translator)
                    self._translators.append(translator)
                    self._data.append(blob)
                elif blob is data:
                    lang = "en"
                    break
        global _current
        _current = lang
        self.language = lang
        self.changed.emit(lang)
