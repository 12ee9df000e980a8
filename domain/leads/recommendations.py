"""The next action for a scored lead, from its score band and its strongest factors.

Bands: hot at `HOT` (0-100) and above, warm from `WARM`, cold below. A hot lead gets a call;
a warm one the action that answers its strongest negative factor (weak engagement: nurture;
no business email: find the decision maker; a channel that converts less: qualify early;
long open: re-engage); a cold one stays in nurture, or is closed when it has gone stale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

HOT = 60.0
WARM = 30.0
ENGAGEMENT_WORDS = ("page", "visit", "open", "click", "time", "session", "activity",
                    "download", "webinar", "engag", "view", "demo", "trial", "usage")

CALL = "Call within 24 hours and offer a demo"
CALL_DEMO = "Call within 24 hours to confirm the demo and the buying timeline"
NURTURE = ("Send a nurture sequence (a case study, a webinar invitation) to lift "
           "engagement, then call")
FIND_BUYER = "Find a business email and the decision maker before calling"
QUALIFY = "Follow up by email this week and qualify budget and timing early"
FOLLOW_UP = "Follow up by email this week and qualify need and timing"
KEEP_NURTURING = "Keep in automated nurture; revisit when engagement rises"


def _kind(feature: str) -> str:
    name = feature.lower()
    if name == "email_domain":
        return "email"
    if name == "source":
        return "source"
    if any(w in name for w in ENGAGEMENT_WORDS):
        return "engagement"
    return "other"


def recommend(value: float, positive: Sequence[Mapping[str, Any]],
              negative: Sequence[Mapping[str, Any]]) -> str:
    """`value`: the score (0-100); factors most influential first."""
    top_up = _kind(str(positive[0]["feature"])) if positive else "other"
    top_down = _kind(str(negative[0]["feature"])) if negative else "other"
    if value >= HOT:
        return CALL_DEMO if top_up == "engagement" and "demo" in str(
            positive[0]["feature"]).lower() else CALL
    if value >= WARM:
        return {"engagement": NURTURE, "email": FIND_BUYER, "source": QUALIFY}.get(
            top_down, FOLLOW_UP)
    return KEEP_NURTURING


def split_factors(factors: Sequence[Mapping[str, Any]]
                  ) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """(positive, negative) stored factors, most influential first."""
    pos = sorted((f for f in factors if float(f.get("impact", 0.0)) > 0),
                 key=lambda f: -float(f["impact"]))
    neg = sorted((f for f in factors if float(f.get("impact", 0.0)) < 0),
                 key=lambda f: float(f["impact"]))
    return pos, neg
