"""Lead scoring quality on a labelled lead table (default: X Education), with leak detection.

    .venv/bin/python -m bench.lead_quality [--data ../shared/data/leads_x_education.csv]
        [--label Converted] [--folds 5] [--seed 42] [--quick]

Prints every column the leak detector excluded, with its figures (fill rates among converted
and other leads, the column's own cross-validated AUC) and reason, then the k-fold
cross-validated AUC / ECE / Brier / log-loss of the calibrated lead model and its LR
baseline in three settings:
  * "leaks included": every column (what a naive model would report);
  * "detector": the detector's exclusions (the product's default);
  * "post-contact out": the detector's exclusions plus every column the data README says
    sales fill in after contact (Tags, Lead Quality, Lead Profile, Last Activity, Last
    Notable Activity, Asymmetrique *), forced out through `exclude`.
--quick skips the first setting. Target: AUC >= 0.88 with the detector's exclusions, and
the detector catches Tags and Lead Quality.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from domain.leads.tabular import LeadTable, cross_validate_leads, prepare_lead_table

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = "../shared/data/leads_x_education.csv"
POST_CONTACT = ("Tags", "Lead Quality", "Lead Profile", "Last Activity",
                "Last Notable Activity", "Asymmetrique Activity Index",
                "Asymmetrique Profile Index", "Asymmetrique Activity Score",
                "Asymmetrique Profile Score")
METRICS = ("roc_auc", "ece", "brier", "log_loss", "pr_auc")


def _line(name: str, values: dict[str, float]) -> str:
    return f"  {name:<10}" + "".join(f"{values[m]:>9.4f}" for m in METRICS)


def _report(title: str, table: LeadTable, folds: int, seed: int) -> float:
    started = time.perf_counter()
    result = cross_validate_leads(table, folds=folds, seed=seed)
    seconds = time.perf_counter() - started
    print(f"\n{title}: {len(result['features'])} features, {result['rows']:,} rows, "
          f"{folds}-fold, {seconds:.0f} s")
    print(f"  {'':<10}" + "".join(f"{m:>9}" for m in ("AUC", "ECE", "Brier", "LogLoss",
                                                        "PR-AUC")))
    print(_line("model", result["model"]))
    print(_line("baseline", result["baseline"]))
    print("  per-fold AUC: " + ", ".join(f"{f['model']['roc_auc']:.4f}"
                                         for f in result["per_fold"]))
    return float(result["model"]["roc_auc"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--label", default="Converted")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    path = Path(args.data)
    if not path.is_absolute():
        path = (REPO / path).resolve()
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)

    table = prepare_lead_table(raw, args.label)
    print(f"{path.name}: {len(raw):,} rows, {raw.shape[1]} columns; conversion rate "
          f"{table.data.y.mean():.3f}")
    print(f"\nleak detector (fill ratio >= {table.leaks.fill_ratio} and gap >= "
          f"{table.leaks.min_fill_gap:.2f}, or single-column AUC >= {table.leaks.max_auc}):")
    for check in table.leaks.checks:
        if check.excluded:
            auc = f"{check.single_auc:.3f}" if check.single_auc is not None else "n/a"
            print(f"  EXCLUDED {check.column!r}: filled {check.filled_converted:.1%} converted "
                  f"vs {check.filled_others:.1%} others, alone AUC {auc}\n    {check.reason}")
    kept = [c for c in table.leaks.checks if not c.excluded]
    top = sorted(kept, key=lambda c: -(c.single_auc or 0.0))[:5]
    print("  strongest columns kept (alone AUC): " + ", ".join(
        f"{c.column} {c.single_auc:.3f}" for c in top if c.single_auc is not None))
    print("  dropped before the check: " + ", ".join(f"{c} ({r})"
                                                       for c, r in table.data.dropped.items()
                                                       if c not in table.leaks.excluded))
    caught = {"Tags", "Lead Quality"} <= set(table.leaks.excluded)

    results: dict[str, float] = {}
    if not args.quick:
        every = [c.column for c in table.leaks.checks if c.flagged]
        leaky = prepare_lead_table(raw, args.label, include=every)
        results["leaks included"] = _report("leaks included", leaky, args.folds, args.seed)
    results["detector"] = _report("detector's exclusions (default)", table, args.folds,
                                  args.seed)
    present = [c for c in POST_CONTACT if c in raw.columns]
    strict = prepare_lead_table(raw, args.label, exclude=present)
    results["post-contact out"] = _report("post-contact columns forced out too", strict,
                                          args.folds, args.seed)

    print("\nsummary: " + ", ".join(f"{k} AUC {v:.4f}" for k, v in results.items()))
    met = caught and results["detector"] >= 0.88
    print(f"target (detector catches Tags and Lead Quality; AUC >= 0.88 without them): "
          f"{'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
