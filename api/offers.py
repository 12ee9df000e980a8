"""The public on-site offer endpoint and its embeddable widget script.

`GET /offers/{widget_key}?customer=<ref>` answers {"offer": {...}} or {"offer": null} (an
unknown customer and a customer without an offer get the same answer), 400 for a missing or
oversized `customer`, 404 for an unknown key, 429 (with Retry-After) past
`offer_rate_per_minute` requests per widget key and client address in a fixed one-minute
window (counted in Redis). Any origin may call it (CORS `*`); nothing is cached.
`GET /offers/widget.js` is the script sites embed:
`<script src=".../offers/widget.js" data-widget-key="..." data-customer="..."></script>`."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from domain.campaigns.offers import OfferView, current_offer
from domain.errors import NotFound

log = logging.getLogger("lifeline.offers")

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_CUSTOMER_REF = 255
WINDOW_SECONDS = 60
RATE_KEY_PREFIX = "lifeline:offers:rate"

_HEADERS = {"access-control-allow-origin": "*", "cache-control": "no-store",
            "x-content-type-options": "nosniff"}
_PREFLIGHT = {**_HEADERS, "access-control-allow-methods": "GET",
              "access-control-allow-headers": "Content-Type",
              "access-control-max-age": "86400"}


def _json(body: dict[str, Any], status: int = 200, **extra: str) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers={**_HEADERS, **extra})


def offer_json(view: OfferView | None) -> dict[str, Any] | None:
    """The public JSON of an offer: exactly the OfferView fields (expires_at in ISO 8601)."""
    if view is None:
        return None
    out = asdict(view)
    out["kind"] = view.kind.value
    out["expires_at"] = view.expires_at.astimezone(UTC).isoformat()
    return out


def _client(request: Request) -> str:
    """The direct peer's address (X-Forwarded-For is not trusted: any caller can set it)."""
    return request.client.host if request.client is not None else "unknown"


async def _retry_after(request: Request, widget_key: str) -> int | None:
    """Seconds until the window ends if this request is over the limit, else None. Counts
    with INCR + EXPIRE on the app's Redis; without Redis (or when it fails) nothing is
    limited."""
    runtime = getattr(request.app.state, "runtime", None)
    redis = getattr(runtime, "redis", None)
    if runtime is None or redis is None:
        return None
    limit = runtime.settings.offer_rate_per_minute
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"{RATE_KEY_PREFIX}:{widget_key}:{_client(request)}:{window}"
    try:
        async with redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, WINDOW_SECONDS * 2)
            count, _ = await pipe.execute()
    except Exception:
        log.warning("offer rate limit unavailable (redis error)", exc_info=True)
        return None
    if int(count) <= limit:
        return None
    return max(1, (window + 1) * WINDOW_SECONDS - int(now))


async def offer(request: Request) -> Response:
    """`GET /offers/{widget_key}?customer=<ref>` (and its CORS preflight)."""
    if request.method == "OPTIONS":
        return Response(status_code=204, headers=_PREFLIGHT)
    widget_key = request.path_params["widget_key"]
    if not KEY_PATTERN.match(widget_key):
        return _json({"error": "unknown widget key"}, 404)
    wait = await _retry_after(request, widget_key)
    if wait is not None:
        return _json({"error": "too many requests; retry later"}, 429,
                     **{"retry-after": str(wait)})
    ref = request.query_params.get("customer", "").strip()
    if not ref:
        return _json({"error": "the customer parameter is required (the customer's "
                               "reference, email or Stripe id)", "field": "customer"}, 400)
    if len(ref) > MAX_CUSTOMER_REF:
        return _json({"error": f"customer must be at most {MAX_CUSTOMER_REF} characters",
                      "field": "customer"}, 400)
    try:
        view = await current_offer(widget_key, ref, now=datetime.now(UTC))
    except NotFound:
        return _json({"error": "unknown widget key"}, 404)
    return _json({"offer": offer_json(view)})


WIDGET_JS = r"""/* Lifeline on-site offer widget.
   <script src="https://HOST/offers/widget.js" data-widget-key="KEY" data-customer="REF"
           data-target="optional-element-id" async></script>
   Renders the customer's current offer (text only) and dispatches a "lifeline:offer"
   event carrying it. data-style="none" leaves the styling to the page. */
(function () {
  "use strict";
  var script = document.currentScript ||
    document.querySelector("script[data-widget-key][data-customer]");
  if (!script || !window.fetch) { return; }
  var key = script.getAttribute("data-widget-key");
  var customer = script.getAttribute("data-customer");
  if (!key || !customer) { return; }
  var base = new URL(".", script.src).href;
  var url = base + encodeURIComponent(key) + "?customer=" + encodeURIComponent(customer);

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function render(offer) {
    var styled = script.getAttribute("data-style") !== "none";
    var box = el("div", "", "lifeline-offer");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Special offer");
    if (styled) {
      box.style.cssText = "position:relative;border:1px solid #d0d7de;border-radius:8px;" +
        "padding:16px 40px 16px 16px;margin:12px 0;font:15px/1.5 system-ui,sans-serif;" +
        "background:#fff;color:#1f2328;max-width:560px";
    }
    box.appendChild(el("strong", String(offer.headline || offer.incentive_name || ""),
                       "lifeline-offer-headline"));
    String(offer.message || "").split(/\n{2,}/).forEach(function (part) {
      var p = el("p", part, "lifeline-offer-message");
      if (styled) { p.style.cssText = "margin:8px 0;white-space:pre-line"; }
      box.appendChild(p);
    });
    if (offer.expires_at) {
      var ends = new Date(offer.expires_at);
      if (!isNaN(ends.getTime())) {
        box.appendChild(el("small", "Offer ends " + ends.toLocaleDateString(),
                           "lifeline-offer-expiry"));
      }
    }
    var close = el("button", "\u00d7", "lifeline-offer-close");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss");
    if (styled) {
      close.style.cssText = "position:absolute;top:8px;right:8px;border:0;background:none;" +
        "font-size:20px;line-height:1;cursor:pointer;color:#57606a";
    }
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    var target = document.getElementById(script.getAttribute("data-target") || "");
    if (target) { target.appendChild(box); }
    else { script.parentNode.insertBefore(box, script.nextSibling); }
    box.dispatchEvent(new CustomEvent("lifeline:offer", {bubbles: true, detail: offer}));
  }

  fetch(url, {method: "GET", credentials: "omit", headers: {"Accept": "application/json"}})
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (body) { if (body && body.offer) { render(body.offer); } })
    .catch(function () { /* no offer shown */ });
})();
"""


async def widget_js(request: Request) -> Response:
    """`GET /offers/widget.js`: the embeddable script."""
    return Response(WIDGET_JS, media_type="text/javascript; charset=utf-8", headers={
        "access-control-allow-origin": "*", "cache-control": "public, max-age=300",
        "x-content-type-options": "nosniff"})


def offer_routes() -> list[BaseRoute]:
    """The routes, the script first (so "widget.js" is never taken for a widget key)."""
    return [Route("/offers/widget.js", widget_js, methods=["GET"]),
            Route("/offers/{widget_key}", offer, methods=["GET", "OPTIONS"])]
