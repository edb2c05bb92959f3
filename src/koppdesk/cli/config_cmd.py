"""`koppdesk config show`: the effective settings and where each value came from (for IT)."""

from __future__ import annotations

import json
from typing import Any

from koppdesk.config import log_dir
from koppdesk.logsetup import LOG_FILENAME, active_log_file
from koppdesk.services.diagnostics import settings_report, shown


def register(sub) -> None:
    p = sub.add_parser("config", help="instellingen bekijken (voor IT-beheer)")
    verbs = p.add_subparsers(dest="verb", metavar="show", required=True)
    show = verbs.add_parser("show", help="toon de geldende instellingen en waar elke waarde vandaan komt")
    show.add_argument("--json", action="store_true", help="uitvoer als JSON")
    show.set_defaults(func=run_show)


def format_report(report: dict[str, Any]) -> str:
    lines = [
        f"koppdesk {report['version']} — geldende instellingen",
        "",
        f"Machinebestand (IT):  {report['machine_file']['path']}  [{report['machine_file']['state']}]",
        f"Gebruikersbestand:    {report['user_file']['path']}  [{report['user_file']['state']}]",
        f"Logboek:              {shown(report['log_file'])}",
        "",
    ]
    rows = [(key, shown(item["value"]), item["source"]) for key, item in report["settings"].items()]
    width_key = max(len("instelling"), *(len(r[0]) for r in rows))
    width_val = max(len("waarde"), *(len(r[1]) for r in rows))
    lines.append(f"{'instelling':<{width_key}}  {'waarde':<{width_val}}  herkomst")
    lines += [f"{k:<{width_key}}  {v:<{width_val}}  {s}" for k, v, s in rows]
    lines.append("")
    locked = report["locked"]
    lines.append("Vergrendeld door IT: " + (", ".join(locked) if locked else "niets"))
    if report["problems"]:
        lines.append("Problemen (deze bestanden of waarden worden genegeerd):")
        lines += [f"  - {p}" for p in report["problems"]]
    else:
        lines.append("Problemen: geen")
    return "\n".join(lines)


def run_show(args, ctx) -> int:
    log_file = active_log_file() or log_dir() / LOG_FILENAME
    report = settings_report(ctx.settings, log_file)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return 0
