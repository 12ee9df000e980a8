"""Churn model quality on a labelled customer table (default: Telco churn).

    .venv/bin/python -m bench.churn_quality [--data ../shared/data/telco_churn.csv] [--folds 5]

Prints per-fold and mean AUC / ECE / Brier / log-loss / PR-AUC / top-decile lift for the
calibrated LightGBM model (boosted from / blended with LR, as chosen inside each training
fold) and the LR baseline.
Target: mean AUC >= 0.850 and ECE <= 0.03 for the LightGBM model.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from domain.churn.estimator import ChurnConfig
from domain.churn.tabular import METRIC_NAMES, cross_validate, prepare_table

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = "../shared/data/telco_churn.csv"
HEADERS = ("AUC", "ECE", "Brier", "LogLoss", "PR-AUC", "Lift@10%")


def _row(name: str, values: dict[str, float]) -> str:
    return f"{name:<22}" + "".join(f"{values[m]:>10.4f}" for m in METRIC_NAMES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", default=DEFAULT_DATA, help="CSV, relative to the repo root")
    parser.add_argument("--label", default="Churn")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--calibrate-on",
        choices=("second_half", "all_held_out", "cross_fit"),
        default="cross_fit",
        help="held-out rows the calibrator is fitted on (see domain.churn.estimator)",
    )
    args = parser.parse_args()

    path = Path(args.data)
    if not path.is_absolute():
        path = (REPO / path).resolve()
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    data = prepare_table(df, args.label)
    print(
        f"data: {path} rows={len(data.X)} features={data.X.shape[1]} churn_rate={data.y.mean():.4f}"
    )
    for col, reason in data.dropped.items():
        print(f"dropped: {col}: {reason}")

    started = time.perf_counter()
    config = ChurnConfig(seed=args.seed, calibrate_on=args.calibrate_on)
    report = cross_validate(data, folds=args.folds, seed=args.seed, config=config)
    elapsed = time.perf_counter() - started

    print()
    print(f"{'':<22}" + "".join(f"{h:>10}" for h in HEADERS))
    for fold in report.folds:
        print(
            _row(f"fold {fold.fold} lightgbm", fold.lightgbm.scalars())
            + f"   iters={fold.best_iteration} w={fold.blend_weight:.2f} {fold.mode}"
        )
        print(_row(f"fold {fold.fold} baseline", fold.baseline.scalars()))
    print()
    mean_main, mean_base = report.mean("lightgbm"), report.mean("baseline")
    print(_row("MEAN lightgbm", mean_main))
    print(_row("MEAN baseline LR", mean_base))
    ok = mean_main["roc_auc"] >= 0.850 and mean_main["ece"] <= 0.03
    print(
        f"\ntarget (AUC >= 0.850, ECE <= 0.030): {'MET' if ok else 'NOT MET'}; "
        f"{args.folds} folds in {elapsed:.1f}s"
    )


if __name__ == "__main__":
    main()
