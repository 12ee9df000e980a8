"""The pipeline-weighted near-term component of a revenue forecast.

Stage-to-win probabilities are learned from closed opportunities' stage history: an
opportunity passed stage s when its history shows s or a later open stage (prospecting <
qualification < proposal < negotiation), and

    P(win | passed s) = closed won among closed opportunities that passed s
                        / closed opportunities that passed s.

With fewer than `MIN_CLOSED` such opportunities the stage has no learned probability and
each open opportunity at that stage keeps its own `probability` (the CRM's figure). Each
open opportunity contributes amount * probability in its close month; one whose close date
has passed is expected in the first forecast month, one closing after the horizon is left
out (and counted). Forecast categories are the Salesforce ones: the open amounts closing
within the horizon summed by `forecast_category` (commit, best case, pipeline; each on its
own, not cumulative). Two statements.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.enums import ForecastCategory, OpportunityStage
from domain.forecasts.series import add_months, month_start
from domain.sql import select_dicts
from domain.times import month_index

OPEN_STAGES = (OpportunityStage.PROSPECTING, OpportunityStage.QUALIFICATION,
               OpportunityStage.PROPOSAL, OpportunityStage.NEGOTIATION)
RANK = {s.value: i + 1 for i, s in enumerate(OPEN_STAGES)}
MIN_CLOSED = 10
CATEGORIES = (ForecastCategory.COMMIT, ForecastCategory.BEST_CASE, ForecastCategory.PIPELINE)


@dataclass(frozen=True)
class StageProbability:
    stage: str
    probability: float | None  # learned; None when history is thin (own figures used)
    closed: int  # closed opportunities that passed the stage
    won: int
    source: str  # "history" or "opportunity"


@dataclass(frozen=True)
class OpenOpportunity:
    amount: float
    stage: str
    probability: float  # the CRM's own figure (0..1, or a percentage)
    category: str
    close_date: date


@dataclass(frozen=True)
class PipelineComponent:
    by_month: list[float]  # expected won amount per forecast month
    stages: list[StageProbability]
    categories: dict[str, float]
    open_opportunities: int
    overdue: int  # close date passed; expected in the first forecast month
    beyond_horizon: int
    weighted_total: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"by_month": self.by_month, "weighted_total": self.weighted_total,
                "categories": self.categories, "open_opportunities": self.open_opportunities,
                "overdue": self.overdue, "beyond_horizon": self.beyond_horizon,
                "stages": [s.__dict__ for s in self.stages], "reasons": self.reasons}


def _rank_case(column: str) -> str:
    whens = " ".join(f"WHEN '{stage}' THEN {rank}" for stage, rank in RANK.items())
    return f"CASE {column} {whens} ELSE 0 END"


async def read_history(org_id: int) -> list[dict[str, Any]]:
    """Closed opportunities counted by the furthest open stage they passed and outcome."""
    reached = "CASE WHEN to_rank > from_rank THEN to_rank ELSE from_rank END"
    return await select_dicts(
        f"SELECT {reached} AS reached, won, COUNT(*) AS n FROM ("
        f"SELECT o.id, MAX({_rank_case('c.to_stage')}) AS to_rank, "
        f"MAX({_rank_case('c.from_stage')}) AS from_rank, "
        "CASE WHEN o.is_won THEN 1 ELSE 0 END AS won "
        'FROM "opportunity" o JOIN "opportunity_stage_change" c ON c.opportunity_id = o.id '
        "WHERE o.organization_id = ? AND c.organization_id = ? AND o.is_closed "
        f"GROUP BY o.id, o.is_won) AS h GROUP BY {reached}, won",
        [org_id, org_id])


async def read_open(org_id: int) -> list[OpenOpportunity]:
    rows = await select_dicts(
        "SELECT CAST(amount AS DOUBLE PRECISION) AS amount, stage, probability, "
        'forecast_category, close_date FROM "opportunity" '
        "WHERE organization_id = ? AND NOT is_closed", [org_id])
    return [OpenOpportunity(float(r["amount"] or 0.0), str(r["stage"]),
                            float(r["probability"] or 0.0), str(r["forecast_category"]),
                            r["close_date"] if isinstance(r["close_date"], date)
                            else date.fromisoformat(str(r["close_date"])[:10]))
            for r in rows]


def stage_probabilities(history: list[dict[str, Any]], min_closed: int = MIN_CLOSED
                        ) -> list[StageProbability]:
    """P(win | passed s) per open stage from `read_history` counts."""
    out = []
    for stage, rank in RANK.items():
        passed = [r for r in history if int(r["reached"] or 0) >= rank]
        closed = sum(int(r["n"]) for r in passed)
        won = sum(int(r["n"]) for r in passed if int(r["won"]))
        learned = closed >= min_closed
        out.append(StageProbability(stage, won / closed if learned else None, closed, won,
                                    "history" if learned else "opportunity"))
    return out


def _own(probability: float) -> float:
    p = probability / 100.0 if probability > 1.0 else probability
    return min(max(p if math.isfinite(p) else 0.0, 0.0), 1.0)


def pipeline_component(open_opps: list[OpenOpportunity], stages: list[StageProbability],
                       first_month: date, horizon: int) -> PipelineComponent:
    """Expected won amounts per forecast month (`first_month` and the `horizon` - 1 after)."""
    learned = {s.stage: s.probability for s in stages}
    by_month = [0.0] * horizon
    categories = {c.value: 0.0 for c in CATEGORIES}
    overdue = beyond = 0
    for opp in open_opps:
        month = month_start(opp.close_date)
        if month < first_month:
            overdue += 1
            month = first_month
        index = month_index(month) - month_index(first_month)
        if index >= horizon:
            beyond += 1
            continue
        p = learned.get(opp.stage)
        by_month[index] += max(opp.amount, 0.0) * (p if p is not None else _own(opp.probability))
        if opp.category in categories:
            categories[opp.category] += max(opp.amount, 0.0)
    reasons = []
    if not open_opps:
        reasons.append("no open opportunities: the pipeline adds nothing")
    thin = [s.stage for s in stages if s.source == "opportunity"]
    if thin:
        reasons.append(f"fewer than {MIN_CLOSED} closed opportunities passed "
                       f"{', '.join(thin)}: the opportunities' own probabilities are used there")
    if beyond:
        reasons.append(f"{beyond} open opportunit{'y closes' if beyond == 1 else 'ies close'} "
                       f"after {add_months(first_month, horizon - 1):%Y-%m} and "
                       f"{'is' if beyond == 1 else 'are'} left out")
    rounded = [round(v, 2) for v in by_month]
    return PipelineComponent(rounded, stages, {k: round(v, 2) for k, v in categories.items()},
                             len(open_opps), overdue, beyond, round(sum(by_month), 2), reasons)


async def pipeline_for(org_id: int, first_month: date, horizon: int) -> PipelineComponent:
    stages = stage_probabilities(await read_history(org_id))
    return pipeline_component(await read_open(org_id), stages, first_month, horizon)
