"""Generated lead worlds for lead scoring tests: conversion driven by the source and by
engagement (pages viewed, email opens, a demo request), plus a CRM field that is only
filled in once the outcome is known (a leak the detector must catch)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import numpy as np

from domain.enums import LeadStatus
from domain.models import Lead, Organization

SOURCES = ("referral", "webinar", "organic", "paid", "outbound")
SOURCE_EFFECT = {"referral": 1.4, "webinar": 0.6, "organic": 0.0, "paid": -0.4,
                 "outbound": -1.5}


def conversion_logit(source: str, pages: int, opens: int, demo: bool) -> float:
    return (-1.6 + SOURCE_EFFECT[source] + 0.22 * min(pages, 15) + 0.15 * min(opens, 10)
            + 1.2 * demo)


async def seed_leads(org_id: int, n: int, *, seed: int, now: datetime,
                     open_share: float = 0.1) -> list[Lead]:
    """`n` leads created over two years before `now`; the last `open_share` of them are
    recent open leads (to be scored), the others decided by the logit above."""
    rng = np.random.default_rng(seed)
    rows: list[Lead] = []
    for i in range(n):
        source = SOURCES[int(rng.integers(0, len(SOURCES)))]
        pages = int(rng.poisson(4))
        opens = int(rng.poisson(3))
        demo = bool(rng.random() < 0.25)
        recent = i >= n * (1 - open_share)
        days = float(rng.uniform(1, 50)) if recent else float(rng.uniform(90, 700))
        created = now - timedelta(days=days)
        attributes: dict[str, object] = {"pages_viewed": pages, "email_opens": opens,
                                          "demo_requested": demo,
                                          "industry": ["saas", "retail", "health"][i % 3]}
        status, converted_at = LeadStatus.OPEN, None
        if not recent:
            p = 1.0 / (1.0 + np.exp(-conversion_logit(source, pages, opens, demo)))
            if rng.random() < p:
                status = LeadStatus.CONVERTED
                converted_at = created + timedelta(days=float(rng.uniform(5, 80)))
                attributes["crm_stage"] = "closed won"
            else:
                status = (LeadStatus.DISQUALIFIED if rng.random() < 0.5
                          else LeadStatus.WORKING)
                if rng.random() < 0.1:
                    attributes["crm_stage"] = "closed lost"
        rows.append(Lead(organization_id=org_id, name=f"Lead {i}",
                         email=f"lead{i}@{'gmail.com' if i % 4 == 0 else 'corp.example'}",
                         source=source, status=status, attributes=attributes,
                         created_at=created, converted_at=converted_at))
    await Lead.bulk_create(rows, batch_size=500)
    return await Lead.filter(organization_id=org_id).order_by("id")


async def lead_org(name: str) -> Organization:
    return await Organization.create(name=name, slug=f"{name.lower()}-{uuid.uuid4().hex[:10]}")
