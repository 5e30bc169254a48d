"""Fetching a published catalogue: the standard library's :mod:`urllib`, bounded in size and
time, following redirects only to ``https://`` (or to this machine's loopback)."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit

from .._version import __version__
from ._file import is_loopback

#: The most bytes a published catalogue may hold, unless ``IDEATION_FETCH_MAX_BYTES`` says.
MAX_FETCH_BYTES = 64 * 1024 * 1024
#: Seconds a fetch may take in all, unless ``IDEATION_FETCH_TIMEOUT`` says.
FETCH_TIMEOUT = 60.0
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL could not be fetched; the message says why, for the user."""


def _setting(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _allowed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname))


class _Redirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not _allowed(newurl):
            raise FetchError(f"refused: a redirect to {newurl!r}, which is not an https:// URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, max_bytes: int | None = None, timeout: float | None = None) -> bytes:
    """The body of ``url``; a :class:`FetchError` for a failure, a body larger than
    ``max_bytes``, or a fetch longer than ``timeout`` seconds in all."""
    limit = int(
        max_bytes
        if max_bytes is not None
        else _setting("IDEATION_FETCH_MAX_BYTES", MAX_FETCH_BYTES)
    )
    seconds = timeout if timeout is not None else _setting("IDEATION_FETCH_TIMEOUT", FETCH_TIMEOUT)
    if not _allowed(url):
        raise FetchError(f"refused: {url!r} is not an https:// URL")
    opener = urllib.request.build_opener(_Redirects)
    request = urllib.request.Request(
        url, headers={"User-Agent": f"ideation/{__version__}", "Accept": "application/json"}
    )
    deadline = time.monotonic() + seconds
    try:
        # The socket's timeout bounds each wait; the deadline (checked at each piece that comes,
        # read1: what has come, not a full chunk) bounds a server that trickles.
        with opener.open(request, timeout=seconds) as response:
            length = response.headers.get("Content-Length")
            if length is not None and length.isdigit() and int(length) > limit:
                raise FetchError(_too_big(int(length), limit))
            chunks: list[bytes] = []
            total = 0
            while chunk := response.read1(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise FetchError(_too_big(total, limit))
                if time.monotonic() > deadline:
                    raise FetchError(f"the fetch took longer than {seconds:g} seconds")
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as error:
        raise FetchError(f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(f"cannot fetch: {error.reason}") from None
    except TimeoutError:
        raise FetchError(f"no answer within {seconds:g} seconds") from None
    except OSError as error:
        raise FetchError(f"cannot fetch: {error.strerror or error}") from None


def _too_big(size: int, limit: int) -> str:
    return f"refused: the body holds more than {limit:,} bytes (at least {size:,})"
