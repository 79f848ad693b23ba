"""Helpers shared by the page, API and SEO routes."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request


def base_url(request: Request) -> str:
    """The origin absolute links use: the configured one, else this request's."""
    configured: str = request.app.state.base_url
    return configured or str(request.base_url).rstrip("/")


async def store_call(request: Request, method: str, *args: Any) -> Any:
    """Call a FeedbackStore method off the event loop (the store is synchronous)."""

    def call() -> Any:
        return getattr(request.app.state.store.get(), method)(*args)

    return await run_in_threadpool(call)
