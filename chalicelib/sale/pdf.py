"""A small flowing-text PDF writer on pydyf (Kozea's low-level PDF library, WeasyPrint's own):
letter pages, the standard Helvetica fonts (nothing embedded), wrapped paragraphs, a coloured
band, and a footer on every page. Imported only by ``sale.pack`` (STYLE: heavy modules stay off
other routes); pydyf adds 23 KB to the package, where fpdf2 or reportlab would need fontTools
or Pillow (5-6 MB zipped each) for the same text-only pages.
"""
from __future__ import annotations

import io
from collections.abc import Callable

import pydyf

from chalicelib.sale.helvetica import width

PAGE_W, PAGE_H = 612, 792  # US letter, in points
MARGIN = 54
FOOTER_SPACE = 48
INK = (0.13, 0.13, 0.13)
MUTED = (0.38, 0.38, 0.38)


def rgb(hex_color: str | None, fallback: tuple[float, float, float] = (0.05, 0.35, 0.55)) -> tuple[float, float, float]:
    """``#0b6e4f`` as PDF colour components; a colour that is not six hex digits is the fallback."""
    value = (hex_color or "").lstrip("#")
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        return fallback
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def wrap(text: str, size: float, limit: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``limit`` points (a word longer than a line is cut)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            while width(word, size, bold) > limit:  # a long URL or token: cut it where it fills the line
                cut = max(1, next((n for n in range(len(word), 0, -1) if width(word[:n], size, bold) <= limit), 1))
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:cut])
                word = word[cut:]
            candidate = f"{line} {word}" if line else word
            if width(candidate, size, bold) <= limit:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


class Document:
    """Text flowing down letter pages; ``footer(page_number, page_count)`` is drawn on each page."""

    def __init__(self, title: str, footer: Callable[[int, int], list[str]]) -> None:
        self._pdf = pydyf.PDF()
        self._pdf.info["Title"] = pydyf.String(title)
        self._pdf.info["Producer"] = pydyf.String("pydyf")
        font = {"Type": "/Font", "Subtype": "/Type1", "Encoding": "/WinAnsiEncoding"}
        self._fonts = pydyf.Dictionary({
            "F1": pydyf.Dictionary({**font, "BaseFont": "/Helvetica"}),
            "F2": pydyf.Dictionary({**font, "BaseFont": "/Helvetica-Bold"}),
        })
        self._footer = footer
        self._pages: list[pydyf.Stream] = []
        self._y = 0.0
        self.new_page()

    @property
    def content_width(self) -> float:
        return PAGE_W - 2 * MARGIN

    def new_page(self) -> None:
        self._pages.append(pydyf.Stream(compress=True))
        self._y = PAGE_H - MARGIN

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit above the footer."""
        if self._y - height < MARGIN + FOOTER_SPACE:
            self.new_page()

    def space(self, points: float) -> None:
        self._y -= points

    def band(self, height: float, color: tuple[float, float, float]) -> None:
        """A full-width coloured band across the top of the page (the text over it follows)."""
        stream = self._pages[-1]
        stream.set_color_rgb(*color)
        stream.rectangle(0, PAGE_H - height, PAGE_W, height)
        stream.fill()

    def rule(self, color: tuple[float, float, float]) -> None:
        stream = self._pages[-1]
        stream.set_color_rgb(*color, stroke=True)
        stream.set_line_width(1.5)
        stream.move_to(MARGIN, self._y)
        stream.line_to(PAGE_W - MARGIN, self._y)
        stream.stroke()
        self._y -= 10

    def text(self, text: str, size: float = 10, bold: bool = False, color: tuple[float, float, float] = INK,
             indent: float = 0, keep: float = 0) -> None:
        """A wrapped paragraph; ``keep`` more points must fit below its first line (a heading's)."""
        leading = size * 1.35
        lines = wrap(text, size, self.content_width - indent, bold)
        for number, line in enumerate(lines):
            self.room(leading + (keep if number == 0 else 0))
            self._line(MARGIN + indent, self._y - size, line, size, bold, color)
            self._y -= leading

    def _line(self, x: float, y: float, line: str, size: float, bold: bool,
              color: tuple[float, float, float], stream: pydyf.Stream | None = None) -> None:
        stream = stream or self._pages[-1]
        stream.begin_text()
        stream.set_color_rgb(*color)
        stream.set_font_size("F2" if bold else "F1", size)
        stream.set_text_matrix(1, 0, 0, 1, x, y)
        stream.show_text_string(line.encode("cp1252", errors="replace"))
        stream.end_text()

    def output(self) -> bytes:
        count = len(self._pages)
        for number, stream in enumerate(self._pages, start=1):
            y = MARGIN - 6
            for line in self._footer(number, count):
                for part in wrap(line, 8, self.content_width):
                    self._line(MARGIN, y, part, 8, False, MUTED, stream)
                    y -= 10
            self._pdf.add_object(stream)
            self._pdf.add_page(pydyf.Dictionary({
                "Type": "/Page",
                "Parent": self._pdf.pages.reference,
                "MediaBox": pydyf.Array([0, 0, PAGE_W, PAGE_H]),
                "Contents": stream.reference,
                "Resources": pydyf.Dictionary({"Font": self._fonts}),
            }))
        buffer = io.BytesIO()
        self._pdf.write(buffer)
        return buffer.getvalue()
