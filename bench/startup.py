"""Start-up benchmark: launch to first window with the sociale kaart listed, vs a bare PySide6 window.

Both are whole processes started the way a user starts them (a fresh interpreter, offscreen):
- koppdesk: the `koppdesk` command with `--data-dir DIR --quit-when-ready` on a prepared data
  folder (by default a generated national sociale kaart of 100,000 offers); it prints its
  readiness line once the main window is painted with the kaart listed, then quits.
- baseline: bench/bare_window.py, QApplication + one QWidget shown, printing `ready` after
  its first paint, then quitting.
The clock runs from just before the process is spawned until its readiness line arrives
("ready"); the time until the process has exited, its CPU time and peak memory are reported
too.  bench/widgets_window.py (the same kinds of widgets without koppdesk) is timed as well,
for context.  Runs rotate (koppdesk, bare, widgets; bare, widgets, koppdesk; ...) after
warm-up runs that also write the bytecode caches (PYTHONDONTWRITEBYTECODE is removed for the
children: an installed app has its .pyc files).  Last line: `ratio=<koppdesk median / bare median>` (time to ready).

Run: .venv/bin/python bench/startup.py [--offers N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


@dataclass
class Run:
    ready_ms: float
    exit_ms: float
    cpu_ms: float
    max_rss_mb: float
    line: str


def prepare(data_dir: Path, offers: int) -> str:
    """Fill `data_dir` with a generated kaart of `offers` offers (0: the app seeds its demo kaart).

    Runs in a child process, so this process stays small: a child's peak RSS as reported by
    wait4() starts from the size of the process that spawned it.
    """
    if offers == 0:
        return "demo sociale kaart (seeded by the first warm-up run)"
    out = subprocess.run([sys.executable, __file__, "--prepare", str(data_dir), "--offers", str(offers)],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def _prepare_here(data_dir: Path, offers: int) -> str:
    from gen import generate_payload_dict

    from koppdesk.models import Payload
    from koppdesk.store import Store

    start = time.perf_counter()
    payload = Payload.model_validate(generate_payload_dict(offers))
    store = Store.open(data_dir)
    try:
        store.apply_payload(payload, now=payload.generated, meta={"data_source": "bench"})
    finally:
        store.close()
    size = (data_dir / "koppdesk.sqlite").stat().st_size / 1e6
    return f"{offers} generated offers, database {size:.0f} MB, prepared in {time.perf_counter() - start:.0f} s"


def child_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Keep the runs away from the user's own settings and log folder.
    env["KOPPDESK_LOG_DIR"] = str(tmp / "log")
    env["KOPPDESK_USER_CONFIG"] = str(tmp / "user-settings.toml")
    env["KOPPDESK_MACHINE_CONFIG"] = str(tmp / "machine-settings.toml")
    return env


def koppdesk_command(data_dir: Path, script: Path | None = None) -> list[str]:
    script = script or Path(sys.executable).parent / ("koppdesk.exe" if os.name == "nt" else "koppdesk")
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "koppdesk"]
    return launcher + ["--data-dir", str(data_dir), "--quit-when-ready"]


def run_once(cmd: list[str], marker: str, env: dict[str, str], errors: Path) -> Run:
    with open(errors, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env)
        line = ""
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").strip()
            if marker in line:
                break
        ready = time.perf_counter()
        proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        done = time.perf_counter()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if marker not in line or proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed (exit {proc.returncode}):\n{errors.read_text(errors='replace')}")
    return Run((ready - start) * 1000, (done - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000,
               usage.ru_maxrss / 1024, line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--offers", type=int, default=100_000, help="generated offers (0: demo kaart)")
    ap.add_argument("--runs", type=int, default=11, help="measured runs of each (at least 7)")
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--koppdesk", type=Path, metavar="PATH",
                    help="koppdesk command to time (default: the one next to this Python), e.g. an older build")
    ap.add_argument("--prepare", metavar="DIR", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.prepare:
        print(_prepare_here(Path(args.prepare), args.offers))
        return 0
    runs = max(7, args.runs)
    with tempfile.TemporaryDirectory(prefix="koppdesk-bench-") as tmp_name:
        tmp = Path(tmp_name)
        data_dir = tmp / "data"
        data_dir.mkdir()
        print(f"data: {prepare(data_dir, args.offers)}")
        env = child_env(tmp)
        contenders = {
            "koppdesk": (koppdesk_command(data_dir, args.koppdesk), "koppdesk klaar"),
            "bare": ([sys.executable, str(HERE / "bare_window.py")], "ready"),
            # Reported for context only: the same kinds of widgets without any koppdesk code.
            "widgets": ([sys.executable, str(HERE / "widgets_window.py")], "ready"),
        }
        results: dict[str, list[Run]] = {name: [] for name in contenders}
        for i in range(args.warmup + runs):
            order = list(contenders)[i % 3:] + list(contenders)[:i % 3]  # rotate who goes first
            for name in order:
                cmd, marker = contenders[name]
                run = run_once(cmd, marker, env, tmp / f"{name}.stderr")
                if i >= args.warmup:
                    results[name].append(run)
    print(f"runs: {runs} of each, rotating order, after {args.warmup} warm-up runs")
    print(f"koppdesk: {results['koppdesk'][-1].line}")
    inside = [float(m.group(1)) * 1000 for r in results["koppdesk"] if (m := re.search(r"\(([\d.]+) s\)", r.line))]
    if inside:
        print(f"koppdesk in-process (main() to ready, its own clock): median {statistics.median(inside):.1f} ms")
    for name, rs in results.items():
        print(f"{name:9s} ready: median {statistics.median(r.ready_ms for r in rs):6.1f} ms"
              f" (min {min(r.ready_ms for r in rs):6.1f})   exit: median {statistics.median(r.exit_ms for r in rs):6.1f} ms"
              f"   cpu {statistics.median(r.cpu_ms for r in rs):6.1f} ms"
              f"   peak RSS {statistics.median(r.max_rss_mb for r in rs):5.1f} MB")
    ratio = (statistics.median(r.ready_ms for r in results["koppdesk"])
             / statistics.median(r.ready_ms for r in results["bare"]))
    exit_ratio = (statistics.median(r.exit_ms for r in results["koppdesk"])
                  / statistics.median(r.exit_ms for r in results["bare"]))
    widgets = (statistics.median(r.ready_ms for r in results["widgets"])
               / statistics.median(r.ready_ms for r in results["bare"]))
    print(f"koppdesk / bare: ready {ratio:.2f}x, exit {exit_ratio:.2f}x (goal: ready <= 1.5x);"
          f" widgets alone / bare: {widgets:.2f}x")
    print(f"ratio={ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
