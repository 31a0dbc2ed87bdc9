"""Workbooks for the reading tests, generated once per session into a temporary folder.

The openpyxl and xlsxwriter copies are made at test time (they take a second); LibreOffice's
re-saves are committed under tests/fixtures/libreoffice/ so CI needs no LibreOffice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generators import import_fixtures


@pytest.fixture(scope="session")
def officer_workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """{(workbook name, writer): path} for every workbook in import_fixtures.WORKBOOKS."""
    return import_fixtures.write_all(tmp_path_factory.mktemp("officer_workbooks"))
