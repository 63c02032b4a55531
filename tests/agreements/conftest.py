"""The fixtures the agreement's end shares with the requests tests."""

from tests.requests.conftest import deliver, refused, signed_a, signed_b  # noqa: F401
