"""The coverage matrix as text, CSV and JSON (CLI output and the GUI's CSV export)."""

from __future__ import annotations

import csv
import io

from koppdesk.services.dekking import CoverageMatrix

RULES_TEXT = (
    "Telt: aanbod dat een van deze gemeenten bedient, landelijk is of online; ingetrokken aanbod"
    " telt nooit mee. Een aanbod telt in elke leeftijdsband die zijn leeftijden raken."
)
LOCAL_ONLY_TEXT = "Alleen lokaal aanbod: online en landelijk aanbod telt niet mee."


def band_header(band) -> str:
    return f"{band.key} ({band.low} t/m {band.high} jr)"


def matrix_csv(matrix: CoverageMatrix, delimiter: str = ";") -> str:
    """One line per row, one column per band with the number of offers.

    Semicolons by default: Excel with Dutch settings opens such a file in columns.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Soort of probleem", *[band_header(b) for b in matrix.bands]])
    for row in matrix.rows:
        writer.writerow([row.label, *[matrix.cell(row.key, b.key).count for b in matrix.bands]])
    return out.getvalue()


def matrix_dict(matrix: CoverageMatrix) -> dict:
    """Everything the matrix shows, for `koppdesk dekking --json`."""
    return {
        "title": matrix.title,
        "data": matrix.data_note,
        "gemeenten": [{"code": g.code, "name": g.name} for g in matrix.gemeenten],
        "local_only": matrix.local_only,
        "parent_problem": str(matrix.problem) if matrix.problem else None,
        "bands": [{"key": b.key, "minimum_age": b.low, "maximum_age": b.high} for b in matrix.bands],
        "rows": [
            {"key": row.key, "label": row.label, "cells": {
                b.key: {
                    "count": (c := matrix.cell(row.key, b.key)).count,
                    "local": c.local,
                    "text": c.text,
                    "offers": [{"id": o.id, "name": o.name, "organization": o.organization, "reach": o.reach,
                                "minimum_age": o.minimum_age, "maximum_age": o.maximum_age} for o in c.offers],
                } for b in matrix.bands}}
            for row in matrix.rows
        ],
        "gaps": [{"row": g.row.key, "ages": [list(r) for r in g.ages], "only": sorted(g.reaches),
                  "offers": list(g.names), "text": g.text} for g in matrix.gaps],
    }


def matrix_text(matrix: CoverageMatrix) -> str:
    """A plain text table with the gaps below it, for the terminal."""
    keys = [b.key for b in matrix.bands]
    ages = [f"{b.low}-{b.high} jr" for b in matrix.bands]
    texts = [[matrix.cell(r.key, b.key).text for b in matrix.bands] for r in matrix.rows]
    widths = [max(len(k), len(a), *(len(t[i]) for t in texts)) for i, (k, a) in enumerate(zip(keys, ages))]
    first = max(len("Soort of probleem"), *(len(r.label) for r in matrix.rows))
    lines = [matrix.title, matrix.data_note, RULES_TEXT] + ([LOCAL_ONLY_TEXT] if matrix.local_only else []) + [""]
    lines.append("  ".join(["Leeftijdsband".ljust(first), *(k.rjust(w) for k, w in zip(keys, widths))]))
    lines.append("  ".join(["Soort of probleem".ljust(first), *(a.rjust(w) for a, w in zip(ages, widths))]))
    for row, cells in zip(matrix.rows, texts):
        lines.append("  ".join([row.label.ljust(first), *(t.rjust(w) for t, w in zip(cells, widths))]))
    lines += ["", "Tekens: 0 — = geen aanbod; 'online'/'landelijk' = geen lokaal aanbod, alleen online of"
                  " landelijk; n.v.t. = leeftijd past niet bij deze soort.", ""]
    if matrix.gaps:
        lines.append("Gaten:")
        lines += [f"- {gap.text}" for gap in matrix.gaps]
    else:
        lines.append("Geen gaten gevonden.")
    return "\n".join(lines)
