"""Reading stored decisions: a decision's audit trail in one plain sentence (`explain`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.enums import ActionStatus
from domain.models import Action

OFFERED = {ActionStatus.PROPOSED.value, ActionStatus.APPROVED.value,
           ActionStatus.EXECUTED.value, ActionStatus.REJECTED.value}


def _inputs(e: Mapping[str, Any]) -> str:
    versions = e.get("model_versions") or {}
    risk = f"churn risk {float(e['probability']):.2f}"
    if versions.get("churn"):
        risk += f" (model v{versions['churn']})"
    value = f"CLV {float(e['clv']):,.0f}"
    if e.get("value_source") == "run_rate":
        value += " (12 x MRR run rate: no value model)"
    elif versions.get("value"):
        value += f" (value model v{versions['value']})"
    return f"{risk} x {value}"


def _offer(e: Mapping[str, Any]) -> str:
    inc = e["incentive"]
    return (f"{_inputs(e)} x expected churn reduction {float(inc['expected_lift']):.0%} = "
            f"{float(inc['expected_saving']):,.0f} expected saving against "
            f"{float(inc['cost']):,.0f} cost")


def explain(action: Action | Mapping[str, Any]) -> str:
    """A decision in plain words, from its stored explanation (e.g. "15% off for 3 months:
    churn risk 0.72 (model v3) x CLV 4,200 x expected churn reduction 21% = 635 expected
    saving against 180 cost; largest sampled gain 412.30 of 4 paying incentives; routed to
    review because CLV ≥ 5,000 (rule 'review')")."""
    if isinstance(action, Action):
        e: Mapping[str, Any] = action.explanation or {}
        status = action.status.value
    else:
        e = action
        status = str(e.get("status", ""))
    if "probability" not in e:
        return "no explanation was recorded for this decision"
    inc = e.get("incentive")
    route = f"routed to {e.get('route')} because {e.get('route_reason')}"
    if inc and status in OFFERED:
        text = f"{inc['name']}: {_offer(e)}; {e['choice']}; {route}"
        if status == ActionStatus.REJECTED.value:
            text += "; rejected in review"
        return text
    if inc and status == ActionStatus.CONTROL.value:
        control = e.get("control") or {}
        return (f"Held out as control (draw {float(control.get('draw', 0)):.3f} below the "
                f"{float(control.get('share', 0)):.0%} share), no incentive, to measure the "
                f"true effect; would have got {inc['name']}: {_offer(e)}")
    if status == ActionStatus.MONITORING.value:
        return f"Monitored, no incentive: {_inputs(e)}; {route}"
    return f"No incentive: {e.get('choice')}; {_inputs(e)}"
