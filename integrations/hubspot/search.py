"""Incremental reads through HubSpot's CRM search, resumable from a plain-string cursor.

HubSpot's search allows one sort rule and refuses to page past 10,000 results, and says
nothing about the order of objects modified in the same millisecond. So no query is paged
with `after` offsets: every page is a fresh query keyed on the last modification time
returned so far (keyset paging), which never nears the 10,000 cap and is not thrown off
by objects that change while the sync runs (a changed object moves to the end, and is
returned again there):

* keyset: `modified >= t` (`> t` once every object at `t` is known to be returned),
  sorted by modified ascending; objects at `t` already returned (`seen`) are dropped.
* sweep: when one page holds nothing but objects modified at the same `t` (a bulk change
  larger than a page), that millisecond is read in id order — `modified == t AND
  hs_object_id > last id`, sorted by id — and then keyset paging resumes at `modified > t`.

The cursor (`hs1.` + base64url JSON) carries the object type, `t`, the mode and the ids
already returned at `t`, so it holds at most about one page of ids.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

PREFIX = "hs1."
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class SearchState:
    object_type: str
    t: int | None  # last-modified epoch ms; None: from the beginning
    strict: bool = False  # next keyset page: modified > t (else >= t)
    seen: tuple[str, ...] = ()  # ids already returned whose modified == t
    sweep: bool = False  # reading the objects modified at exactly t, by id
    last_id: str | None = None  # sweep: the last id read


def epoch_ms(when: datetime) -> int:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - _EPOCH) // timedelta(milliseconds=1)


def start(object_type: str, since: datetime | None) -> SearchState:
    """Objects modified at or after `since` (all objects when None)."""
    return SearchState(object_type, epoch_ms(since) if since is not None else None)


def encode(state: SearchState) -> str:
    data = {"o": state.object_type, "t": state.t, "x": state.strict, "s": list(state.seen),
            "w": state.sweep, "l": state.last_id}
    raw = json.dumps(data, separators=(",", ":")).encode()
    return PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, object_type: str) -> SearchState:
    """The state a cursor from `encode` describes; ValueError if it is not one, or is
    for another object type."""
    if not cursor.startswith(PREFIX):
        raise ValueError("not a HubSpot search cursor")
    text = cursor[len(PREFIX):]
    try:
        data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError("corrupt HubSpot search cursor") from exc
    if not isinstance(data, dict) or data.get("o") != object_type:
        raise ValueError(f"the cursor is not a {object_type} search cursor")
    t, seen, last_id = data.get("t"), data.get("s"), data.get("l")
    if not (t is None or isinstance(t, int)) or not isinstance(seen, list) \
            or not (last_id is None or isinstance(last_id, str)):
        raise ValueError("corrupt HubSpot search cursor")
    return SearchState(object_type, t, bool(data.get("x")), tuple(str(s) for s in seen),
                       bool(data.get("w")), last_id)


def request_body(state: SearchState, mod_prop: str, properties: list[str],
                 limit: int) -> dict[str, Any]:
    filters: list[dict[str, str]] = []
    if state.sweep:
        assert state.t is not None
        filters.append({"propertyName": mod_prop, "operator": "EQ", "value": str(state.t)})
        if state.last_id is not None:
            filters.append({"propertyName": "hs_object_id", "operator": "GT",
                            "value": state.last_id})
        sort = "hs_object_id"
    else:
        if state.t is not None:
            filters.append({"propertyName": mod_prop, "operator": "GT" if state.strict else "GTE",
                            "value": str(state.t)})
        sort = mod_prop
    return {"filterGroups": [{"filters": filters}] if filters else [],
            "sorts": [{"propertyName": sort, "direction": "ASCENDING"}],
            "properties": properties, "limit": limit}


def _id_key(object_id: str) -> tuple[int, str]:
    return (len(object_id), object_id) if object_id.isdigit() else (1 << 30, object_id)


def advance(state: SearchState, hits: list[tuple[str, int]], more: bool
            ) -> tuple[list[int], SearchState | None]:
    """Given one page of (id, modified ms) in the order the query returned them and
    whether the query has more results: the positions of the hits to return (not returned
    before) and the next state (None: done)."""
    seen = set(state.seen)
    if state.sweep:
        emit = [i for i, (oid, _) in enumerate(hits) if oid not in seen]
        if not more or not hits:
            return emit, SearchState(state.object_type, state.t, strict=True)
        last_id = max((oid for oid, _ in hits), key=_id_key)
        left = tuple(s for s in state.seen if _id_key(s) > _id_key(last_id))
        return emit, SearchState(state.object_type, state.t, seen=left, sweep=True,
                                 last_id=last_id)
    at_t = seen if not state.strict else set()
    emit = [i for i, (oid, mod) in enumerate(hits) if not (mod == state.t and oid in at_t)]
    if not more or not hits:
        return emit, None
    first = min(mod for _, mod in hits)
    last = max(mod for _, mod in hits)
    if state.t is not None and (first < state.t or (state.strict and first == state.t)):
        raise ValueError("search returned objects outside the requested time range")
    ids_at_last = [oid for oid, mod in hits if mod == last]
    if first == last:
        # One millisecond fills the page and may go on past it: read it by id.
        prior = state.seen if state.t == last and not state.strict else ()
        return emit, SearchState(state.object_type, last,
                                 seen=tuple(dict.fromkeys([*prior, *ids_at_last])), sweep=True)
    return emit, SearchState(state.object_type, last, seen=tuple(ids_at_last))
