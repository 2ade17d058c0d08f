"""The fault catalogue: what each fault means, how to confirm it, what to try — as data.

Knowledge lives in ``resources/faults/catalogue.json`` so that translators, operators and the
model database can change it without touching the rules. Three layers are merged by fault id:
the English built-in file, an optional ``catalogue.<lang>.json`` overlay (only the fields it
translates), and an optional user file (may add faults, override fields, and tune ``params``).
A broken file raises :class:`CatalogueError` naming the file and the problem, never a bare
``KeyError`` deep inside a rule.
"""

from __future__ import annotations

import functools
import json
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rig_monitor.core.model import Severity
from rig_monitor.core.resources import ResourceError, resource_path

FAULTS_DIR = "faults"

_TEXT_FIELDS = ("title", "summary", "confirm", "warning")
_LIST_FIELDS = ("causes", "remedies")


class CatalogueError(ResourceError):
    """A fault data file is missing, not JSON, or not shaped as expected."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


@dataclass(slots=True)
class FaultSpec:
    id: str
    severity: Severity
    title: str
    summary: str = ""
    confirm: str = ""
    causes: list[str] = field(default_factory=list)
    remedies: list[str] = field(default_factory=list)
    warning: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # param -> where its value comes from


@dataclass(slots=True)
class IncidentSpec:
    id: str
    severity: Severity
    fault: str | None
    texts: dict[str, str]
    params: dict[str, Any]


class _SafeDict(dict[str, Any]):
    """Leaves unknown ``{names}`` visible instead of crashing on a translator's typo."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, values: Mapping[str, Any]) -> str:
    return template.format_map(_SafeDict(values))


class Catalogue:
    """Merged, validated fault knowledge. Cheap to query; build once and share."""

    def __init__(
        self,
        faults: dict[str, FaultSpec],
        incidents: dict[str, IncidentSpec],
        suppress: dict[str, frozenset[str]],
        lang: str | None = None,
    ) -> None:
        self._faults = faults
        self._incidents = incidents
        self.suppress = suppress
        self.lang = lang

    @property
    def ids(self) -> list[str]:
        return list(self._faults)

    def __contains__(self, fault_id: object) -> bool:
        return fault_id in self._faults

    def get(self, fault_id: str) -> FaultSpec:
        try:
            return self._faults[fault_id]
        except KeyError:
            raise KeyError(f"unknown fault id {fault_id!r}") from None

    def incident(self, incident_id: str) -> IncidentSpec:
        return self._incidents[incident_id]

    @property
    def incident_ids(self) -> list[str]:
        return list(self._incidents)

    def params(self, fault_id: str) -> dict[str, Any]:
        return self._faults[fault_id].params

    def text(self, fault_id: str, key: str, **values: Any) -> str:
        """Evidence text from the fault's template ``key`` (translated when an overlay has it)."""
        spec = self._faults.get(fault_id)
        template = spec.evidence.get(key) if spec else None
        if template is None:
            return f"{fault_id}.{key} " + ", ".join(f"{k}={v}" for k, v in values.items())
        return render(template, values)

    def title(self, fault_id: str) -> str:
        spec = self._faults.get(fault_id)
        return spec.title if spec else fault_id


# ---------------------------------------------------------------------------------------------
# loading


