"""Which lifecycle moves are allowed.

The funnel runs lead → mql → sql → opportunity → customer. Forward skips are allowed
(self-serve sign-ups go straight from lead to customer); a lead may be recycled back to
nurture (mql) from sql or opportunity. Once a customer, an account moves between the
active states (customer, expansion, contraction, at_risk, reactivated) or churns; a churned
account can only be reactivated.
"""

from __future__ import annotations

from domain.enums import Stage

FUNNEL = (Stage.LEAD, Stage.MQL, Stage.SQL, Stage.OPPORTUNITY, Stage.CUSTOMER)

ALLOWED: dict[Stage, frozenset[Stage]] = {
    Stage.LEAD: frozenset({Stage.MQL, Stage.SQL, Stage.OPPORTUNITY, Stage.CUSTOMER}),
    Stage.MQL: frozenset({Stage.SQL, Stage.OPPORTUNITY, Stage.CUSTOMER}),
    Stage.SQL: frozenset({Stage.OPPORTUNITY, Stage.CUSTOMER, Stage.MQL}),
    Stage.OPPORTUNITY: frozenset({Stage.CUSTOMER, Stage.MQL}),
    Stage.CUSTOMER: frozenset({Stage.EXPANSION, Stage.CONTRACTION, Stage.AT_RISK, Stage.CHURNED}),
    Stage.EXPANSION: frozenset(
        {Stage.CUSTOMER, Stage.CONTRACTION, Stage.AT_RISK, Stage.CHURNED}
    ),
    Stage.CONTRACTION: frozenset(
        {Stage.CUSTOMER, Stage.EXPANSION, Stage.AT_RISK, Stage.CHURNED}
    ),
    Stage.AT_RISK: frozenset({Stage.CUSTOMER, Stage.EXPANSION, Stage.CONTRACTION, Stage.CHURNED}),
    Stage.CHURNED: frozenset({Stage.REACTIVATED}),
    Stage.REACTIVATED: frozenset(
        {Stage.CUSTOMER, Stage.EXPANSION, Stage.CONTRACTION, Stage.AT_RISK, Stage.CHURNED}
    ),
}


def allowed_from(stage: Stage) -> frozenset[Stage]:
    return ALLOWED[stage]


def is_allowed(current: Stage, target: Stage) -> bool:
    return target in ALLOWED[current]
