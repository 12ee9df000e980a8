"""The bandit's evidence: stored `ArmOutcomes` counts as an `Evidence` matrix (one read).

Rows are the given contexts first, then every other context the organization has outcomes
for (they take part in partial pooling only); columns are "none" then the given arm codes.
Outcomes of arms no longer offered (inactive incentives) are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from domain.decisions.bandit import Evidence
from domain.decisions.contexts import NONE_ARM
from domain.models import ArmOutcomes


@dataclass(frozen=True)
class ContextEvidence:
    contexts: list[str]  # the requested contexts, then the others with outcomes
    evidence: Evidence


async def load_evidence(org_id: int, contexts: Sequence[str], arms: Sequence[str]
                        ) -> ContextEvidence:
    """Evidence for `contexts` (rows, in order) and arms ["none", *arms] (columns)."""
    rows = await ArmOutcomes.filter(organization_id=org_id).values_list(
        "context", "arm", "churned", "retained", "expected_churn")
    column = {NONE_ARM: 0, **{code: j + 1 for j, code in enumerate(arms)}}
    order = list(contexts)
    index = {c: i for i, c in enumerate(order)}
    for context, arm, *_ in rows:
        if arm in column and context not in index:
            index[context] = len(order)
            order.append(context)
    evidence = Evidence.empty(len(order), len(arms))
    for context, arm, churned, retained, expected in rows:
        j = column.get(arm)
        if j is None:
            continue
        i = index[context]
        evidence.churned[i, j] += float(churned)
        evidence.retained[i, j] += float(retained)
        evidence.expected[i, j] += float(expected)
    return ContextEvidence(order, evidence)


def context_means(context_index: np.ndarray, probability: np.ndarray, rows: int,
                  fallback: float) -> np.ndarray:
    """Mean probability per context row (`fallback` for rows without customers)."""
    sums = np.bincount(context_index, weights=probability, minlength=rows)
    counts = np.bincount(context_index, minlength=rows)
    return np.where(counts > 0, sums / np.maximum(counts, 1), fallback)
