"""The user guide (resources/guide/index.html) read the way its tests need it: headings, pictures, links,
the quoted messages and the rules, with entities decoded and white space folded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from caseload_reporter.ui.user_guide import guide_path


def fold(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Guide:
    path: Path
    lang: str = ""
    title: str = ""
    css: str = ""
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, text)
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    contents_links: list[str] = field(default_factory=list)  # hrefs in the contents list
    pictures: list[tuple[str, str | None]] = field(default_factory=list)  # (src, alt)
    said: list[str] = field(default_factory=list)  # the app's sentences quoted in the message tables
    rules: list[str] = field(default_factory=list)  # the accessibility rules listed
    menus: list[str] = field(default_factory=list)  # 'File > Open spreadsheet…'
    keys: list[tuple[str, str]] = field(default_factory=list)  # (keys, what they do) in the shortcut table
    text: str = ""  # everything readable, folded

    @property
    def folder(self) -> Path:
        return self.path.parent


VOID = {"img", "meta", "br", "hr", "link", "input", "col", "wbr"}


class _Reader(HTMLParser):
    """Collects what the tests look at. A capture gathers the text of one element (a heading, a link, a
    quoted message...) and ends when that element closes."""

    def __init__(self, guide: Guide) -> None:
        super().__init__(convert_charrefs=True)
        self.guide = guide
        self.stack: list[str] = []
        self.captures: list[tuple[str, list[str], dict[str, str], int]] = []  # (what, text, attributes, depth)
        self.section = ""
        self.texts: list[str] = []
        self.row: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag not in VOID:
            self.stack.append(tag)
        if "id" in a:
            self.guide.ids.add(a["id"])
        if tag == "html":
            self.guide.lang = a.get("lang", "")
        elif tag == "img":
            self.guide.pictures.append((a.get("src", ""), dict(attrs).get("alt")))
        elif re.fullmatch(r"h[1-6]", tag):
            self._capture("heading", {"level": tag[1], "id": a.get("id", "")})
        elif tag == "a":
            self._capture("link", {"href": a.get("href", "")})
            if self.section == "contents":
                self.guide.contents_links.append(a.get("href", ""))
        elif tag == "td" and "said" in classes:
            self._capture("said", {})
        elif tag == "li" and "rule" in classes:
            self._capture("rule", {})
        elif tag == "span" and "menu" in classes:
            self._capture("menu", {})
        elif tag == "tr":
            self.row = []
        elif tag in ("title", "style"):
            self._capture(tag, {})
        if tag in ("td", "th") and self.section == "keys":
            self._capture("cell", {})

    def _capture(self, what: str, attributes: dict[str, str]) -> None:
        self.captures.append((what, [], attributes, len(self.stack)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack and self.stack.pop() != tag:
            pass
        while self.captures and self.captures[-1][3] > len(self.stack):
            what, parts, attributes, _depth = self.captures.pop()
            self._finish(what, parts, attributes)
        if tag == "tr" and self.section == "keys" and len(self.row) == 2:
            self.guide.keys.append((self.row[0], self.row[1]))

    def _finish(self, what: str, parts: list[str], attributes: dict[str, str]) -> None:
        text = fold("".join(parts))
        if what == "heading":
            self.guide.headings.append((int(attributes["level"]), attributes["id"], text))
            if attributes["level"] == "2":
                self.section = attributes["id"]
        elif what == "link":
            self.guide.links.append((attributes["href"], text))
        elif what == "said":
            self.guide.said.append(text)
        elif what == "rule":
            self.guide.rules.append(text)
        elif what == "menu":
            self.guide.menus.append(text)
        elif what == "cell":
            self.row.append(text)
        elif what == "title":
            self.guide.title = text
        elif what == "style":
            self.guide.css = "".join(parts)

    def handle_data(self, data: str) -> None:
        for _what, parts, _attributes, _depth in self.captures:
            parts.append(data)
        if not (self.stack and self.stack[-1] in ("style", "title")):
            self.texts.append(data)


def read_guide(path: Path | None = None) -> Guide:
    guide = Guide(path or guide_path())
    reader = _Reader(guide)
    reader.feed(guide.path.read_text(encoding="utf-8"))
    reader.close()
    guide.text = fold(" ".join(reader.texts))
    return guide
