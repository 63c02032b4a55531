"""The security settings the agreements promise (personal logins, strong hashing)."""

from importlib import reload

import art28.settings


def test_it_hashes_passwords_with_argon2():
    real = reload(art28.settings)
    assert real.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_it_throttles_logins_and_requires_a_second_factor_for_staff():
    real = reload(art28.settings)
    assert real.AXES_FAILURE_LIMIT == 5 and real.ART28_REQUIRE_OTP is True
    assert "django_otp.middleware.OTPMiddleware" in real.MIDDLEWARE
    assert real.AUTHENTICATION_BACKENDS[0].startswith("axes.")


def test_it_asks_for_long_passwords():
    real = reload(art28.settings)
    lengths = [v.get("OPTIONS", {}).get("min_length") for v in real.AUTH_PASSWORD_VALIDATORS]
    assert 12 in lengths
