"""JSON over HTTP for the API backends: one retry policy, shared by every provider.

Retried: 408/409/425/429 and 5xx replies (Anthropic's 529 included), timeouts, dropped or cut-off
connections, bodies that are not the JSON the provider promised. Waits grow exponentially with
jitter, unless the server says how long (`Retry-After` in seconds or as a date, `retry-after-ms`).
Not retried: 400 (a ModelError for that task), and 401/403/404 (the caller's key or model name:
a UserError that ends the run). A server that could not be connected to on any attempt, before
it ever answered, ends the run too: every other task would only wait as long to fail the same way.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Generic, TypeVar

import httpx

from execbench.core import UserError
from execbench.models.base import Model, ModelError
from execbench.models.usage import Price

T = TypeVar("T")

_RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 529})
_CALLER_STATUS = {401: "the API key was refused", 403: "access denied", 404: "not found"}
_LONGEST_HONOURED_WAIT_S = 600.0
_POOL_SIZE = 8
# Seeding a Random per request costs more than the request's own bookkeeping.
_JITTER = random.Random()


@dataclass(frozen=True)
class HttpSettings:
    timeout_s: float = 120.0
    max_attempts: int = 6
    base_delay_s: float = 1.0
    max_delay_s: float = 60.0


@dataclass(frozen=True)
class Reply(Generic[T]):
    value: T
    latency_s: float  # from the first attempt to the answer, waits included
    attempts: int


class Unreachable(ModelError):
    """Every attempt failed to connect: nothing listens there, or the name does not resolve."""


class _Transient(Exception):
    def __init__(self, reason: str, retry_after_s: float | None = None, connected: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.retry_after_s = retry_after_s
        self.connected = connected


def retry_after_s(headers: Mapping[str, str]) -> float | None:
    """The server's requested wait, if it gave one."""
    if (millis := headers.get("retry-after-ms")) is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def backoff_s(attempt: int, settings: HttpSettings, rng: random.Random) -> float:
    """Exponential in the attempt number, with jitter so clients that failed together spread out."""
    ceiling = min(settings.max_delay_s, settings.base_delay_s * 2 ** (attempt - 1))
    return ceiling * rng.uniform(0.5, 1.0)


def _redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


def _read(response: httpx.Response, parse: Callable[[Any], T], secret: str | None) -> T:
    status = response.status_code
    detail = _redact(response.text[:300], secret)
    if status in _RETRYABLE_STATUS:
        raise _Transient(f"HTTP {status}: {detail}", retry_after_s(response.headers))
    if status in _CALLER_STATUS:
        raise UserError(
            f"{response.request.url}: HTTP {status}, {_CALLER_STATUS[status]}: {detail}"
        )
    if status >= 400:
        raise ModelError(f"HTTP {status}: {detail}")
    try:
        return parse(response.json())
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise _Transient(f"unusable reply ({type(exc).__name__}: {exc}): {detail}") from exc


async def post_json(
    client: httpx.AsyncClient,
    url: str,
    payload: Mapping[str, Any],
    headers: Mapping[str, str],
    parse: Callable[[Any], T],
    settings: HttpSettings,
    secret: str | None = None,
    rng: random.Random | None = None,
) -> Reply[T]:
    """POST `payload`, retrying transient failures; `parse` raises on a reply of the wrong shape."""
    rng = rng or _JITTER
    start = time.monotonic()
    never_connected = True
    for attempt in range(1, settings.max_attempts + 1):
        try:
            response = await client.post(
                url, json=payload, headers=dict(headers), timeout=settings.timeout_s
            )
            return Reply(_read(response, parse, secret), time.monotonic() - start, attempt)
        except httpx.TimeoutException as exc:
            failure = _Transient(f"no answer within {settings.timeout_s} s ({type(exc).__name__})")
        except httpx.ConnectError as exc:
            failure = _Transient(f"could not connect ({exc})", connected=False)
        except httpx.TransportError as exc:
            failure = _Transient(f"connection failed ({type(exc).__name__}: {exc})")
        except _Transient as exc:
            failure = exc
        never_connected = never_connected and not failure.connected
        if attempt == settings.max_attempts:
            break
        wait = failure.retry_after_s
        wait = backoff_s(attempt, settings, rng) if wait is None else wait
        await asyncio.sleep(min(wait, _LONGEST_HONOURED_WAIT_S))
    error = Unreachable if never_connected else ModelError
    raise error(f"{url}: gave up after {settings.max_attempts} attempts: {failure.reason}")


