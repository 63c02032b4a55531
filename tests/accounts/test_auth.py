"""Login, the TOTP step and enrolment, lock-out, logout, and the role guards."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery 1"
pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})


def test_it_logs_a_controller_user_in_with_password_only(client, user_a):
    response = _login(client, "user_a")
    assert response.status_code == 302
    assert client.get(reverse("obligations:portal_home")).status_code == 200


def test_it_asks_staff_for_a_totp_code(client, staff_a):
    response = _login(client, "staff_a")
    assert response.url == reverse("accounts:otp_verify")
    # Without the code the console stays shut.
    response = client.get(reverse("obligations:staff_dashboard"))
    assert response.status_code == 302 and response.url == reverse("accounts:otp_verify")


def test_it_refuses_a_wrong_totp_code(client, staff_a, totp_code):
    _login(client, "staff_a")
    response = client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert client.get(reverse("obligations:staff_dashboard")).status_code == 302


def test_it_lets_staff_in_with_a_correct_code(client, staff_a, totp_code):
    _login(client, "staff_a")
    device = TOTPDevice.objects.get(user=staff_a)
    response = client.post(reverse("accounts:otp_verify"), {"token": totp_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("obligations:staff_dashboard")).status_code == 200


def test_it_enrols_staff_without_a_device(client, staff_a, totp_code, actions):
    TOTPDevice.objects.filter(user=staff_a).delete()
    response = _login(client, "staff_a")
    assert response.url == reverse("accounts:otp_setup")
    page = client.get(reverse("accounts:otp_setup"))
    assert b"otpauth://totp/" in page.content
    device = TOTPDevice.objects.get(user=staff_a, confirmed=False)
    response = client.post(reverse("accounts:otp_setup"), {"token": totp_code(device)})
    # Enrolled: the one-time recovery codes are shown (once) before going on.
    assert response.status_code == 200 and b'id="recovery-codes"' in response.content
    device.refresh_from_db()
    assert device.confirmed
    assert "auth.totp_enrolled" in actions() and "account.recovery_codes_made" in actions()
    assert client.get(reverse("obligations:staff_dashboard")).status_code == 200


def test_it_does_not_confirm_enrolment_with_a_wrong_code(client, staff_a):
    TOTPDevice.objects.filter(user=staff_a).delete()
    _login(client, "staff_a")
    client.get(reverse("accounts:otp_setup"))
    response = client.post(reverse("accounts:otp_setup"), {"token": "123456"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=staff_a, confirmed=True).exists()


def test_it_skips_the_code_when_otp_is_not_required(client, staff_a, settings):
    settings.ART28_REQUIRE_OTP = False
    _login(client, "staff_a")
    assert client.get(reverse("obligations:staff_dashboard")).status_code == 200


def test_it_rejects_a_wrong_password(client, user_a):
    response = _login(client, "user_a", "wrong")
    assert response.status_code == 200
    assert b"Wrong username or password" in response.content or b"Onjuiste" in response.content
    assert client.get(reverse("obligations:portal_home")).status_code == 302


def test_it_locks_out_after_too_many_failures(client, user_a, settings):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "user_a", "wrong")
    response = _login(client, "user_a")  # even the right password is refused now
    assert response.status_code == 429 or response.status_code == 403
    assert b"Too many failed" in response.content or b"Te veel" in response.content
    assert AccessAttempt.objects.filter(username="user_a").exists()
    assert client.get(reverse("obligations:portal_home")).status_code == 302


def test_it_logs_out_on_post_only(client, user_a, login):
    login(client, user_a)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("obligations:portal_home")).status_code == 302


def test_it_keeps_controller_users_out_of_the_console(client, user_a, login):
    login(client, user_a)
    assert client.get(reverse("obligations:staff_dashboard")).status_code == 404


def test_it_keeps_staff_out_of_the_portal(client, staff_a, login):
    login(client, staff_a)
    assert client.get(reverse("obligations:portal_home")).status_code == 404


def test_it_sends_anonymous_users_to_the_login_page(client, db):
    response = client.get(reverse("obligations:staff_dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_it_ignores_an_offsite_next(client, user_a):
    response = _login(client, "user_a", next="https://evil.example/")
    assert "evil" not in response.url
