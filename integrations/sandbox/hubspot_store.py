"""In-memory HubSpot object tables with the indexes the sandbox pages and searches by.

Each table keeps its live ids sorted (list pages bisect to `after`) and a second sorted
index of (last-modified ms, tie key, id) for search. The tie key is a fixed scramble of the
id, so objects modified in the same millisecond come back in an order that is stable but
not by id, as HubSpot promises nothing there either. Writes keep both indexes in place
(bisect and insert); a bulk load appends and sorts once.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

from integrations.sandbox.hubspot_wire import MOD_PROP, iso

IndexKey = tuple[int, int, int]


class StoredObject:
    __slots__ = ("archived", "company_ids", "created_ms", "id", "properties", "updated_ms")

    def __init__(self, object_id: int, properties: dict[str, str | None], created_ms: int,
                 updated_ms: int, company_ids: list[str]) -> None:
        self.id = object_id
        self.properties = properties
        self.created_ms = created_ms
        self.updated_ms = updated_ms
        self.company_ids = company_ids
        self.archived = False


def tie_key(object_id: int) -> int:
    return (object_id * 2654435761) & 0xFFFFFFFF


def to_ms(value: object) -> int | None:
    """Epoch milliseconds from a filter or property value: a number or digits (HubSpot's
    form for dates in filters), an ISO-8601 date / datetime (UTC when no offset is given)
    or a `datetime`."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, datetime):
        when = value
    else:
        text = str(value).strip()
        if not text:
            return None
        if text.lstrip("-").isdigit():
            return int(text)
        try:
            return int(float(text))
        except ValueError:
            pass
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - _EPOCH) // timedelta(milliseconds=1)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def clean(properties: Mapping[str, object]) -> dict[str, str | None]:
    """HubSpot property values are strings (or null)."""
    out: dict[str, str | None] = {}
    for name, value in properties.items():
        if value is None:
            out[name] = None
        elif isinstance(value, bool):
            out[name] = "true" if value else "false"
        else:
            out[name] = str(value)
    return out


class ObjectTable:
    def __init__(self, object_type: str, first_id: int) -> None:
        self.object_type = object_type
        self.mod_prop = MOD_PROP[object_type]
        self.objects: dict[int, StoredObject] = {}
        self.ids: list[int] = []  # live ids, ascending
        self.by_mod: list[IndexKey] = []  # live (updated_ms, tie, id), ascending
        self.next_id = first_id

    def __len__(self) -> int:
        return len(self.ids)

    # -- reads -------------------------------------------------------------------------

    def live(self, object_id: int) -> StoredObject | None:
        obj = self.objects.get(object_id)
        return obj if obj is not None and not obj.archived else None

    def value(self, obj: StoredObject, name: str) -> str | None:
        if name == "hs_object_id":
            return str(obj.id)
        if name == "createdate":
            return iso(obj.created_ms)
        if name == self.mod_prop:
            return iso(obj.updated_ms)
        return obj.properties.get(name)

    def values(self, obj: StoredObject, names: Iterable[str]) -> dict[str, str | None]:
        return {name: self.value(obj, name) for name in names}

    def list_page(self, after: int | None, limit: int) -> tuple[list[StoredObject], int | None]:
        """Live objects with id >= `after` in id order, and the id the next page starts at."""
        start = 0 if after is None else bisect_left(self.ids, after)
        chunk = self.ids[start:start + limit]
        end = start + limit
        next_after = self.ids[end] if end < len(self.ids) else None
        return [self.objects[i] for i in chunk], next_after

    def archived_page(self, after: int | None, limit: int
                      ) -> tuple[list[StoredObject], int | None]:
        """Archived objects with id >= `after` in id order (HubSpot lists them with
        `archived=true`; they are few, so this scans)."""
        ids = sorted(o.id for o in self.objects.values()
                     if o.archived and (after is None or o.id >= after))
        next_after = ids[limit] if len(ids) > limit else None
        return [self.objects[i] for i in ids[:limit]], next_after

    # -- writes ------------------------------------------------------------------------

    def allocate(self, object_id: int | None) -> int:
        if object_id is None:
            object_id = self.next_id
        self.next_id = max(self.next_id, object_id + 1)
        return object_id

    def put(self, object_id: int | None, properties: Mapping[str, object],
            company_ids: Iterable[str] | None, now_ms: int) -> StoredObject:
        """Create or update (a write to an archived object restores it)."""
        values = clean(properties)
        created = values.pop("createdate", None)
        for system in ("hs_object_id", self.mod_prop):
            values.pop(system, None)
        existing = self.objects.get(object_id) if object_id is not None else None
        if existing is None:
            object_id = self.allocate(object_id)
            created_ms = to_ms(created) if created is not None else None
            obj = StoredObject(object_id, values, created_ms if created_ms is not None else now_ms,
                               now_ms, [str(c) for c in company_ids or ()])
            self.objects[object_id] = obj
            self._index(obj)
            return obj
        if not existing.archived:
            self._unindex(existing)
        existing.archived = False
        existing.properties.update(values)
        if company_ids is not None:
            existing.company_ids = [str(c) for c in company_ids]
        existing.updated_ms = now_ms
        self._index(existing)
        return existing

    def archive(self, object_id: int, now_ms: int) -> bool:
        obj = self.live(object_id)
        if obj is None:
            return False
        self._unindex(obj)
        obj.archived = True
        obj.updated_ms = now_ms
        return True

    def bulk(self, rows: Iterable[tuple[int | None, dict[str, str | None], list[str], int, int]]
             ) -> list[int]:
        """Insert or replace many objects, then rebuild the indexes with one sort each.
        Rows: (id or None, clean properties, company ids, created ms, updated ms)."""
        objects = self.objects
        added: list[int] = []
        for object_id, values, company_ids, created_ms, updated_ms in rows:
            object_id = self.allocate(object_id)
            objects[object_id] = StoredObject(object_id, values, created_ms, updated_ms,
                                              company_ids)
            added.append(object_id)
        live = [obj for obj in objects.values() if not obj.archived]
        self.ids = sorted(obj.id for obj in live)
        self.by_mod = sorted((obj.updated_ms, tie_key(obj.id), obj.id) for obj in live)
        return added

    def _key(self, obj: StoredObject) -> IndexKey:
        return (obj.updated_ms, tie_key(obj.id), obj.id)

    def _index(self, obj: StoredObject) -> None:
        if not self.ids or obj.id > self.ids[-1]:
            self.ids.append(obj.id)
        else:
            insort(self.ids, obj.id)
        key = self._key(obj)
        if not self.by_mod or key > self.by_mod[-1]:
            self.by_mod.append(key)
        else:
            insort(self.by_mod, key)

    def _unindex(self, obj: StoredObject) -> None:
        pos = bisect_left(self.ids, obj.id)
        if pos < len(self.ids) and self.ids[pos] == obj.id:
            del self.ids[pos]
        key = self._key(obj)
        pos = bisect_left(self.by_mod, key)
        if pos < len(self.by_mod) and self.by_mod[pos] == key:
            del self.by_mod[pos]
