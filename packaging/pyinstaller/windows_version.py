"""The Windows version resource (File Explorer > Properties > Details), taken from the package version.

PyInstaller reads a version file written in the syntax of its ``VSVersionInfo`` classes. The file is
written as text here, not built from those classes, because importing them needs ``pefile``, which
PyInstaller installs only on Windows; this way a Linux test can check the file too.
"""

from __future__ import annotations

import re
from pathlib import Path

COMPANY = "Caseload Reporter developers"
PRODUCT = "Caseload Reporter"
DESCRIPTION = "Caseload Reporter"  # Task Manager shows this as the process name
# 0x0809 is English (United Kingdom); 1200 (0x04B0) is the Unicode code page.
LANGUAGE, CODEPAGE = 0x0809, 1200


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' or '1.2.3rc1' as the four numbers Windows wants; what follows a part's digits is dropped."""
    numbers = [int(m.group()) if (m := re.match(r"\d+", part)) else 0 for part in version.split(".")[:4]]
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def version_file_text(version: str) -> str:
    numbers = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": "caseload-reporter",
        "LegalCopyright": f"{COMPANY}. MIT licence; bundled libraries under their own licences (see licences).",
        "OriginalFilename": "caseload-reporter.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    structs = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3F, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('{LANGUAGE:04X}{CODEPAGE:04X}', [
{structs}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [{LANGUAGE}, {CODEPAGE}])])
  ]
)
"""


def write_version_file(path: Path, version: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_file_text(version), encoding="utf-8")
    return path
