"""Run the API under uvicorn."""

from __future__ import annotations

import uvicorn

from api.app import create_app
from domain.settings import get_settings


def serve(host: str | None = None, port: int | None = None,
          with_worker: bool | None = None) -> None:
    settings = get_settings()
    app = create_app(settings, with_worker=with_worker)
    uvicorn.run(app, host=host or settings.host, port=port or settings.port,
                log_level=settings.log_level.lower(), proxy_headers=False)
