"""Ordered in-memory storage for the Stripe sandbox: objects of one kind, listed newest first
by (`created`, insertion order), with cursors by object and pages that cost O(page size).

Each named index ("all", "customer:cus_1", "status:active", ...) is an ascending list of
(created, seq, id) entries; an object's position is found by bisecting with its key, so an
object inserted anywhere never shifts what `starting_after` returns. A removed object keeps
its key (a tombstone) and stays usable as a cursor.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

Obj = dict[str, Any]
Key = tuple[int, int]  # (created, seq)
Entry = tuple[int, int, str]  # (created, seq, id)
IndexNames = Callable[[Obj], Iterable[str]]
Predicate = Callable[[Obj], bool]


@dataclass(frozen=True)
class Window:
    """A list request's bounds: `created` range (inclusive) and at most one cursor."""

    gte: int | None = None
    lte: int | None = None
    starting_after: Key | None = None
    ending_before: Key | None = None


class Collection:
    """Objects of one kind by id, each listed in every index `names(obj)` returns."""

    def __init__(self, names: IndexNames) -> None:
        self.objects: dict[str, Obj] = {}
        self.keys: dict[str, Key] = {}  # live objects and tombstones
        self.indexes: dict[str, list[Entry]] = {}
        self._names = names
        self._seq = 0

    def __len__(self) -> int:
        return len(self.objects)

    def get(self, obj_id: str) -> Obj | None:
        return self.objects.get(obj_id)

    def put(self, obj: Obj) -> Obj | None:
        """Insert or replace `obj` (by its id); returns the object it replaced."""
        obj_id: str = obj["id"]
        previous = self.objects.get(obj_id)
        old_key = self.keys.get(obj_id)
        if old_key is None:
            self._seq += 1
            key: Key = (int(obj["created"]), self._seq)
        else:
            key = (int(obj["created"]), old_key[1])
        new_names = set(self._names(obj))
        if previous is not None and old_key is not None:
            old_names = set(self._names(previous))
            drop = old_names if key != old_key else old_names - new_names
            for name in drop:
                self._remove_entry(name, (*old_key, obj_id))
            add = new_names if key != old_key else new_names - old_names
        else:
            add = new_names
        for name in add:
            insort(self.indexes.setdefault(name, []), (*key, obj_id))
        self.keys[obj_id] = key
        self.objects[obj_id] = obj
        return previous

    def remove(self, obj_id: str) -> Obj | None:
        """Take an object out of every list; its key stays as a cursor position."""
        previous = self.objects.pop(obj_id, None)
        if previous is not None:
            key = self.keys[obj_id]
            for name in set(self._names(previous)):
                self._remove_entry(name, (*key, obj_id))
        return previous

    def load(self, objs: Iterable[Obj]) -> None:
        """Bulk insert: append every entry, then sort each index once (Timsort is linear on
        the runs this leaves)."""
        indexes, objects, keys, names = self.indexes, self.objects, self.keys, self._names
        grown: dict[str, list[Entry]] = {}
        for obj in objs:
            obj_id = obj["id"]
            if obj_id in objects:
                self.put(obj)
                continue
            self._seq += 1
            created = int(obj["created"])
            entry = (created, self._seq, obj_id)
            keys[obj_id] = (created, self._seq)
            objects[obj_id] = obj
            for name in names(obj):
                bucket = grown.get(name)
                if bucket is None:
                    bucket = grown[name] = indexes.setdefault(name, [])
                bucket.append(entry)
        for bucket in grown.values():
            if len(bucket) > 1:
                bucket.sort()

    def _remove_entry(self, name: str, entry: Entry) -> None:
        bucket = self.indexes.get(name)
        if not bucket:
            return
        i = bisect_left(bucket, entry)
        if i < len(bucket) and bucket[i] == entry:
            del bucket[i]

    def page(self, index: str, window: Window, limit: int,
             predicate: Predicate | None = None) -> tuple[list[Obj], bool]:
        """Up to `limit` objects newest first, and whether more lie beyond them in the
        direction of travel (older for `starting_after` and plain lists, newer for
        `ending_before`, as Stripe's `has_more`)."""
        bucket = self.indexes.get(index, [])
        lo = 0 if window.gte is None else bisect_left(bucket, (window.gte, -1))
        hi = len(bucket) if window.lte is None else bisect_left(bucket, (window.lte + 1, -1))
        if window.starting_after is not None:
            hi = min(hi, bisect_left(bucket, window.starting_after))
        if window.ending_before is not None:
            c, s = window.ending_before
            lo = max(lo, bisect_left(bucket, (c, s + 1)))
            found = list(self._take(bucket, range(lo, hi), limit + 1, predicate))
            return found[:limit][::-1], len(found) > limit
        found = list(self._take(bucket, range(hi - 1, lo - 1, -1), limit + 1, predicate))
        return found[:limit], len(found) > limit

    def _take(self, bucket: list[Entry], positions: range, count: int,
              predicate: Predicate | None) -> Iterator[Obj]:
        objects = self.objects
        taken = 0
        for i in positions:
            if taken >= count:
                return
            obj = objects[bucket[i][2]]
            if predicate is None or predicate(obj):
                taken += 1
                yield obj