@dataclass(frozen=True)
class ApiConfig:
    """Where and how an API backend talks, read once from the run's settings.

    `api_key` lives only in this object and the request headers: never in a cache key, a stored
    record or a message (errors pass through `_redact`).
    """

    base_url: str
    api_key: str | None
    http: HttpSettings
    price: Price | None
    concurrency: int

    def clients(self) -> list[httpx.AsyncClient]:
        """Connection pools for `concurrency` requests in flight, at most _POOL_SIZE each.

        httpcore scans every connection of a pool on each request, so one pool of 64 costs
        several times the CPU per request of eight pools of 8.
        """
        count = -(-self.concurrency // _POOL_SIZE)
        size = -(-self.concurrency // count)
        limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
        return [httpx.AsyncClient(limits=limits, timeout=self.http.timeout_s) for _ in range(count)]


def api_config(settings: Mapping[str, Any], key_variable: str, default_base_url: str) -> ApiConfig:
    """Settings keys: base_url, timeout_s, max_attempts, price_in, price_out (USD per million
    tokens), concurrency, environ (where keys are read; the process environment by default).

    A key is required only for the provider's own endpoint; local servers usually take none.
    """
    environ = settings.get("environ") or os.environ
    base_url = (settings.get("base_url") or default_base_url).rstrip("/")
    api_key = environ.get(key_variable) or None
    if api_key is None and base_url == default_base_url:
        raise UserError(f"{key_variable} is not set (needed for {default_base_url})")
    defaults = HttpSettings()
    http = HttpSettings(
        timeout_s=float(settings.get("timeout_s") or defaults.timeout_s),
        max_attempts=int(settings.get("max_attempts") or defaults.max_attempts),
        base_delay_s=float(settings.get("retry_base_delay_s") or defaults.base_delay_s),
        max_delay_s=defaults.max_delay_s,
    )
    price_in, price_out = settings.get("price_in"), settings.get("price_out")
    price = Price(float(price_in or 0), float(price_out or 0)) if price_in or price_out else None
    return ApiConfig(base_url, api_key, http, price, int(settings.get("concurrency") or 16))


class ApiModel(Model):
    """A backend that talks to an HTTP API: connection pools opened on first use, used in turn."""

    def __init__(self, config: ApiConfig):
        self.config = config
        self._clients: list[httpx.AsyncClient] = []
        self._turn = 0
        self._answered = False  # by the server, once at least

    async def post(
        self,
        path: str,
        payload: Mapping[str, Any],
        headers: Mapping[str, str],
        parse: Callable[[Any], T],
    ) -> Reply[T]:
        """`post_json` to the API's `path`; a server never reached ends the run."""
        url = self.config.base_url + path
        try:
            reply = await post_json(
                self.client, url, payload, headers, parse, self.config.http, self.config.api_key
            )
        except Unreachable as exc:
            if self._answered:
                raise  # it went away during the run: this task fails, a rerun asks again
            raise UserError(f"{exc} (is the server running, and is the URL right?)") from exc
        self._answered = True
        return reply

    @property
    def client(self) -> httpx.AsyncClient:
        if not self._clients:
            self._clients = self.config.clients()
        self._turn = (self._turn + 1) % len(self._clients)
        return self._clients[self._turn]

    async def aclose(self) -> None:
        clients, self._clients = self._clients, []
        for client in clients:
            await client.aclose()
