"""Report templates: a Word file that carries the styles and a structure that says what goes in the paper.

A template is two files in ``templates/``: ``<key>.docx`` with the styles, page set-up, footer and
numbering (made by tests/generators/report_templates.py) and ``<key>.json``, written by hand, with
the paper's header fields, its numbered sections (title, kind, whether required, a hint for the
officer, the data blocks placed in it by default) and its back matter. Three ship: a quarterly
caseload update to a committee, an update to a scrutiny committee and a cabinet key-decision
report.

A council can use its own .docx with one of the built-in structures (``custom_template``). A
template made in Word only holds a built-in style once it has been used, so the file is checked
first and the officer told, in one sentence, which styles to use once and save. Every problem
with a template file is a TemplateError with a sentence for the officer, never a traceback.
No Qt here.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError

from caseload_reporter.core.paths import templates_dir
from caseload_reporter.core.words import join_and
from caseload_reporter.reporting.blocks import BLOCK_KINDS
from caseload_reporter.reporting.docx_xml import page_is_set
from caseload_reporter.reporting.draft import HEADER_FIELDS, SECTION_KINDS

REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Caption")  # built-in styles the export uses

BACK_MATTER = ("author_consultees", "background_papers", "appendices", "source_documents")

_STRUCTURE_KEYS = ("name", "description", "docx", "header_fields", "sections", "back_matter")
_SECTION_KEYS = ("title", "kind", "required", "hint", "blocks")
_BLOCK_KEYS = ("kind", "options")  # options: which figures (periods, teams, targets); see reporting.blocks
_KEY_PATTERN = re.compile(r"[a-z0-9_]+")
# python-docx refuses anything but a Word document's main part; these say what the file is instead.
_NOT_A_DOCUMENT = {
    "template.main": "a Word template (.dotx)",
    "macroEnabledTemplate": "a macro-enabled Word template (.dotm)",
    "macroEnabled": "a macro-enabled Word document (.docm)",
}


class TemplateError(ValueError):
    """One sentence for the officer."""


@dataclass(frozen=True)
class SectionPlan:
    """One numbered section of the paper."""

    title: str
    kind: str  # one of SECTION_KINDS
    required: bool  # an empty required section is reported by the accessibility check
    hint: str  # one sentence telling the officer what goes here (shown in the app, never exported)
    blocks: tuple[dict[str, Any], ...]  # data blocks placed in it by default, e.g. {"kind": "chart.district_totals"}


@dataclass(frozen=True)
class ReportTemplate:
    """A kind of paper: its Word file and its structure."""

    key: str  # file stem, e.g. "committee_update"
    name: str  # "Quarterly caseload update to a committee"
    description: str
    docx: Path  # the .docx carrying the styles
    header_fields: tuple[str, ...]  # subset/order of HEADER_FIELDS
    sections: tuple[SectionPlan, ...]
    back_matter: tuple[str, ...]  # subset/order of BACK_MATTER


def list_templates(folder: Path | None = None) -> list[ReportTemplate]:
    """Every template (structure file) in ``folder`` (the shipped templates by default), sorted by name."""
    if folder is None:
        folder = templates_dir()
    return sorted((_load_structure(path) for path in folder.glob("*.json")), key=lambda t: t.name.casefold())


def load_template(key_or_path: str | Path) -> ReportTemplate:
    """A built-in template by key ("committee_update") or a structure file by path."""
    if isinstance(key_or_path, str) and _KEY_PATTERN.fullmatch(key_or_path):
        path = templates_dir() / f"{key_or_path}.json"
        if not path.is_file():
            raise TemplateError(f"There is no built-in report template called {key_or_path}.")
        return _load_structure(path)
    return _load_structure(Path(key_or_path))


def custom_template(docx_path: Path, structure: ReportTemplate) -> ReportTemplate:
    """A council's own Word file with a built-in structure; the file's styles are checked first."""
    docx_path = Path(docx_path)
    check_template(docx_path)
    return replace(structure, docx=docx_path)


def missing_styles(docx_path: Path) -> list[str]:
    """Which of REQUIRED_STYLES the Word file has no paragraph style for (by name, as python-docx finds them)."""
    return _missing_styles(_open_docx(Path(docx_path)))


def _missing_styles(document: Document) -> list[str]:
    styles = document.styles
    missing = []
    for name in REQUIRED_STYLES:
        try:
            found = styles[name]
        except KeyError:
            missing.append(name)
            continue
        if found.type != WD_STYLE_TYPE.PARAGRAPH:
            missing.append(name)
    return missing


def check_template(docx_path: Path) -> None:
    """Raise TemplateError, in one sentence, when the Word file cannot be used as a report template."""
    document = _open_docx(Path(docx_path))
    if not document.sections or not page_is_set(document.sections[-1]):
        raise TemplateError(
            f"{Path(docx_path).name} does not give its page size and margins: open it in Word, look at Layout > "
            "Size and Margins, save, and choose the file again."
        )
    missing = _missing_styles(document)
    if not missing:
        return
    if len(missing) == 1:
        raise TemplateError(
            f"This template has no style named {missing[0]}: use it once in Word, save, and choose the file again."
        )
    names = join_and(missing)
    raise TemplateError(
        f"This template has no styles named {names}: use each once in Word, save, and choose the file again."
    )


# -- Word files ------------------------------------------------------------------------------------


def _open_docx(path: Path) -> Document:
    """The python-docx Document, or a TemplateError saying what is wrong with the file."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix in (".dotx", ".dotm"):
        raise TemplateError(
            f"{name} is a Word template: open it in Word, save it as a Word document (.docx), and choose that file."
        )
    if not path.is_file():
        raise TemplateError(f"The Word file {name} could not be found.")
    try:
        return docx.Document(str(path))
    except PackageNotFoundError:
        reason = "is not a Word document (.docx), or it is damaged or password-protected"
    except ValueError as error:  # python-docx: "file '...' is not a Word file, content type is '...'"
        kind = next((label for marker, label in _NOT_A_DOCUMENT.items() if marker in str(error)), None)
        if kind:
            raise TemplateError(
                f"{name} is {kind}: open it in Word, save it as a Word document (.docx), and choose that file."
            ) from None
        reason = "is not a Word document (.docx)"
    except Exception:  # a damaged zip or XML part: any failure to read is the officer's file, not a bug
        reason = "could not be read as a Word document; it may be damaged"
    raise TemplateError(f"{name} {reason}: open it in Word, save it as a .docx, and choose the file again.")


