"""A local Stripe: customers, subscriptions, invoices, charges and events in memory, served in
Stripe's wire format (`stripe_routes`), with switchable faults.

    sandbox = StripeSandbox()
    sandbox.put_customer({"id": "cus_1", "email": "a@example.com"})
    client = StripeClient("sk_test_sandbox", base_url="http://stripe.test",
                          transport=httpx.ASGITransport(app=sandbox.app))

Every `put_*` creates or updates by id (top-level fields given replace the stored ones, the
rest are kept; Stripe's derived fields follow) and records the events Stripe would send, each
`created` one second after the last on the sandbox clock (`now`, settable). `bulk_load`
seeds many objects at once, without events unless asked.
"""

from __future__ import annotations

import copy
import gc
import time
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from integrations.sandbox import stripe_objects as build
from integrations.sandbox.faults import FaultInjector, Faults, Receive, Scope, Send
from integrations.sandbox.stripe_index import Collection, Obj, Window
from integrations.sandbox.stripe_routes import StripeFaultBodies, build_app

STRIPE_VERSION = "2024-06-20"
Src = Mapping[str, Any]
_EVERYTHING = Window()


def _ref(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        value = value.get("id")
    return value if isinstance(value, str) else None


def _subscription_indexes(obj: Obj) -> list[str]:
    status = obj["status"]
    names = ["all", f"customer:{_ref(obj['customer'])}", f"status:{status}"]
    if status != "canceled":
        names.append("live")  # what a list without `status` returns
    if status in ("canceled", "incomplete_expired"):
        names.append("ended")
    return names


def _invoice_indexes(obj: Obj) -> list[str]:
    names = ["all", f"customer:{_ref(obj['customer'])}", f"status:{obj['status']}"]
    subscription = _ref(obj.get("subscription"))
    if subscription:
        names.append(f"subscription:{subscription}")
    return names


def _charge_indexes(obj: Obj) -> list[str]:
    customer = _ref(obj.get("customer"))
    return ["all", f"customer:{customer}"] if customer else ["all"]


def _all(obj: Obj) -> tuple[str, ...]:
    return ("all",)


def _changes(previous: Obj, current: Obj) -> dict[str, Any]:
    """Stripe's `previous_attributes`: the old values of the top-level fields that changed."""
    keys = previous.keys() | current.keys()
    return {k: previous.get(k) for k in keys if previous.get(k) != current.get(k)}


class StripeSandbox:
    """In-memory Stripe. `app` is the ASGI app, `faults` the switchable faults (replaceable),
    `requests` counts HTTP requests; `customers` / `subscriptions` / `invoices` / `charges` /
    `events` hold the stored objects (`rendered(kind, id)` gives one as the API would)."""

    def __init__(self, api_key: str = "sk_test_sandbox", *, now: int | datetime | None = None,
                 seed: int = 1) -> None:
        self.api_key = api_key
        self.ids = build.Ids(seed)
        self._now = int(time.time()) if now is None else _unix(now)
        self._last_event = 0
        self.customers = Collection(_all)
        self.deleted_customers: set[str] = set()
        self.subscriptions = Collection(_subscription_indexes)
        self.invoices = Collection(_invoice_indexes)
        self.charges = Collection(_charge_indexes)
        self.events = Collection(_all)
        self._collections = {"customer": self.customers, "subscription": self.subscriptions,
                             "invoice": self.invoices, "charge": self.charges,
                             "event": self.events}
        self.requests = 0  # HTTP requests received, faulted ones included
        self._injector = FaultInjector(build_app(self), Faults(), StripeFaultBodies(self.ids))

    # -- the app and its faults -------------------------------------------------------------

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI app: Stripe's routes behind the fault injector."""
        if scope["type"] == "http":
            self.requests += 1
        await self._injector(scope, receive, send)

    @property
    def faults(self) -> Faults:
        return self._injector.faults

    @faults.setter
    def faults(self, value: Faults) -> None:
        self._injector.faults = value

    # -- the clock ----------------------------------------------------------------------------

    @property
    def now(self) -> int:
        """Sandbox time, unix seconds: the default `created` of new objects."""
        return self._now

    @now.setter
    def now(self, value: int | datetime) -> None:
        self._now = _unix(value)

    def _tick(self) -> int:
        """The time of the next event: `now`, but always after the last event."""
        self._now = max(self._now, self._last_event + 1)
        self._last_event = self._now
        return self._now

    # -- events -------------------------------------------------------------------------------

    def _emit(self, event_type: str, obj: Obj, previous: dict[str, Any] | None = None,
              *, at: int | None = None) -> Obj:
        data: dict[str, Any] = {"object": obj}
        if previous is not None:
            data["previous_attributes"] = previous
        event: Obj = {
            "id": self.ids.new("evt", 24), "object": "event", "api_version": STRIPE_VERSION,
            "created": self._tick() if at is None else at, "data": data, "livemode": False,
            "pending_webhooks": 0, "request": {"id": None, "idempotency_key": None},
            "type": event_type,
        }
        self.events.put(event)
        return event

    # -- storing ------------------------------------------------------------------------------

    def _store(self, kind: str, obj: Src
               ) -> tuple[Obj | None, Obj, dict[str, Any] | None, int]:
        """Build and store an object: (previous rendered or None, current rendered, changed
        fields' old values or None, event time). An unchanged object is not stored again."""
        collection = self._collections[kind]
        src = copy.deepcopy(dict(obj))
        stored_before = collection.get(src.get("id") or "")
        stamp = self._tick()
        stored = _BUILD[kind](src, stored_before, stamp, self.ids)
        current = build.RENDER[kind](stored)
        if stored_before is None:
            collection.put(stored)
            return None, current, None, stamp
        previous = build.RENDER[kind](stored_before)
        changes = _changes(previous, current)
        if changes:
            collection.put(stored)
        return previous, current, changes, stamp

    # -- customers ----------------------------------------------------------------------------

    def put_customer(self, obj: Src) -> Obj:
        """Create (`customer.created`) or update (`customer.updated`) a customer; returns it
        as the API would."""
        previous, current, changes, stamp = self._store("customer", obj)
        if previous is None:
            self.deleted_customers.discard(current["id"])
            self._emit("customer.created", current, at=stamp)
        elif changes:
            self._emit("customer.updated", current, changes, at=stamp)
        return copy.deepcopy(current)

    def delete_customer(self, customer_id: str) -> None:
        """Delete a customer as Stripe does: its subscriptions are canceled
        (`customer.subscription.deleted`), it leaves the list, a retrieve returns
        `{"id", "object": "customer", "deleted": true}`, and `customer.deleted` is sent."""
        stored = self.customers.get(customer_id)
        if stored is None:
            raise KeyError(customer_id)
        subs, _ = self.subscriptions.page(f"customer:{customer_id}", _EVERYTHING, 1 << 30)
        for sub in subs:
            if sub["status"] != "canceled":
                self.put_subscription({"id": sub["id"], "status": "canceled"})
        self.customers.remove(customer_id)
        self.deleted_customers.add(customer_id)
        self._emit("customer.deleted", build.render_customer(stored))

    # -- subscriptions, invoices, charges -----------------------------------------------------

    def put_subscription(self, obj: Src) -> Obj:
        """`customer.subscription.created`, `.updated`, or `.deleted` when the status becomes
        canceled (canceled_at / ended_at default to the event time). `items` may be a list of
        items or a list object; each item's `price` gets ids and Stripe's defaults."""
        previous, current, changes, stamp = self._store("subscription", obj)
        if previous is None:
            self._emit("customer.subscription.created", current, at=stamp)
        elif changes:
            if current["status"] == "canceled" and previous["status"] != "canceled":
                self._emit("customer.subscription.deleted", current, at=stamp)
            else:
                self._emit("customer.subscription.updated", current, changes, at=stamp)
        return copy.deepcopy(current)

    def put_invoice(self, obj: Src) -> Obj:
        """`invoice.created` or `invoice.updated`, followed by `invoice.paid` when the invoice
        becomes paid, or `invoice.payment_failed` when `attempt_count` grows unpaid."""
        previous, current, changes, stamp = self._store("invoice", obj)
        if previous is not None and not changes:
            return copy.deepcopy(current)
        if previous is None:
            self._emit("invoice.created", current, at=stamp)
        else:
            self._emit("invoice.updated", current, changes, at=stamp)
        before = previous or {"status": "draft", "attempt_count": 0}
        if current["status"] == "paid" and before["status"] != "paid":
            self._emit("invoice.paid", current)
        elif current["status"] != "paid" and int(current["attempt_count"] or 0) > int(
                before["attempt_count"] or 0):
            self._emit("invoice.payment_failed", current)
        return copy.deepcopy(current)

    def put_charge(self, obj: Src) -> Obj:
        """`charge.succeeded` / `charge.failed` / `charge.pending` on creation or when the
        status changes, else `charge.updated`."""
        previous, current, changes, stamp = self._store("charge", obj)
        if previous is None or (changes and previous["status"] != current["status"]):
            self._emit(f"charge.{current['status']}", current, at=stamp)
        elif changes:
            self._emit("charge.updated", current, changes, at=stamp)
        return copy.deepcopy(current)

    # -- seeding ------------------------------------------------------------------------------

    def bulk_load(self, *, customers: Iterable[Src] = (), subscriptions: Iterable[Src] = (),
                  invoices: Iterable[Src] = (), charges: Iterable[Src] = (),
                  events: bool = False) -> None:
        """Seed many objects fast (100k in well under two seconds). Objects without `created`
        get `now`; the dicts given are kept as they are (not copied: do not change them
        afterwards). With `events`, a `*.created` event (`charge.<status>` for charges) per
        object follows, which costs a render per object."""
        gc_was_on = gc.isenabled()
        gc.disable()  # nothing here makes cycles; a full collection per 700 objects is waste
        try:
            self._bulk_load(customers, subscriptions, invoices, charges, events)
        finally:
            if gc_was_on:
                gc.enable()

    def _bulk_load(self, customers: Iterable[Src], subscriptions: Iterable[Src],
                   invoices: Iterable[Src], charges: Iterable[Src], events: bool) -> None:
        now, ids = self._now, self.ids
        batches = (("customer", customers, "customer.created"),
                   ("subscription", subscriptions, "customer.subscription.created"),
                   ("invoice", invoices, "invoice.created"), ("charge", charges, ""))
        for kind, sources, event_type in batches:
            collection, builder = self._collections[kind], _BUILD[kind]
            get = collection.objects.get
            objs = [builder(src, get(src.get("id") or ""), now, ids) for src in sources]
            collection.load(objs)
            if kind == "customer":
                self.deleted_customers.difference_update(o["id"] for o in objs)
            if events:
                render = build.RENDER[kind]
                for obj in objs:
                    self._emit(event_type or f"charge.{obj['status']}", render(obj))

    def rendered(self, kind: str, obj_id: str) -> Obj | None:
        """An object as the API returns it (`kind`: customer, subscription, invoice, charge,
        event), or None."""
        stored = self._collections[kind].get(obj_id)
        return None if stored is None else copy.deepcopy(build.RENDER[kind](stored))


_BUILD = {"customer": build.customer, "subscription": build.subscription,
          "invoice": build.invoice, "charge": build.charge}


def _unix(value: int | datetime) -> int:
    return int(value.timestamp()) if isinstance(value, datetime) else int(value)

