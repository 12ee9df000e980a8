"""Churn model quality on a labelled customer table (default: Telco churn).

    .venv/bin/python -m bench.churn_quality [--data ../shared/data/telco_churn.csv] [--folds 5]
        [--seed 42 | --seeds 1,2,3,4,5] [--no-refit]

Prints per-fold and mean AUC / ECE / Brier / log-loss / PR-AUC / top-decile lift for the
calibrated LightGBM model (blended with LR, as chosen inside each training fold, then refit on
the whole training fold unless --no-refit) and the LR baseline. With --seeds, one CV per seed
(fold split and model seed) and the mean over seeds of the per-seed means.
Target: mean AUC >= 0.850 and ECE <= 0.03 for the LightGBM model.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from domain.churn.estimator import ChurnConfig
from domain.churn.tabular import METRIC_NAMES, CVReport, TabularData, cross_validate, prepare_table

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = "../shared/data/telco_churn.csv"
HEADERS = ("AUC", "ECE", "Brier", "LogLoss", "PR-AUC", "Lift@10%")


def _row(name: str, values: dict[str, float]) -> str:
    return f"{name:<22}" + "".join(f"{values[m]:>10.4f}" for m in METRIC_NAMES)


def _target_met(values: dict[str, float]) -> bool:
    return values["roc_auc"] >= 0.850 and values["ece"] <= 0.03


def _run(data: TabularData, folds: int, seed: int, config: ChurnConfig) -> tuple[CVReport, float]:
    started = time.perf_counter()
    report = cross_validate(data, folds=folds, seed=seed, config=config)
    return report, time.perf_counter() - started


def _print_report(report: CVReport, seed: int) -> None:
    print(f"\nseed {seed}")
    print(f"{'':<22}" + "".join(f"{h:>10}" for h in HEADERS))
    for fold in report.folds:
        print(
            _row(f"fold {fold.fold} lightgbm", fold.lightgbm.scalars())
            + f"   iters={fold.best_iteration} w={fold.blend_weight:.2f} {fold.mode}"
        )
        print(_row(f"fold {fold.fold} baseline", fold.baseline.scalars()))
    print()
    print(_row("MEAN lightgbm", report.mean("lightgbm")))
    print(_row("MEAN baseline LR", report.mean("baseline")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", default=DEFAULT_DATA, help="CSV, relative to the repo root")
    parser.add_argument("--label", default="Churn")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--seeds", default="", help="comma-separated seeds (overrides --seed)")
    parser.add_argument(
        "--calibrate-on",
        choices=("second_half", "all_held_out", "cross_fit"),
        default="cross_fit",
        help="held-out rows the calibrator is fitted on (see domain.churn.estimator)",
    )
    parser.add_argument(
        "--no-refit", action="store_true",
        help="keep each fold's model fitted on its training rows only (no refit on held-out)",
    )
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()] or [args.seed]

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

    means: list[tuple[dict[str, float], dict[str, float]]] = []
    for seed in seeds:
        config = ChurnConfig(seed=seed, calibrate_on=args.calibrate_on, refit=not args.no_refit)
        report, elapsed = _run(data, args.folds, seed, config)
        _print_report(report, seed)
        main_mean = report.mean("lightgbm")
        means.append((main_mean, report.mean("baseline")))
        print(
            f"\ntarget (AUC >= 0.850, ECE <= 0.030): "
            f"{'MET' if _target_met(main_mean) else 'NOT MET'}; "
            f"{args.folds} folds in {elapsed:.1f}s"
        )
    if len(seeds) > 1:
        print(f"\nover seeds {','.join(map(str, seeds))} (mean of the per-seed means)")
        print(f"{'':<22}" + "".join(f"{h:>10}" for h in HEADERS))
        overall = {m: float(np.mean([a[m] for a, _ in means])) for m in METRIC_NAMES}
        print(_row("MEAN lightgbm", overall))
        print(_row("MEAN baseline LR",
                   {m: float(np.mean([b[m] for _, b in means])) for m in METRIC_NAMES}))
        print(f"target over seeds: {'MET' if _target_met(overall) else 'NOT MET'}")


if __name__ == "__main__":
    main()
