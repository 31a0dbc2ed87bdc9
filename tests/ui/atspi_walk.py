"""What a Linux screen reader (Orca) is given: the app's AT-SPI tree, walked with pyatspi.

Run with the system Python, which has pyatspi (python3-pyatspi), while desktop_run.py holds a page or
dialog open on the same session bus:

    /usr/bin/python3 tests/ui/atspi_walk.py STEP.json  > result.json

STEP.json (written by desktop_run.py) lists the text of every label shown. The walk reports each
object that can take focus but has no name, and each label text shown that no object reads out
(a label given a fixed accessible name hides its text from the screen reader).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pyatspi

APP_NAME = "Caseload Reporter"
ITEM_ROLES = {
    "table cell",
    "list item",
    "tree item",
    "table column header",
    "table row header",
    "page tab",
    "table row",
}
MOST_ITEMS = 40
CONTAINERS = {"table", "tree table", "list", "tree", "list box"}


def application(wait_s: float = 30.0):
    """The app on the accessibility bus; it registers a moment after its first window shows."""
    deadline = time.monotonic() + wait_s
    while True:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == APP_NAME:
                return app
        if time.monotonic() > deadline:
            return None
        time.sleep(0.5)


def walk(node, found: dict, path: list[str], depth: int = 0) -> None:
    try:
        states = node.getState()
        role = node.getRoleName()
        name = (node.name or "").strip()
    except Exception:  # an object that went away while being read
        return
    if not states.contains(pyatspi.STATE_SHOWING) and depth > 1:
        return
    found["objects"] += 1
    if name:
        found["names"].add(" ".join(name.split()))
    try:
        text = node.queryText()
        found["names"].add(" ".join(text.getText(0, text.characterCount).split()))
    except NotImplementedError:
        pass
    except Exception:
        pass
    if states.contains(pyatspi.STATE_FOCUSABLE):
        found["focusable"] += 1
        if not name and role not in ITEM_ROLES:
            found["unnamed"].append(" > ".join([*path[-2:], role]))
    limit = MOST_ITEMS if role in CONTAINERS else node.childCount
    label = f"{role} {name[:30]!r}" if name else role
    for index in range(min(node.childCount, limit)):
        child = node.getChildAtIndex(index)
        if child is not None and depth < 40:
            walk(child, found, [*path, label], depth + 1)


def main() -> int:
    step = json.loads(Path(sys.argv[1]).read_text())
    app = application()
    if app is None:
        print(json.dumps({"error": f"{APP_NAME} is not on the accessibility bus"}))
        return 1
    found = {"objects": 0, "focusable": 0, "unnamed": [], "names": set()}
    for index in range(app.childCount):
        window = app.getChildAtIndex(index)
        if window is not None and window.getState().contains(pyatspi.STATE_SHOWING):
            walk(window, found, [window.getRoleName()])
    read = found.pop("names")
    unread = [text for text in step["labels"] if not any(text in name for name in read)]
    print(json.dumps({**found, "unread_labels": unread}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
