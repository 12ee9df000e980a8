"""Revenue forecast quality on the champagne series (monthly sales, 1964-01 .. 1972-09).

    .venv/bin/python -m bench.forecast_quality [--data ../shared/data/champagne_monthly_sales.csv]
                                               [--origins 5] [--step 3] [--horizon 12]

A 12-month rolling-origin backtest of the whole procedure of `domain.forecasts.backtest`:
at each outer origin (the last one leaves exactly `--horizon` months to forecast, the
others step back `--step` months each) the procedure sees only the months before the
origin — its own inner backtest, the choice of method and the calibration of the intervals
included — and forecasts the next months. Printed per origin and overall:

- MASE (mean absolute error / in-sample MAE of the seasonal naive forecast of the months
  before the origin) of the seasonal naive forecast, of ETS alone (form by AICc) and of the
  chosen method (or combination);
- the empirical coverage of the chosen forecast's 80% and 95% intervals over all months.

Targets: chosen MASE at most 0.8 of the seasonal naive MASE; coverage within 10 points of
nominal. Both verdicts are printed as they come out.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.forecasts.backtest import Memo, covered, forecast, mase_scale
from domain.forecasts.estimator import forecast_method

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "champagne_monthly_sales.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--origins", type=int, default=5)
    parser.add_argument("--step", type=int, default=3)
    parser.add_argument("--horizon", type=int, default=12)
    args = parser.parse_args(argv)

    frame = pd.read_csv(args.data)
    months = frame.iloc[:, 0].astype(str).tolist()
    y = frame.iloc[:, 1].to_numpy(dtype=float)
    n, h = len(y), args.horizon
    cuts = [n - h - i * args.step for i in range(args.origins)][::-1]
    print(f"{args.data.name}: {n} months ({months[0]} .. {months[-1]}); {len(cuts)} origins, "
          f"{h}-month horizon, every {args.step} months")
    print(f"{'origin':>8}{'train':>7}{'snaive':>9}{'ETS':>8}{'chosen':>8}{'in80':>6}{'in95':>6}"
          "  method")
    memo: Memo = {}
    started = time.perf_counter()
    scores: dict[str, list[float]] = {"snaive": [], "ets": [], "chosen": []}
    hits80 = hits95 = total = 0
    for cut in cuts:
        train, test = y[:cut], y[cut:cut + h]
        scale = mase_scale(train, seasonal=True)
        out = forecast(train, h, memo=memo)
        snaive = forecast_method("seasonal_naive", train, h, seasonal=True)
        ets = memo.get(("ets", cut, h)) or forecast_method("ets", train, h, seasonal=True)
        for name, mean in (("snaive", snaive.mean), ("ets", ets.mean),
                           ("chosen", out.band.mean)):
            scores[name].append(float(np.mean(np.abs(test - mean))) / scale)
        in80, in95 = covered(out.band, test)
        hits80, hits95, total = hits80 + in80, hits95 + in95, total + len(test)
        print(f"{months[cut]:>8}{cut:>7}{scores['snaive'][-1]:>9.3f}{scores['ets'][-1]:>8.3f}"
              f"{scores['chosen'][-1]:>8.3f}{in80:>6}{in95:>6}  {out.method}")
    avg = {k: float(np.mean(v)) for k, v in scores.items()}
    ratio = avg["chosen"] / avg["snaive"]
    cov80, cov95 = hits80 / total, hits95 / total
    print(f"\nMASE  seasonal naive {avg['snaive']:.3f}   ETS {avg['ets']:.3f}   "
          f"chosen {avg['chosen']:.3f}   (chosen / seasonal naive = {ratio:.3f}; "
          f"target <= 0.8: {'met' if ratio <= 0.8 else 'NOT met'})")
    ok = abs(cov80 - 0.8) <= 0.1 and abs(cov95 - 0.95) <= 0.1
    print(f"coverage  80%: {cov80:.1%}   95%: {cov95:.1%}   over {total} months "
          f"(target within 10 points: {'met' if ok else 'NOT met'})")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
