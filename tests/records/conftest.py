"""The fixtures shared with the requests tests (this app was part of requests)."""

from tests.requests.conftest import _english, deliver, refused, signed_a, signed_b  # noqa: F401