def _read_json(source: str, text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise CatalogueError(source, f"not valid JSON: {e.msg} at line {e.lineno}") from None
    except RecursionError:
        raise CatalogueError(source, "not valid JSON: nested too deep") from None
    if not isinstance(data, dict):
        raise CatalogueError(source, "the top level must be a JSON object")
    return data


def _faults_dir() -> Path:
    """``resources/faults`` wherever it is: installed, editable, or in a PyInstaller bundle."""
    return resource_path(FAULTS_DIR)


def read_resource(name: str) -> dict[str, Any]:
    """One JSON file from ``resources/faults/`` (also used for the vendor code tables)."""
    source = f"resources/{FAULTS_DIR}/{name}"
    ref = _faults_dir().joinpath(name)
    try:
        text = ref.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as e:
        raise CatalogueError(source, f"cannot read: {e}") from None
    return _read_json(source, text)


def _read_path(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise CatalogueError(str(path), f"cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise CatalogueError(str(path), f"not UTF-8 text (byte {e.start})") from None
    return _read_json(str(path), text)


def _severity(source: str, where: str, value: Any) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        allowed = ", ".join(s.value for s in Severity)
        raise CatalogueError(
            source, f"{where}: severity {value!r} is not one of {allowed}"
        ) from None


def _entries(source: str, data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise CatalogueError(source, f"'{key}' must be a list of objects with an 'id'")
    out: list[dict[str, Any]] = []
    for n, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise CatalogueError(source, f"'{key}' entry {n}: must be an object with a string 'id'")
        out.append(item)
    return out


def _check_types(source: str, where: str, entry: Mapping[str, Any]) -> None:
    for name in _TEXT_FIELDS:
        if name in entry and not (entry[name] is None or isinstance(entry[name], str)):
            raise CatalogueError(source, f"{where}: '{name}' must be text")
    for name in _LIST_FIELDS:
        if name in entry and not (
            isinstance(entry[name], list) and all(isinstance(x, str) for x in entry[name])
        ):
            raise CatalogueError(source, f"{where}: '{name}' must be a list of text")
    for name in ("params", "evidence"):
        if name in entry and not isinstance(entry[name], dict):
            raise CatalogueError(source, f"{where}: '{name}' must be an object")
    for k, v in entry.get("params", {}).items():
        if isinstance(v, bool) or not isinstance(v, int | float | list):
            raise CatalogueError(source, f"{where}: param '{k}' must be a number")
    for k, v in entry.get("evidence", {}).items():
        if not isinstance(v, str):
            raise CatalogueError(source, f"{where}: evidence '{k}' must be text")
        _check_template(source, f"{where}: evidence '{k}'", v)


_FORMATTER = string.Formatter()


def _check_template(source: str, where: str, template: str) -> None:
    """A template :func:`render` cannot fail on, whatever the values: text and ``{name}``
    fields only (no ``{0}``, ``{a.b}``, ``{a[0]}``, ``{a!r}`` or ``{a:.1f}``), braces balanced.

    Why at load: the rules write a finding's evidence only when they make the finding, so a
    template that could not render would otherwise fail only the miners that have that fault,
    at the moment they get it, and leave every other row looking judged. Checked here it fails
    the whole catalogue at once, loudly (a user's ``faults.json`` is then set aside with a
    warning, see ``user_catalogue``; a shipped file fails the tests)."""
    try:
        fields = [
            (name, spec, conv)
            for _, name, spec, conv in _FORMATTER.parse(template)
            if name is not None
        ]
    except ValueError as exc:
        raise CatalogueError(source, f"{where}: not a usable template ({exc})") from None
    for name, spec, conv in fields:
        if not name.isidentifier() or spec or conv is not None:
            shown = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            raise CatalogueError(
                source,
                f"{where}: {shown} is not a plain {{name}} field (a template may hold only those)",
            )


def _merge_fault(
    source: str, faults: dict[str, FaultSpec], entry: Mapping[str, Any], *, may_add: bool
) -> None:
    fid = entry["id"]
    where = f"fault {fid!r}"
    _check_types(source, where, entry)
    spec = faults.get(fid)
    if spec is None:
        if not may_add:
            raise CatalogueError(
                source, f"{where}: not in the catalogue (an overlay may only translate)"
            )
        if "title" not in entry or "severity" not in entry:
            raise CatalogueError(
                source, f"{where}: a new fault needs at least 'title' and 'severity'"
            )
        spec = FaultSpec(id=fid, severity=_severity(source, where, entry["severity"]), title="")
        faults[fid] = spec
    if "severity" in entry:
        spec.severity = _severity(source, where, entry["severity"])
    for name in _TEXT_FIELDS:
        if name in entry:
            setattr(spec, name, entry[name])
    for name in _LIST_FIELDS:
        if name in entry:
            setattr(spec, name, list(entry[name]))
    if "params" in entry:
        spec.params = {**spec.params, **entry["params"]}
    if "evidence" in entry:
        spec.evidence = {**spec.evidence, **entry["evidence"]}
    if isinstance(entry.get("sources"), dict):
        spec.sources = {
            **spec.sources,
            **{str(k): str(v) for k, v in entry["sources"].items() if isinstance(v, str)},
        }


def _merge_incident(
    source: str, incidents: dict[str, IncidentSpec], entry: Mapping[str, Any], *, may_add: bool
) -> None:
    iid = entry["id"]
    where = f"incident {iid!r}"
    spec = incidents.get(iid)
    if spec is None:
        if not may_add:
            raise CatalogueError(source, f"{where}: not in the catalogue")
        spec = IncidentSpec(
            id=iid,
            severity=_severity(source, where, entry.get("severity", "warning")),
            fault=None,
            texts={},
            params={},
        )
        incidents[iid] = spec
    if "severity" in entry:
        spec.severity = _severity(source, where, entry["severity"])
    if "fault" in entry:
        spec.fault = str(entry["fault"])
    if "params" in entry:
        if not isinstance(entry["params"], dict):
            raise CatalogueError(source, f"{where}: 'params' must be an object")
        spec.params = {**spec.params, **entry["params"]}
    for k, v in entry.items():
        if k in ("id", "severity", "fault", "params"):
            continue
        if not isinstance(v, str):
            raise CatalogueError(source, f"{where}: '{k}' must be text")
        _check_template(source, f"{where}: '{k}'", v)
        spec.texts[k] = v


def _apply(
    source: str,
    data: Mapping[str, Any],
    faults: dict[str, FaultSpec],
    incidents: dict[str, IncidentSpec],
    *,
    may_add: bool,
) -> None:
    for entry in _entries(source, data, "faults"):
        _merge_fault(source, faults, entry, may_add=may_add)
    for entry in _entries(source, data, "incidents"):
        _merge_incident(source, incidents, entry, may_add=may_add)


def _suppress_map(source: str, data: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    raw = data.get("suppress", {})
    if not isinstance(raw, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in raw.values()
    ):
        raise CatalogueError(source, "'suppress' must map a root fault id to a list of fault ids")
    return {str(k): frozenset(v) for k, v in raw.items()}


def _validate(source: str, faults: Mapping[str, FaultSpec]) -> None:
    for spec in faults.values():
        if not spec.title:
            raise CatalogueError(source, f"fault {spec.id!r}: empty title")


def load_catalogue(lang: str | None = None, user_file: str | Path | None = None) -> Catalogue:
    """Build a catalogue: built-in English, then the ``lang`` overlay, then the user's file.

    A missing overlay for ``lang`` is not an error (English is used); a missing user file is
    not an error either (the user has not made one yet). A malformed one is.
    """
    source = f"resources/{FAULTS_DIR}/catalogue.json"
    base = read_resource("catalogue.json")
    faults: dict[str, FaultSpec] = {}
    incidents: dict[str, IncidentSpec] = {}
    _apply(source, base, faults, incidents, may_add=True)
    _validate(source, faults)
    suppress = _suppress_map(source, base)

    if lang and lang.split("_")[0].lower() not in ("en", ""):
        code = lang.replace("-", "_").split("_")[0].lower()
        name = f"catalogue.{code}.json"
        if _faults_dir().joinpath(name).is_file():
            _apply(
                f"resources/{FAULTS_DIR}/{name}",
                read_resource(name),
                faults,
                incidents,
                may_add=False,
            )

    if user_file is not None:
        path = Path(user_file)
        if path.exists():
            data = _read_path(path)
            _apply(str(path), data, faults, incidents, may_add=True)
            _validate(str(path), faults)
            if "suppress" in data:
                suppress = {**suppress, **_suppress_map(str(path), data)}
    return Catalogue(faults, incidents, suppress, lang)


@functools.lru_cache(maxsize=8)
def default_catalogue(lang: str | None = None) -> Catalogue:
    """The built-in catalogue, loaded once per language."""
    return load_catalogue(lang)
