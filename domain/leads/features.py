"""Features of the organization's leads (`Lead` rows) for the conversion model.

Per lead: `source` (its channel), `email_domain` ("business", "free" for a webmail address,
"none") and one column per key of `Lead.attributes` holding a scalar in
at least `MIN_KEY_SHARE` of the leads (`attr:<key>`; at most `MAX_KEYS` keys, the most
common first): firmographics and engagement such as pages viewed, email opens or a demo
request, as the CRM or the demo world record them. Booleans become 1/0, numbers stay
numbers, text stays text (`domain.churn.tabular.prepare_table` then parses numeric text and
drops identifiers, constants and free text). Keys whose values are outcomes (a CRM's lead
status, say) are left to the leak detector, which excludes them and says so.

Label: a lead converted when its status is `converted` or it has a conversion time. The
customer link is not used: CRMs (and the demo world) link a lead to its account while it is
still in the funnel. How long a lead has been open is not a feature: for decided leads it
measures the outcome (converted leads stop the clock early, old undecided ones count as not
converted), so a model would learn the label from it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from domain.enums import LeadStatus

ATTR = "attr:"
MIN_KEY_SHARE = 0.05
MAX_KEYS = 40
BASE_FEATURES = ("source", "email_domain")
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
    "msn.com", "icloud.com", "me.com", "aol.com", "gmx.com", "gmx.de", "gmx.net", "web.de",
    "proton.me", "protonmail.com", "mail.com", "mail.ru", "yandex.ru", "yandex.com", "qq.com",
    "163.com", "126.com", "zoho.com", "hey.com", "fastmail.com",
})
NAMES = {"source": "Source", "email_domain": "Email address"}
OPEN_STATUSES = (LeadStatus.OPEN, LeadStatus.WORKING)


@dataclass(frozen=True)
class LeadRow:
    """What the features need of a lead (a stored row, or one typed in for `scoreLead`)."""

    source: str
    email: str | None
    attributes: Mapping[str, Any]
    created_at: datetime
    converted_at: datetime | None = None
    status: LeadStatus = LeadStatus.OPEN

    @property
    def converted(self) -> bool:
        return self.status is LeadStatus.CONVERTED or self.converted_at is not None


def from_values(row: Mapping[str, Any]) -> LeadRow:
    """A `LeadRow` from `Lead.filter(...).values(...)` output."""
    attributes = row.get("attributes")
    return LeadRow(source=str(row.get("source") or ""), email=row.get("email"),
                   attributes=attributes if isinstance(attributes, Mapping) else {},
                   created_at=row["created_at"], converted_at=row.get("converted_at"),
                   status=LeadStatus(row.get("status") or LeadStatus.OPEN))


def email_domain(email: str | None) -> str:
    if not email or "@" not in email:
        return "none"
    domain = email.rsplit("@", 1)[1].strip().lower()
    return "free" if domain in FREE_MAIL else "business"


def _scalar(value: Any) -> Any:
    """A feature value: booleans 1/0, finite numbers, stripped text; else missing."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value) if math.isfinite(float(value)) else None
    if isinstance(value, str):
        text = value.strip()
        lowered = text.lower()
        if lowered in ("true", "false"):
            return 1.0 if lowered == "true" else 0.0
        return text or None
    return None


def attribute_keys(rows: Iterable[LeadRow], *, min_share: float = MIN_KEY_SHARE,
                   max_keys: int = MAX_KEYS) -> list[str]:
    """Attribute keys with a scalar value in at least `min_share` of the rows."""
    counts: dict[str, int] = {}
    n = 0
    for row in rows:
        n += 1
        for key, value in row.attributes.items():
            if _scalar(value) is not None:
                counts[str(key)] = counts.get(str(key), 0) + 1
    floor = max(1, math.ceil(min_share * n))
    common = sorted((k for k, c in counts.items() if c >= floor), key=lambda k: (-counts[k], k))
    return common[:max_keys]


def lead_frame(rows: Sequence[LeadRow], keys: Sequence[str], now: datetime) -> pd.DataFrame:
    """Raw feature columns (module docstring), one row per lead, in the order given."""
    data: dict[str, list[Any]] = {
        "source": [r.source.strip() or None for r in rows],
        "email_domain": [email_domain(r.email) for r in rows],
    }
    for key in keys:
        data[ATTR + key] = [_scalar(r.attributes.get(key)) for r in rows]
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(rows)))
    return frame


def scoring_frame(rows: Sequence[LeadRow], features: Sequence[str], now: datetime
                  ) -> pd.DataFrame:
    """The columns a trained model uses (`features`), built for new rows."""
    keys = [f[len(ATTR):] for f in features if f.startswith(ATTR)]
    frame = lead_frame(rows, keys, now)
    for col in features:
        if col not in frame.columns:
            frame[col] = np.nan
    return frame[list(features)]


def labels(rows: Sequence[LeadRow]) -> list[str]:
    return ["converted" if r.converted else "not converted" for r in rows]


def feature_name(feature: str) -> str:
    if feature.startswith(ATTR):
        return feature[len(ATTR):].replace("_", " ")
    return NAMES.get(feature, feature.replace("_", " "))


def describe(feature: str, value: Any) -> str:
    """The factor in words, e.g. "Source: referral", "pages viewed: 12"."""
    name = feature_name(feature)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return f"{name}: not given"
    if feature == "email_domain":
        return {"free": "Email address: a free webmail address",
                "business": "Email address: a business domain",
                "none": "Email address: none"}.get(str(value), f"{name}: {value}")
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return f"{name}: {int(value)}"
    if isinstance(value, float | np.floating):
        return f"{name}: {float(value):.3g}"
    return f"{name}: {value}"
