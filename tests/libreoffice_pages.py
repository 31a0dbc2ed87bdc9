"""A Word paper read page by page as LibreOffice prints it, and what a clerk would notice in its pages.

Used by the layout tests and the reference papers' tests; skipped where LibreOffice or poppler-utils
is not installed (``HAS_LIBREOFFICE``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx

HAS_LIBREOFFICE = all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdfinfo", "pdfimages"))
WHY_NOT = "LibreOffice and poppler-utils are not installed on this machine"
KEPT_WHOLE_ROWS = 15  # a table this short is kept on one page (docx_pages.KEEP_TOGETHER_ROWS)


def pdf_pages(docx_path: Path, folder: Path) -> tuple[list[str], list[str], list[int]]:
    """Each page's text, its orientation ("P" or "L") and how many pictures it holds, from LibreOffice's
    PDF of ``docx_path``."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx_path),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    pdf = folder / f"{docx_path.stem}.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF of {docx_path.name}"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], capture_output=True, text=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout
    pictures = [0] * len(sizes)
    for line in listed.splitlines()[2:]:  # a heading line and a rule, then "page num type ..." rows
        fields = line.split()
        if fields and fields[0].isdigit() and fields[2] == "image":  # not a soft mask (smask) of one
            pictures[int(fields[0]) - 1] += 1
    orientation = ["L" if float(w) > float(h) else "P" for w, h in sizes]
    return text.split("\f")[: len(sizes)], orientation, pictures


def figures_on(page: str) -> int:
    """How many figure captions start on this page's text."""
    return len(re.findall(r"^\s*Figure \d+:", page, flags=re.MULTILINE))


def page_problems(docx_path: Path, folder: Path) -> tuple[list[str], str]:
    """What is wrong with the printed pages, and their orientations ("PPLLP"): a heading or a caption
    last on a page (a caption that wraps counts by its last line), a short table split over two pages,
    a landscape page where no table is wide."""
    document = docx.Document(str(docx_path))
    headings = {p.text.strip() for p in document.paragraphs if p.style.name.startswith(("Heading", "Caption"))}
    pages, orientation, pictures = pdf_pages(docx_path, folder)
    found = []
    for number, page in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip() and not line.strip().startswith("Page ")]
        last = re.sub(r"^\d+(\.\d+)*\.?\s+", "", lines[-1]) if lines else ""
        ends = [h for h in headings if last and (h == last or (len(last) > 3 and h.endswith(last)))]
        # A chart is a picture, not text: its caption is the last text of a page that holds the chart too.
        if ends and not (all(h.startswith("Figure") for h in ends) and pictures[number - 1] >= figures_on(page)):
            found.append(f"page {number} ends with the heading or caption '{last}'")
    for number, page in enumerate(pages, start=1):
        if pictures[number - 1] < figures_on(page):
            found.append(f"page {number} has {figures_on(page)} figure captions but {pictures[number - 1]} charts")
    for number, table in enumerate(document.tables, start=1):
        labels = [row.cells[0].text for row in table.rows[1:]]
        if len(labels) <= KEPT_WHOLE_ROWS:  # kept whole: the page with its caption holds every row
            page = next((page for page in pages if re.search(rf"\bTable {number}:", page)), "")
            words = set(page.split())  # a name may wrap within its cell: look for its words
            missing = [label for label in labels if not set(label.split()) <= words]
            if missing:
                found.append(f"table {number} is split; not on its caption's page: {missing}")
    wide = any(len(t.columns) > 6 for t in document.tables)
    turned = [number for number, turn in enumerate(orientation, start=1) if turn == "L"]
    found += [f"page {number} is landscape with no wide table" for number in turned if not wide]
    return found, "".join(orientation)
