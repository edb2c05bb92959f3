"""Exports of the coverage matrix for a policy meeting: CSV, PNG and PDF.

PNG and PDF show the same report: title, counting rules, the matrix painted like the table on
screen (light colours, hatching, words), a legend and the gaps.
"""

from __future__ import annotations

import base64
import logging
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QImage, QPainter, QPalette, QTextDocument

from koppdesk.gui.dekking_model import paint_cell
from koppdesk.gui.printing import save_html_as_pdf
from koppdesk.services.dekking import BANDS, ROWS, Cell, CellOffer, CoverageMatrix
from koppdesk.services.dekking_export import LOCAL_ONLY_TEXT, RULES_TEXT, matrix_csv

log = logging.getLogger(__name__)

_LABEL_W, _CELL_W, _HEADER_H, _ROW_H = 170, 92, 44, 30
#: Width of the matrix picture in a PDF (A4 with the printer's margins leaves about 640).
PDF_IMAGE_WIDTH = 600


def legend_cells() -> list[tuple[Cell, str]]:
    """Example cells with their meaning, for the legend on screen and in exports."""
    row, band = ROWS[1], BANDS[1]

    def offer(reach: str) -> CellOffer:
        return CellOffer("voorbeeld", "voorbeeld", "", None, None, reach)

    return [
        (Cell(row, band, (), 0), "geen aanbod (gearceerd)"),
        (Cell(row, band, (offer("lokaal"),), 1), "één aanbod"),
        (Cell(row, band, (offer("lokaal"),) * 3, 3), "meer aanbod (vet)"),
        (Cell(row, band, (offer("online"),), 0), "alleen online of landelijk, niets lokaal"),
        (Cell(ROWS[7], band, (), 0), "past niet bij deze leeftijd"),
    ]


def matrix_image(matrix: CoverageMatrix, scale: float = 2.0) -> QImage:
    """The matrix as a picture in light colours (for paper and slides)."""
    width = _LABEL_W + _CELL_W * len(matrix.bands)
    height = _HEADER_H + _ROW_H * len(matrix.rows)
    image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    font = QFont()
    font.setPixelSize(13)
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(QColor("black"))
    painter.drawText(QRect(4, 0, _LABEL_W - 8, _HEADER_H), Qt.AlignmentFlag.AlignVCenter, "Soort / leeftijd")
    for col, band in enumerate(matrix.bands):
        rect = QRect(_LABEL_W + col * _CELL_W, 0, _CELL_W, _HEADER_H)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{band.key}\n{band.low}–{band.high} jaar")
    for r, row in enumerate(matrix.rows):
        top = _HEADER_H + r * _ROW_H
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(QRect(4, top, _LABEL_W - 8, _ROW_H), Qt.AlignmentFlag.AlignVCenter, row.label)
        for col, band in enumerate(matrix.bands):
            rect = QRect(_LABEL_W + col * _CELL_W, top, _CELL_W, _ROW_H)
            paint_cell(painter, rect, matrix.cell(row.key, band.key), font, dark=False)
            painter.setPen(QColor("white"))
            painter.drawRect(rect)
    painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _data_uri(image: QImage) -> str:
    return "data:image/png;base64," + base64.b64encode(_png_bytes(image)).decode("ascii")


def report_html(matrix: CoverageMatrix, image_width: int | None = None, scale: float = 2.0) -> str:
    """The report as simple HTML with the matrix as an embedded picture `image_width` wide."""
    image = matrix_image(matrix, scale)
    width = image_width or int(image.width() / scale)
    height = int(image.height() * width / image.width())
    cells = [f"<td><img src='{_data_uri(_swatch(cell))}' width=48 height=20></td><td>{escape(text)}</td>"
             for cell, text in legend_cells()]
    legend = "".join("<tr>" + "".join(cells[i:i + 3]) + "</tr>" for i in range(0, len(cells), 3))
    rules = RULES_TEXT + (" " + LOCAL_ONLY_TEXT if matrix.local_only else "")
    parts = [
        f"<h2>{escape(matrix.title)}</h2>",
        f"<p>{escape(matrix.data_note)}. Gemaakt op {date.today().strftime('%d-%m-%Y')} met koppdesk.</p>",
        f"<p>{escape(rules)} Leeftijdsbanden: "
        + escape(", ".join(f"{b.key} = {b.low} t/m {b.high} jaar" for b in matrix.bands)) + ".</p>",
        f"<p><img src='{_data_uri(image)}' width={width} height={height}></p>",
        f"<table cellspacing=2 cellpadding=2><small>{legend}</small></table>",
        "<h3>Gaten</h3>",
    ]
    if matrix.gaps:
        parts.append("<ul>" + "".join(f"<li>{escape(g.text)}</li>" for g in matrix.gaps) + "</ul>")
    else:
        parts.append("<p>Geen gaten gevonden.</p>")
    return "\n".join(parts)


def _swatch(cell: Cell) -> QImage:
    image = QImage(96, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(2, 2)
    font = QFont()
    font.setPixelSize(11)
    paint_cell(painter, QRect(0, 0, 48, 20), cell, font, dark=False)
    painter.end()
    return image


def save_csv(matrix: CoverageMatrix, path: Path) -> Path:
    # utf-8 with BOM: Excel then reads the dashes and accents right.
    Path(path).write_text(matrix_csv(matrix), encoding="utf-8-sig", newline="")
    log.info("saved coverage matrix as CSV to %s", path)
    return Path(path)


def save_png(matrix: CoverageMatrix, path: Path, width: int = 900) -> Path:
    doc = QTextDocument()
    doc.setHtml(report_html(matrix))
    doc.setTextWidth(width)
    scale = 2
    image = QImage(width * scale, int(doc.size().height() + 1) * scale, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))  # paper colours, also in dark mode
    doc.documentLayout().draw(painter, context)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"Kan {path} niet schrijven.")
    log.info("saved coverage matrix as PNG to %s", path)
    return Path(path)


def save_pdf(matrix: CoverageMatrix, path: Path) -> Path:
    save_html_as_pdf(report_html(matrix, image_width=PDF_IMAGE_WIDTH), Path(path))
    if not Path(path).is_file():  # QPrinter does not report a file it could not write
        raise OSError(f"Kan {path} niet schrijven.")
    log.info("saved coverage matrix as PDF to %s", path)
    return Path(path)
