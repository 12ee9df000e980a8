"""CLV purchase model quality on CDNOW: calibration / holdout, per frequency bucket.

    .venv/bin/python -m bench.clv_quality [--data ../shared/data/cdnow_master.txt]
                                          [--model bgnbd|pareto_nbd|mbgnbd]

Summaries from the transactions (`domain.clv.summary`, same-day purchases collapsed, weeks
as days / 7): 39 calibration weeks (1997-01-01 .. 1997-09-30) and 39 holdout weeks (to
1998-06-30). The model is fitted on the calibration summaries and predicts each customer's
repeat purchases in the holdout (`conditional_expected_number_of_purchases_up_to_time`);
the naive baseline repeats each customer's calibration rate, x / T per week, over the
holdout. Printed for lifetimes' 2,357-customer sample (its own summaries, the paper's) and
for all 23,570 customers of the master file: actual and predicted totals, and per
calibration-frequency bucket (0, 1, ..., 6, 7+) the mean actual and predicted holdout
purchases and the absolute error of each, as in Fader, Hardie & Lee (2005), figure 4.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.clv.estimator.bgnbd import Kind, fit_purchases
from domain.clv.summary import calibration_holdout

REPO = Path(__file__).resolve().parents[1]
CAL_END = datetime(1997, 9, 30, tzinfo=UTC)
HOLD_END = datetime(1998, 6, 30, tzinfo=UTC)
BUCKETS = [*range(7), 7]


def _report(name: str, s: pd.DataFrame, kind: Kind) -> None:
    x, t_x, T = (s[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    fitted, model = fit_purchases(x, t_x, T, kind=kind)
    duration = s["holdout_duration"].to_numpy(dtype=float)
    predicted = model.conditional_expected_number_of_purchases_up_to_time(  # type: ignore[attr-defined]
        duration, x, t_x, T)
    naive = np.where(T > 0, x / np.maximum(T, 1e-9), 0.0) * duration
    actual = s["holdout_frequency"].to_numpy(dtype=float)
    params = ", ".join(f"{k}={v:.4f}" for k, v in fitted.params.items())
    print(f"\n{name}: {len(s):,} customers; {kind} {params}; log-likelihood "
          f"{fitted.log_likelihood:.1f}")
    print(f"holdout repeat purchases: actual {actual.sum():,.0f}, {kind} "
          f"{predicted.sum():,.0f} ({predicted.sum() / actual.sum():.3f}), naive "
          f"{naive.sum():,.0f} ({naive.sum() / actual.sum():.3f})")
    print(f"{'x (cal)':>8}{'customers':>11}{'actual':>9}{kind:>11}{'naive':>9}"
          f"{'|err| model':>13}{'|err| naive':>13}")
    bucket = np.minimum(x, 7).astype(int)
    rows: list[dict[str, Any]] = []
    for b in BUCKETS:
        m = bucket == b
        if not m.any():
            continue
        row = {"a": actual[m].mean(), "p": predicted[m].mean(), "n": naive[m].mean()}
        rows.append(row)
        label = f"{b}+" if b == 7 else str(b)
        print(f"{label:>8}{int(m.sum()):>11,}{row['a']:>9.3f}{row['p']:>11.3f}{row['n']:>9.3f}"
              f"{abs(row['p'] - row['a']):>13.3f}{abs(row['n'] - row['a']):>13.3f}")
    mae_model = np.mean(np.abs(predicted - actual))
    mae_naive = np.mean(np.abs(naive - actual))
    print(f"per-customer mean absolute error: {kind} {mae_model:.3f}, naive {mae_naive:.3f}")


def _sample() -> pd.DataFrame:
    from lifetimes.datasets import load_cdnow_summary

    d = load_cdnow_summary(index_col=[0])
    return pd.DataFrame({"frequency": d["frequency"], "recency": d["recency"], "T": d["T"],
                         "holdout_frequency": _sample_holdout(d), "holdout_duration": 39.0})


def _sample_holdout(d: pd.DataFrame) -> pd.Series:
    """lifetimes' sample has no holdout counts; they come from its transactions file."""
    from lifetimes.datasets import load_dataset

    tx = load_dataset("CDNOW_sample.txt", header=None, sep=r"\s+",
                      names=["customer_id", "customer_index", "date", "quantity", "amount"])
    tx["at"] = pd.to_datetime(tx["date"].astype(str), format="%Y%m%d", utc=True)
    s = calibration_holdout(tx[["customer_index", "at", "amount"]].rename(
        columns={"customer_index": "customer_id"}), CAL_END, HOLD_END)
    return s["holdout_frequency"].reindex(d.index).fillna(0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", default="../shared/data/cdnow_master.txt")
    parser.add_argument("--model", default="bgnbd", choices=("bgnbd", "pareto_nbd", "mbgnbd"))
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    kind: Kind = args.model
    _report("lifetimes' CDNOW sample", _sample(), kind)
    path = Path(args.data)
    if not path.is_absolute():
        path = (REPO / path).resolve()
    raw = pd.read_csv(path, sep=r"\s+", dtype={"customer_id": str, "date": str})
    tx = pd.DataFrame({"customer_id": raw["customer_id"],
                       "at": pd.to_datetime(raw["date"], format="%Y%m%d", utc=True),
                       "amount": raw["dollar_value"]})
    _report("CDNOW master (all customers)", calibration_holdout(tx, CAL_END, HOLD_END), kind)


if __name__ == "__main__":
    main()
