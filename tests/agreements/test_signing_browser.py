"""Signing end to end in Chromium: log in as the controller, download, accept; then the evidence."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery 1"


def test_it_signs_an_agreement_in_the_browser(live_server, user_a, admin_user, controller_a,
                                              make_agreement, tmp_path, browser):
    version = make_agreement(controller_a, state="sent").latest
    page = browser.new_page(accept_downloads=True, locale="en-GB")
    _log_in(page, live_server.url)
    page.goto(f"{live_server.url}/portal/agreements/{version.agreement.code}/")
    pdf = _download(page, tmp_path)
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == version.document_sha256
    page.screenshot(path="/tmp/portal.png", full_page=False)
    _accept(page)
    assert "You accepted the agreement" in page.content()
    user_agent = page.evaluate("navigator.userAgent")
    _countersign_and_check(version, admin_user, user_agent)


def _log_in(page, base: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "user_a")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/portal/")


def _download(page, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        page.click("#download-pdf")
    target = tmp_path / "agreement.pdf"
    info.value.save_as(target)
    return target.read_bytes()


def _accept(page) -> None:
    page.fill("input[name=name]", "Sanne Jansen")
    page.fill("input[name=function]", "Praktijkmanager")
    page.check("input[name=confirmed]")
    page.click("form[action*='/accept/'] button[type=submit]")
    page.wait_for_load_state()


def _countersign_and_check(version, admin_user, user_agent: str) -> None:
    from art28.agreements import services
    from art28.agreements.models import Acceptance, AgreementVersion, VersionStatus
    from art28.documents import pdf_text

    acceptance = Acceptance.objects.get(version=version, role="controller")
    assert acceptance.name == "Sanne Jansen" and acceptance.function == "Praktijkmanager"
    assert acceptance.ip == "127.0.0.1" and acceptance.user_agent == user_agent
    assert acceptance.document_sha256 == version.document_sha256
    sig = services.Signature(name="Iris de Vries", function="FG", confirmed=True)
    services.countersign_version(version=AgreementVersion.objects.get(pk=version.pk),
                                 signature=sig, acting_user=admin_user)
    version.refresh_from_db()
    assert version.status == VersionStatus.SIGNED
    with version.signed_document.open("rb") as fh:
        text = pdf_text(fh.read())
    assert "Sanne Jansen" in text and "Iris de Vries" in text
    assert version.document_sha256 in text.replace("\n", "").replace(" ", "")
