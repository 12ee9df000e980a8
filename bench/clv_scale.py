"""Non-contractual CLV at scale: summary + fit + score for 1M customers, against lifetimes.

    .venv/bin/python -m bench.clv_scale [--customers 1000000] [--seed 7] [--cap N]

Data. The demo world's e-commerce slice (`domain.demo.shop.generate_shop`: BG/NBD
purchases, Gamma-Gamma spend; about 11 orders per customer, so 1M customers give over 11M
transactions) over three years ending at a UTC midnight, generated once in memory by this
process (reported, not counted) and handed to the measured processes as .npy files.

Paths, each in its own fresh process (`--child`, internal) so that its peak RSS is its own
(`ru_maxrss` from `os.wait4`), all in the same run:
  * lifeline: `domain.clv.summary.summarise` (same-day purchases collapsed, weeks) ->
    `domain.clv.estimator.value.fit_value(kind="bgnbd")` (BG/NBD + Gamma-Gamma) ->
    `score_value` (12-month discounted value with a 90% interval, p_alive, expected
    purchases; 10% a year), on all customers and again on the capped customers;
  * lifetimes 0.11.3: `summary_data_from_transaction_data(freq="D")` with recency and T
    divided by 7 (the same definition: days collapse, weeks), `BetaGeoFitter.fit`,
    `GammaGammaFitter.fit` on the repeat buyers, then `customer_lifetime_value` (12 months,
    the same discount as a monthly rate), `conditional_expected_number_of_purchases_up_to_
    time` (12 months) and `conditional_probability_alive`, by default on all customers
    (about 50 s and 2 GB for 1M on 2 cores); with `--cap N` on the first N customers only
    (a random sample: customer indexes are unrelated to behaviour) with all their
    transactions, and lifeline is run on that data too; lifetimes' time for all customers
    is then *extrapolated* linearly per customer and labelled as such.
The ratio is lifetimes' time over lifeline's on the same data (and, with a cap, at full
size against the extrapolation). Imports happen before timing on both paths; summaries,
fitted parameters and scores of the shared data are compared side by side. Targets (2
cores): lifeline end to end (summary + fit + score) under 60 s for 1M customers, and at
least 5x faster than lifetimes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parents[1]
END = datetime(2026, 6, 1, tzinfo=UTC)  # a UTC midnight: lifetimes' T counts whole days
YEARS = 3
HORIZON_MONTHS = 12
DISCOUNT_RATE = 0.10  # a year
TOTAL_SECONDS = 60.0
MIN_RATIO = 5.0
STAGES = ("summary", "fit", "score")
PARAMS = ("r", "alpha", "a", "b", "p", "q", "v")


# -- measured processes ------------------------------------------------------------------------

def _load(data: Path, tz: bool) -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": np.load(data / "customer.npy"),
        "at": pd.to_datetime(np.load(data / "at.npy"), unit="s", utc=tz),
        "amount": np.load(data / "cents.npy") / 100.0,
    })


def _lifeline(data: Path) -> dict[str, Any]:
    import lifetimes  # noqa: F401 - imported before timing, as on the lifetimes path

    from domain.clv.estimator.value import fit_value, score_value
    from domain.clv.summary import summarise

    tx = _load(data, tz=True)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    summary = summarise(tx, END)
    seconds["summary"] = time.perf_counter() - started
    del tx
    started = time.perf_counter()
    fit = fit_value(summary, kind="bgnbd")
    seconds["fit"] = time.perf_counter() - started
    started = time.perf_counter()
    scored = score_value(fit, summary, horizon_months=HORIZON_MONTHS,
                         discount_rate=DISCOUNT_RATE)
    seconds["score"] = time.perf_counter() - started
    params = {**fit.purchases.params, "p": fit.spend.p, "q": fit.spend.q, "v": fit.spend.v}
    return {"seconds": seconds, "params": params, "customers": len(summary),
            "summary": summary[["frequency", "recency", "T", "monetary"]],
            "scores": scored[["value", "p_alive", "expected_purchases"]]}


def _lifetimes(data: Path) -> dict[str, Any]:
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data

    tx = _load(data, tz=False)  # lifetimes works on naive timestamps (here UTC)
    end = pd.Timestamp(END).tz_convert(None)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    s = summary_data_from_transaction_data(tx, "customer_id", "at", "amount",
                                           observation_period_end=end, freq="D")
    s["recency"] /= 7.0
    s["T"] /= 7.0
    seconds["summary"] = time.perf_counter() - started
    del tx
    started = time.perf_counter()
    bgf = BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])
    repeat = s[(s["frequency"] > 0) & (s["monetary_value"] > 0)]
    ggf = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    seconds["fit"] = time.perf_counter() - started
    started = time.perf_counter()
    monthly = (1.0 + DISCOUNT_RATE) ** (1.0 / 12.0) - 1.0
    value = ggf.customer_lifetime_value(bgf, s["frequency"], s["recency"], s["T"],
                                        s["monetary_value"], time=HORIZON_MONTHS,
                                        discount_rate=monthly, freq="W")
    weeks = HORIZON_MONTHS * 365.25 / 12 / 7
    expected = bgf.conditional_expected_number_of_purchases_up_to_time(
        weeks, s["frequency"], s["recency"], s["T"])
    alive = bgf.conditional_probability_alive(s["frequency"], s["recency"], s["T"])
    seconds["score"] = time.perf_counter() - started
    params = {**{k: float(v) for k, v in bgf.params_.items()},
              **{k: float(v) for k, v in ggf.params_.items()}}
    summary = s.rename(columns={"monetary_value": "monetary"})
    scores = pd.DataFrame({"value": np.asarray(value), "p_alive": np.asarray(alive),
                           "expected_purchases": np.asarray(expected)}, index=s.index)
    return {"seconds": seconds, "params": params, "customers": len(s),
            "summary": summary[["frequency", "recency", "T", "monetary"]], "scores": scores}


def child(path: str, data: Path, out: Path, keep: bool) -> None:
    warnings.simplefilter("ignore")
    result = _lifeline(data) if path == "lifeline" else _lifetimes(data)
    if keep:  # for the side-by-side comparison (not timed)
        frame = result["summary"].join(result["scores"]).sort_index()
        frame.to_pickle(out.with_suffix(".pkl"))
    out.write_text(json.dumps({k: result[k] for k in ("seconds", "params", "customers")}))


# -- the run -----------------------------------------------------------------------------------

def _save(directory: Path, customer: np.ndarray, at: np.ndarray, cents: np.ndarray) -> None:
    directory.mkdir()
    np.save(directory / "customer.npy", customer)
    np.save(directory / "at.npy", at)
    np.save(directory / "cents.npy", cents)


def _run(path: str, data: Path, out: Path, keep: bool) -> dict[str, Any]:
    argv = [sys.executable, "-m", "bench.clv_scale", "--child", path, "--data", str(data),
            "--out", str(out), *(["--keep"] if keep else [])]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{path} on {data.name} failed with exit code {proc.returncode}")
    result: dict[str, Any] = json.loads(out.read_text())
    result["wall"] = time.perf_counter() - started
    result["rss_mb"] = usage.ru_maxrss / 1024.0  # Linux: kilobytes
    result["total"] = sum(result["seconds"][s] for s in STAGES)
    return result


def _row(label: str, customers: int, transactions: int, r: dict[str, Any]) -> str:
    stages = "".join(f"{r['seconds'][s]:>9.2f}" for s in STAGES)
    rss = f"{r['rss_mb']:>9,.0f}" if "rss_mb" in r else f"{'-':>9}"
    return (f"{label:<34}{customers:>11,}{transactions:>13,}{stages}{r['total']:>9.2f}{rss}")


def _compare(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    both = ours.add_suffix("_ll").join(theirs.add_suffix("_lt"), how="inner")
    print(f"\nper customer, on the data both paths saw ({len(both):,} customers in both "
          "summaries):")
    for col in ("frequency", "recency", "T", "monetary"):
        diff = np.abs(both[f"{col}_ll"] - both[f"{col}_lt"]).max()
        print(f"  summary {col:<19} max |lifeline - lifetimes| = {diff:.3g}")
    for col in ("value", "expected_purchases", "p_alive"):
        a, b = both[f"{col}_ll"], both[f"{col}_lt"]
        print(f"  {col:<27} sum {a.sum():>14,.1f} vs {b.sum():>14,.1f}   Pearson "
              f"{a.corr(b):.4f}   median |diff| {np.median(np.abs(a - b)):.3g}")


def _report(n: int, m: int, cap: int, m_cap: int, full: dict[str, Any],
            ours: dict[str, Any], slow: dict[str, Any]) -> None:
    """The timing table, the ratios and the targets."""
    capped = cap < n
    print(f"\n{'path':<34}{'customers':>11}{'transactions':>13}"
          + "".join(f"{s:>9}" for s in STAGES) + f"{'total s':>9}{'RSS MB':>9}")
    print(_row("lifeline", n, m, full))
    if capped:
        print(_row("lifeline (capped)", cap, m_cap, ours))
    print(_row("lifetimes" + (" (capped)" if capped else ""), cap, m_cap, slow))
    at_scale = measured = slow["total"] / ours["total"]
    if capped:
        scale = n / cap
        extrapolated = {"seconds": {s: slow["seconds"][s] * scale for s in STAGES},
                        "total": slow["total"] * scale}
        print(_row(f"lifetimes EXTRAPOLATED x{scale:g}/cust", n, m, extrapolated))
        at_scale = extrapolated["total"] / full["total"]
    ratios = ", ".join(f"{s} {slow['seconds'][s] / ours['seconds'][s]:.1f}x" for s in STAGES)
    print(f"\nratio lifetimes / lifeline, measured on the same {cap:,} customers: "
          f"{measured:.1f}x ({ratios}); peak RSS {slow['rss_mb'] / ours['rss_mb']:.1f}x")
    if capped:
        print(f"ratio at {n:,} customers against lifetimes' EXTRAPOLATED time: {at_scale:.1f}x")
    walls = ", ".join(f"{label} {r['wall']:.1f} s" for label, r in
                      (("lifeline", full), ("lifeline capped", ours if capped else None),
                       ("lifetimes", slow)) if r is not None)
    print(f"(process wall times, including imports and loading the arrays: {walls})")
    fast = full["total"] < TOTAL_SECONDS
    print(f"\ntarget lifeline end to end < {TOTAL_SECONDS:.0f} s for {n:,} customers: "
          f"{'met' if fast else 'NOT met'} ({full['total']:.1f} s)")
    checks = [("measured on the same data", measured)]
    if capped:
        checks.append(("at full size, lifetimes EXTRAPOLATED", at_scale))
    for label, ratio in checks:
        print(f"target >= {MIN_RATIO:.0f}x faster than lifetimes end to end, {label}: "
              f"{'met' if ratio >= MIN_RATIO else 'NOT met'} ({ratio:.1f}x)")
    where = f"the capped data ({cap:,} customers)" if capped else f"all {n:,} customers"
    print(f"\nfitted parameters on {where}" + (f", and lifeline's on all {n:,}:"
                                                 if capped else ":"))
    print(f"  {'':<8}{'lifeline':>14}{'lifetimes':>14}{'rel. diff':>11}"
          + (f"{'lifeline, all':>16}" if capped else ""))
    for name in PARAMS:
        a, b = ours["params"][name], slow["params"][name]
        print(f"  {name:<8}{a:>14.5g}{b:>14.5g}{abs(a - b) / abs(b):>11.2%}"
              + (f"{full['params'][name]:>16.5g}" if capped else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cap", type=int, default=None,
                    help="customers given to lifetimes, with all their transactions "
                         "(default: all; a smaller cap extrapolates its time)")
    ap.add_argument("--child", choices=("lifeline", "lifetimes"), help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--keep", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.data, args.out, args.keep)
        return
    from domain.demo.shop import generate_shop

    n = args.customers
    cap = n if args.cap is None else max(1, min(args.cap, n))
    end = int(END.timestamp())
    start = end - YEARS * 365 * 86_400
    started = time.perf_counter()
    shop = generate_shop(n, seed=args.seed, start=start, end=end)
    generated = time.perf_counter() - started
    m = len(shop.order_at)
    capped = shop.order_customer < cap
    m_cap = int(capped.sum())
    limit = (f"lifetimes capped at {cap:,} customers ({m_cap:,} transactions)" if cap < n
             else "lifetimes on all of them")
    print(f"CLV scale: {n:,} customers, {m:,} transactions (BG/NBD + Gamma-Gamma shop, seed "
          f"{args.seed}, {YEARS} years to {END:%Y-%m-%d}), generated in {generated:.1f} s (not "
          f"counted); {limit}. {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}.",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="clv-scale-") as tmp:
        root = Path(tmp)
        _save(root / "full", shop.order_customer, shop.order_at, shop.order_cents)
        if cap < n:
            _save(root / "capped", shop.order_customer[capped], shop.order_at[capped],
                  shop.order_cents[capped])
        del shop, capped
        same = root / ("capped" if cap < n else "full")
        full = _run("lifeline", root / "full", root / "lifeline-full.json", keep=cap == n)
        ours = (_run("lifeline", same, root / "lifeline-capped.json", keep=True) if cap < n
                else full)
        slow = _run("lifetimes", same, root / "lifetimes.json", keep=True)
        ours_frame = pd.read_pickle(root / ("lifeline-capped.pkl" if cap < n
                                            else "lifeline-full.pkl"))
        slow_frame = pd.read_pickle(root / "lifetimes.pkl")
    _report(n, m, cap, m_cap, full, ours, slow)
    _compare(ours_frame, slow_frame)


if __name__ == "__main__":
    main()
