"""Printing or saving simple HTML (leaflets, card sets, summaries) as PDF on one page size (A4)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)


def _document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc


def _a4(printer: QPrinter) -> None:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)


def save_html_as_pdf(html: str, path: Path) -> Path:
    """Render `html` to a PDF file at `path` (A4)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    _a4(printer)
    _document(html).print_(printer)
    return path


def print_or_save_html(parent: QWidget, html: str, suggested_name: str) -> None:
    """Ask whether to print or to save as PDF, then do it."""
    box = QMessageBox(parent)
    box.setWindowTitle("Afdrukken of bewaren")
    box.setText("Wilt u afdrukken of bewaren als PDF?")
    print_button = box.addButton("&Afdrukken…", QMessageBox.ButtonRole.AcceptRole)
    pdf_button = box.addButton("Bewaren als &PDF…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is pdf_button:
        path, _ = QFileDialog.getSaveFileName(parent, "Bewaren als PDF", f"{suggested_name}.pdf", "PDF (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            save_html_as_pdf(html, Path(path))
            log.info("saved %s as PDF to %s", suggested_name, path)
    elif clicked is print_button:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _a4(printer)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            _document(html).print_(printer)
