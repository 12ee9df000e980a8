"""`lifeline` command line: the composition root that wires api, domain and workers."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from domain.db import close_db, init_db
from domain.enums import Role
from domain.errors import DomainError
from domain.settings import get_settings

SHOP_HELP = ("e-commerce customers buying by one-off orders, on top of the SaaS accounts "
             "(default: 30%% of --customers; 0: none)")


def _run(coro_fn: Callable[[], Awaitable[Any]], *, db: bool = True) -> Any:
    async def main() -> Any:
        if db:
            await init_db(get_settings())
        try:
            return await coro_fn()
        finally:
            if db:
                await close_db()

    return asyncio.run(main())


def cmd_migrate(args: argparse.Namespace) -> None:
    from domain.schema_migrations import upgrade

    applied = _run(lambda: upgrade(get_settings()))
    print(f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else ""))


def cmd_makemigrations(args: argparse.Namespace) -> None:
    from domain.schema_migrations import make_migration

    written = _run(lambda: make_migration(args.name, get_settings()))
    print(f"wrote {written}" if written else "no model changes")


def cmd_org_create(args: argparse.Namespace) -> None:
    from domain.auth.service import create_organization

    org = _run(lambda: create_organization(args.name, args.slug))
    print(f"organization {org.slug} (id {org.id})")


def cmd_key_create(args: argparse.Namespace) -> None:
    from domain.auth.service import create_api_key, organization_by_slug

    async def create() -> Any:
        org = await organization_by_slug(args.org)
        return await create_api_key(org.id, Role(args.role), args.name)

    issued = _run(create)
    print(f"{issued.key.role.value} key {issued.key.prefix} for {args.org}:")
    print(issued.secret)


def cmd_serve(args: argparse.Namespace) -> None:
    from api.server import serve

    serve(host=args.host, port=args.port, with_worker=args.with_worker)


def cmd_worker(args: argparse.Namespace) -> None:
    from arq.worker import run_worker

    from workers.settings import worker_settings

    if not get_settings().redis_url:
        raise SystemExit("lifeline worker needs REDIS_URL: in the embedded mode (no REDIS_URL) "
                         "`lifeline serve` runs the worker in its own process")
    run_worker(worker_settings())


def _shop_customers(args: argparse.Namespace) -> int:
    """--shop-customers, by default DEFAULT_SHOP_SHARE of --customers."""
    from domain.demo.shop import DEFAULT_SHOP_SHARE

    if args.shop_customers is not None:
        return int(args.shop_customers)
    return round(DEFAULT_SHOP_SHARE * max(args.customers, 0))


def cmd_demo(args: argparse.Namespace) -> None:
    from api.demo import run_demo

    run_demo(customers=args.customers, seed=args.seed, serve_after=not args.no_serve,
             sandbox_customers=args.sandbox_customers, shop_customers=_shop_customers(args))


def cmd_sandbox(args: argparse.Namespace) -> None:
    import uvicorn

    from workers.demo_sandbox import build_sandboxes, sandbox_integrations

    root = f"http://{args.host}:{args.port}"
    sandboxes, summary = build_sandboxes(root, args.customers, args.seed)
    print(f"provider sandboxes with {summary.total:,} records; configureIntegration with:")
    for integration in sandbox_integrations(root):
        secrets = ", ".join(f"{k}={v}" for k, v in integration.secrets.items())
        print(f"  {integration.source.value:<10} baseUrl={integration.base_url}  {secrets}")
    uvicorn.run(sandboxes.app, host=args.host, port=args.port, log_level="warning")


def cmd_generate(args: argparse.Namespace) -> None:
    from api.demo import run_generate

    run_generate(customers=args.customers, seed=args.seed, org_slug=args.org,
                 shop_customers=_shop_customers(args))


def build_parser() -> argparse.ArgumentParser:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="lifeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    mk = sub.add_parser("makemigrations", help="write a migration for model changes")
    mk.add_argument("name", nargs="?", default="update")
    mk.set_defaults(func=cmd_makemigrations)

    org = sub.add_parser("org", help="organizations").add_subparsers(dest="action", required=True)
    oc = org.add_parser("create", help="create an organization")
    oc.add_argument("name")
    oc.add_argument("--slug")
    oc.set_defaults(func=cmd_org_create)

    key = sub.add_parser("key", help="API keys").add_subparsers(dest="action", required=True)
    kc = key.add_parser("create", help="create an API key (printed once)")
    kc.add_argument("--org", required=True, help="organization slug")
    kc.add_argument("--role", required=True, choices=[r.value for r in Role])
    kc.add_argument("--name", default="")
    kc.set_defaults(func=cmd_key_create)

    sv = sub.add_parser("serve", help="serve GraphQL (embedded worker without REDIS_URL)")
    sv.add_argument("--host", default=settings.host)
    sv.add_argument("--port", type=int, default=settings.port)
    sv.add_argument("--with-worker", action="store_true", default=None,
                    help="run a worker in this process (the default in embedded mode)")
    sv.set_defaults(func=cmd_serve)

    sub.add_parser("worker", help="run a job worker").set_defaults(func=cmd_worker)

    dm = sub.add_parser("demo", help="create the demo organization and serve it")
    dm.add_argument("--customers", type=int, default=2000)
    dm.add_argument("--seed", type=int, default=7)
    dm.add_argument("--no-serve", action="store_true")
    dm.add_argument("--sandbox-customers", type=int, default=500,
                    help="accounts in the provider sandboxes served under /sandbox (0: none)")
    dm.add_argument("--shop-customers", type=int, default=None, help=SHOP_HELP)
    dm.set_defaults(func=cmd_demo)

    sb = sub.add_parser("sandbox", help="serve the Stripe, HubSpot and Salesforce sandboxes")
    sb.add_argument("--host", default="127.0.0.1")
    sb.add_argument("--port", type=int, default=8100)
    sb.add_argument("--customers", type=int, default=2000)
    sb.add_argument("--seed", type=int, default=7)
    sb.set_defaults(func=cmd_sandbox)

    gn = sub.add_parser("generate", help="write a synthetic world (for benchmarks)")
    gn.add_argument("--customers", type=int, required=True)
    gn.add_argument("--seed", type=int, default=7)
    gn.add_argument("--org", default="bench", help="organization slug (created if missing)")
    gn.add_argument("--shop-customers", type=int, default=None, help=SHOP_HELP)
    gn.set_defaults(func=cmd_generate)
    return parser


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=os.environ.get("LIFELINE_LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except DomainError as exc:
        print(f"error ({exc.code}{', ' + exc.field if exc.field else ''}): {exc.message}",
              file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
