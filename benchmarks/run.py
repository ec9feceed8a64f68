"""Measure import, reference reader, status, the forecast's backtest and
cost, pages and first paint; print a table; write
benchmarks/out/results.json. See benchmarks/__init__.py."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import generate

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
TARGETS = {"import_ratio": 1.5, "import_rss_mb_100k": 500, "status_s_10k": 1.0, "page_warm_s_10k": 0.3,
           "first_paint_s_10k": 3.0, "reader_20k_rows_s": 2.0}


def child(cmd: list[str], env: dict | None = None) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MB of the command, exit code, stderr tail), measured
    by a small launcher (benchmarks/peak.py) so the runner's own memory is not
    counted in the command's peak."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile(suffix=".json") as report:
        proc = subprocess.run([PY, "-m", "benchmarks.peak", report.name, *cmd], cwd=ROOT,
                              env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=err)
        err.seek(0)
        tail = err.read()[-2000:].decode(errors="replace")
        try:
            measured = json.loads(Path(report.name).read_text())
        except ValueError:  # the launcher itself failed
            return 0.0, 0.0, proc.returncode or 1, tail
    return measured["wall_s"], measured["peak_rss_mb"], measured["returncode"], tail


def median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _check(rc: int, err: str, what: str) -> None:
    if rc != 0:
        raise SystemExit(f"{what} failed (exit {rc}):\n{err}")


def runs(cmd: list[str], env: dict, repeat: int, what: str) -> tuple[list[float], list[float]]:
    """`cmd` run `repeat` times, each required to succeed: (wall seconds, peak RSS MB) per run."""
    walls, rss = [], []
    for _ in range(repeat):
        w, m, rc, err = child(cmd, env)
        _check(rc, err, what)
        walls.append(w)
        rss.append(m)
    return walls, rss


def bench_size(n: int, repeat: int, work: Path, log) -> dict:
    t0 = time.perf_counter()
    wb = generate.ensure(n)
    log(f"[{n}] workbook {wb.name} ({wb.stat().st_size / 1e6:.1f} MB) ready in {time.perf_counter() - t0:.1f} s")
    res: dict = {"krs": n, "file_mb": round(wb.stat().st_size / 1e6, 2)}
    # the hostile-input defaults (okr/settings.py) refuse a 10k-KR workbook with 13 check-ins per KR
    env = {"OKR_LANG": "en", "OKR_MAX_UPLOAD_MB": "200", "OKR_MAX_CELLS": "20000000", "OKR_MAX_ROWS_PER_SHEET": "2000000"}

    walls, rss = [], []
    db = work / f"okr-{n}.duckdb"
    for i in range(repeat):
        db_i = work / f"import-{n}-{i}.duckdb"
        w, m, rc, err = child([PY, "-m", "okr", "import", str(wb), "--db", str(db_i), "--as-of",
                               generate.AS_OF.isoformat()], env)
        _check(rc, err, f"okr import ({n})")
        walls.append(w)
        rss.append(m)
        if i == repeat - 1:
            db_i.rename(db)
        else:
            db_i.unlink()
    res["import_s"], res["import_rss_mb"] = median(walls), median(rss)
    res["import_runs_s"] = walls
    log(f"[{n}] okr import       {res['import_s']:.2f} s  {res['import_rss_mb']:.0f} MB")

    res["reference"] = {}
    from .reference import READERS

    for reader in READERS:
        walls, rss = [], []
        for i in range(repeat):
            ref_db = work / f"ref-{reader}-{n}-{i}.duckdb"
            w, m, rc, err = child([PY, "-m", "benchmarks.reference", reader, str(wb), str(ref_db)])
            ref_db.unlink(missing_ok=True)
            if rc != 0:
                log(f"[{n}] reference {reader} failed: {err.strip().splitlines()[-1:]}")
                break
            walls.append(w)
            rss.append(m)
        if walls:
            res["reference"][reader] = {"s": median(walls), "rss_mb": median(rss)}
            log(f"[{n}] {reader:<16} {median(walls):.2f} s  {median(rss):.0f} MB")
    if res["reference"]:
        best = min(res["reference"], key=lambda r: res["reference"][r]["s"])
        res["reference_reader"] = best
        res["ratio"] = res["import_s"] / res["reference"][best]["s"]

    # the floor (benchmarks/floor.py): the byte scan and python-calamine's read that any import on
    # okr's path spends before it checks anything; the import's ratio to it is what okr's own work costs
    walls, rss = runs([PY, "-m", "benchmarks.floor", "scan", str(wb)], env, repeat, f"floor scan ({n})")
    res["floor"] = {"s": median(walls), "rss_mb": median(rss)}
    res["import_over_floor"] = res["import_s"] / res["floor"]["s"]
    log(f"[{n}] floor (scan+read) {median(walls):.2f} s  {median(rss):.0f} MB")

    walls, _rss = runs([PY, "-m", "okr", "status", "--json", "--db", str(db)], env, repeat, f"okr status ({n})")
    res["status_s"] = median(walls)
    log(f"[{n}] okr status --json {res['status_s']:.2f} s")
    if n <= PACK_MAX_KRS:
        res["pack"] = bench_pack(n, db, min(repeat, 3), work, env, log)
    res["db"] = str(db)
    return res


# the meeting pack has a page per lagging team: ~300 at 10k KRs, ~3,000 at 100k (minutes, and no
# meeting has that many); runs of tens of seconds vary little, so three make the median
PACK_MAX_KRS = 10_000


def bench_pack(n: int, db: Path, repeat: int, work: Path, env: dict, log) -> dict:
    """`okr pack` to PDF and to PowerPoint: wall time and peak RSS of the whole process."""
    from okr import service
    from okr.store import Store

    out: dict = {"pages": 1 + len(service.quarter_meeting(Store.open(db)).slides)}
    for fmt in ("pdf", "pptx"):
        target = work / f"pack-{n}.{fmt}"
        walls, rss = runs([PY, "-m", "okr", "pack", str(target), "--db", str(db)], env, repeat, f"okr pack {fmt} ({n})")
        out[fmt] = {"s": median(walls), "rss_mb": median(rss), "mb": round(target.stat().st_size / 1e6, 1),
                    "runs_s": walls}
        log(f"[{n}] okr pack {fmt:<5} {out[fmt]['s']:.1f} s  {out[fmt]['rss_mb']:.0f} MB  "
            f"{out['pages']} pages, {out[fmt]['mb']} MB")
    return out


def _child_json(module: str, db: Path, repeat: int, what: str, log) -> dict | None:
    """Run `python -m <module> DB REPEAT` (its own process: fresh caches) and parse its last line."""
    out = subprocess.run([PY, "-m", module, str(db), str(repeat)], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        log(f"{what} failed: {out.stderr[-1500:]}")
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_reader(repeat: int, log) -> dict:
    """okr/xlsx.py alone on two 20k-row sheets (benchmarks/reader.py), in this process."""
    from .reader import measure

    data = measure(repeat)
    for case, d in data.items():
        d["median_s"] = median(d["s"])
        log(f"reader {case:<10} {d['rows']:,} rows {d['median_s']:.2f} s")
    return data


def bench_pages(db: Path, repeat: int, log) -> dict:
    data = _child_json("benchmarks.pages", db, repeat, "pages", log) or {}
    for page, d in data.items():
        d["warm_median_s"] = median(d["warm_s"])
        d["reopen_median_s"] = median(d.get("reopen_s", []))
        log(f"page {page:<28} cold {d['cold_s']:.2f} s  warm {d['warm_median_s'] * 1000:.0f} ms"
            + (f"  after the file changed {d['reopen_median_s'] * 1000:.0f} ms" if d["reopen_median_s"] else "")
            + (f"  ERRORS {d['errors']}" if d["errors"] else ""))
    return data


def bench_browser(db: Path, repeat: int, log) -> dict:
    data = _child_json("benchmarks.browser", db, repeat, "first paint", log) or {}
    if "warm_s" in data:
        data["warm_median_s"] = median(data["warm_s"])
        log(f"first paint (Chromium) cold {data['cold_s']:.2f} s  warm {data['warm_median_s']:.2f} s")
    return data


def bench_backtest(db: Path, krs: int, log) -> dict:
    """How far to trust the forecast (benchmarks/backtest.py) on the sample and
    on the generated workbook, and what the forecast adds to a scorecard."""
    from okr.store import Store

    from . import backtest

    data = {"sample": backtest.sample()}
    store = Store(db)
    try:
        data[f"benchmark {krs:,} KRs"] = backtest.backtest(store)
        data["cost"] = backtest.cost(store)
    finally:
        store.close()
    c = data["cost"]
    log(f"forecast at {c['krs']:,} KRs ({c['values']:,} dated values): series {c['series_s'] * 1000:.0f} ms, "
        f"fit {c['fit_s'] * 1000:.0f} ms")
    return data


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    versions = {}
    for mod in ("duckdb", "pyarrow", "streamlit", "fastexcel", "python_calamine"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:
            versions[mod] = None
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "load_1min_at_start": load,
            "versions": versions}


def table(results: dict) -> str:
    lines = ["| KRs | check-ins | okr import | peak RSS | reference (reader) | ref RSS | import / ref "
             "| floor (scan + read) | floor RSS | import / floor | okr status --json |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    nan = float("nan")
    for r in results["sizes"]:
        ref = r.get("reference", {}).get(r.get("reference_reader"), {})
        floor = r.get("floor", {})
        lines.append(
            f"| {r['krs']:,} | {r['krs'] * generate.CHECKINS_PER_KR:,} | {r['import_s']:.2f} s | {r['import_rss_mb']:.0f} MB | "
            f"{ref.get('s', nan):.2f} s ({r.get('reference_reader', '–')}) | {ref.get('rss_mb', nan):.0f} MB | "
            f"{r.get('ratio', nan):.2f}× | {floor.get('s', nan):.2f} s | {floor.get('rss_mb', nan):.0f} MB | "
            f"{r.get('import_over_floor', nan):.2f}× | {r['status_s']:.2f} s |")
    packs = [r for r in results["sizes"] if r.get("pack")]
    if packs:
        lines += ["", "| KRs | pages | okr pack PDF | peak RSS | file | okr pack PPTX | peak RSS | file |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in packs:
            pk = r["pack"]
            lines.append(f"| {r['krs']:,} | {pk['pages']} | " + " | ".join(
                f"{pk[f]['s']:.1f} s | {pk[f]['rss_mb']:.0f} MB | {pk[f]['mb']} MB" for f in ("pdf", "pptx")) + " |")
    if results.get("pages"):
        lines += ["", f"| page ({results['pages_krs']:,} KRs) | cold first run | warm rerun (median) "
                      "| rerun after the database file changed |", "|---|---:|---:|---:|"]
        for page, d in results["pages"].items():
            reopen = d.get("reopen_median_s")
            lines.append(f"| {page} | {d['cold_s']:.2f} s | {d['warm_median_s'] * 1000:.0f} ms | "
                         + (f"{reopen * 1000:.0f} ms |" if reopen else "– |"))
    if results.get("reader"):
        lines += ["", "| okr/xlsx.py reads (benchmarks/reader.py) | rows | median |", "|---|---:|---:|"]
        for case, d in results["reader"].items():
            lines.append(f"| {case} | {d['rows']:,} | {d['median_s']:.2f} s |")
    bt = results.get("backtest") or {}
    if bt:
        from .backtest import table as backtest_table

        c = bt["cost"]
        lines += ["", "The forecast (benchmarks/backtest.py): error against the final value, in progress points", "",
                  backtest_table({k: v for k, v in bt.items() if k != "cost"}), "",
                  f"The forecast adds to each scorecard at {c['krs']:,} KRs: series {c['series_s'] * 1000:.0f} ms "
                  f"+ fit {c['fit_s'] * 1000:.0f} ms."]
    fp = results.get("first_paint") or {}
    if "warm_median_s" in fp:
        lines += ["", f"First paint of the overview in Chromium ({results['pages_krs']:,} KRs): "
                      f"{fp['warm_median_s']:.2f} s (median), {fp['cold_s']:.2f} s on the first visit after the server started."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("--sizes", default="1000,10000,100000", help="KR counts, comma-separated")
    ap.add_argument("--repeat", type=int, default=5, help="repetitions per measurement (median reported)")
    ap.add_argument("--quick", action="store_true", help="1k and 10k KRs, 2 repetitions: a smoke run")
    ap.add_argument("--no-pages", action="store_true", help="skip the AppTest page reruns")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium first paint")
    ap.add_argument("--out", default=str(generate.OUT / "results.json"))
    ap.add_argument("--workbooks", default=str(generate.OUT), help="where the generated workbooks are kept")
    args = ap.parse_args(argv)
    generate.OUT = Path(args.workbooks)
    sizes = [1000, 10000] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    repeat = 2 if args.quick else args.repeat
    started = time.perf_counter()

    def log(msg: str) -> None:
        print(f"{time.perf_counter() - started:7.1f}s  {msg}", flush=True)

    results = {"date": dt.date.today().isoformat(), "machine": machine(), "repeat": repeat,
               "command": " ".join(["python -m benchmarks", *(argv if argv is not None else sys.argv[1:])]),
               "targets": TARGETS, "sizes": []}
    results["reader"] = bench_reader(repeat, log)
    with tempfile.TemporaryDirectory(prefix="okr-bench-") as tmp:
        work = Path(tmp)
        for n in sizes:
            results["sizes"].append(bench_size(n, repeat, work, log))
        # pages and first paint at 10k KRs (or the largest size below it)
        page_size = 10000 if 10000 in sizes else max([s for s in sizes if s <= 10000] or [min(sizes)])
        db = Path(next(r["db"] for r in results["sizes"] if r["krs"] == page_size))
        results["pages_krs"] = page_size
        results["backtest"] = bench_backtest(db, page_size, log)
        if not args.no_pages:
            results["pages"] = bench_pages(db, repeat, log)
        if not args.no_browser:
            results["first_paint"] = bench_browser(db, repeat, log)
    for r in results["sizes"]:
        r.pop("db", None)
    results["total_s"] = time.perf_counter() - started
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str))
    print()
    print(f"{results['date']}, {results['machine']['cores']} cores ({results['machine']['cpu']}), "
          f"load {results['machine']['load_1min_at_start']}, medians of {repeat}")
    print(table(results))
    print(f"\nwrote {out} in {results['total_s']:.0f} s")
    return 0