# -- structure files -------------------------------------------------------------------------------


def _load_structure(path: Path) -> ReportTemplate:
    name = path.name
    if path.suffix.lower() != ".json":
        raise TemplateError(f"{name} is not a report structure file (those end in .json).")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(f"The report structure file {name} could not be found.") from None
    except (OSError, UnicodeDecodeError):
        raise TemplateError(f"The report structure file {name} could not be read.") from None
    except json.JSONDecodeError as error:
        raise TemplateError(f"The report structure file {name} is not valid JSON (line {error.lineno}).") from None
    try:
        return _structure_from(data, path)
    except _Invalid as problem:
        raise TemplateError(f"The report structure file {name} is not usable: {problem}.") from None


class _Invalid(Exception):
    """What is wrong with a structure file, as the end of a sentence."""


def _structure_from(data: Any, path: Path) -> ReportTemplate:
    _require(isinstance(data, dict), "it does not hold a JSON object")
    _no_unknown_keys(data, _STRUCTURE_KEYS, "the file")
    for key in _STRUCTURE_KEYS:
        _require(key in data, f'"{key}" is missing')
    name = _text(data["name"], '"name"')
    description = _text(data["description"], '"description"', allow_empty=True)
    docx_name = _text(data["docx"], '"docx"')
    docx_path = path.parent / docx_name
    _require(docx_path.suffix.lower() == ".docx", '"docx" must name a .docx file')
    _require(docx_path.is_file(), f"its Word file {docx_name} is missing")
    header_fields = _choices(data["header_fields"], HEADER_FIELDS, '"header_fields"')
    back_matter = _choices(data["back_matter"], BACK_MATTER, '"back_matter"')
    raw_sections = data["sections"]
    _require(isinstance(raw_sections, list) and bool(raw_sections), '"sections" must be a non-empty list')
    sections = tuple(_section_from(raw, number) for number, raw in enumerate(raw_sections, start=1))
    titles = [s.title.casefold() for s in sections]
    _require(len(set(titles)) == len(titles), "two sections have the same title")
    return ReportTemplate(
        key=path.stem,
        name=name,
        description=description,
        docx=docx_path,
        header_fields=header_fields,
        sections=sections,
        back_matter=back_matter,
    )


def _section_from(raw: Any, number: int) -> SectionPlan:
    where = f"section {number}"
    _require(isinstance(raw, dict), f"{where} is not a JSON object")
    _no_unknown_keys(raw, _SECTION_KEYS, where)
    for key in _SECTION_KEYS:
        _require(key in raw, f'{where} has no "{key}"')
    title = _text(raw["title"], f"the title of {where}")
    kind = raw["kind"]
    _require(kind in SECTION_KINDS, f'{where} has kind "{kind}", which is not one of {", ".join(SECTION_KINDS)}')
    _require(isinstance(raw["required"], bool), f'"required" in {where} must be true or false')
    hint = _text(raw["hint"], f"the hint of {where}")
    blocks = raw["blocks"]
    _require(isinstance(blocks, list), f'"blocks" in {where} must be a list')
    checked = []
    for block in blocks:
        _require(isinstance(block, dict) and "kind" in block, f'every block in {where} needs a "kind"')
        _no_unknown_keys(block, _BLOCK_KEYS, f"a block in {where}")
        _require(block["kind"] in BLOCK_KINDS, f'{where} has an unknown block kind "{block["kind"]}"')
        _require(isinstance(block.get("options", {}), dict), f'the "options" of a block in {where} must be an object')
        checked.append({key: copy.deepcopy(value) for key, value in block.items()})
    return SectionPlan(title=title, kind=kind, required=raw["required"], hint=hint, blocks=tuple(checked))


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise _Invalid(problem)


def _no_unknown_keys(data: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    unknown = sorted(str(k) for k in data if k not in known)
    _require(not unknown, f'{where} has an unknown entry "{unknown[0]}"' if unknown else "")


def _text(value: Any, what: str, *, allow_empty: bool = False) -> str:
    _require(isinstance(value, str), f"{what} must be text")
    text = " ".join(value.split())  # one line: these are shown in the app as they are
    _require(allow_empty or bool(text), f"{what} is empty")
    return text


def _choices(value: Any, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    _require(isinstance(value, list) and all(isinstance(v, str) for v in value), f"{what} must be a list of names")
    unknown = [v for v in value if v not in allowed]
    _require(not unknown, f'{what} has "{unknown[0]}", which is not one of {", ".join(allowed)}' if unknown else "")
    _require(len(set(value)) == len(value), f"{what} names an entry twice")
    return tuple(value)
