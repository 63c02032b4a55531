"""The Content-Security-Policy in a real browser: key pages load without a single violation,
htmx still works, and Swagger UI renders from the package's own files."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery 1"
# Runs before any page script and is not itself subject to the policy.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


class Watch:
    """Every CSP violation, console error and uncaught exception of one browser context."""

    def __init__(self, context) -> None:
        self.problems: list[str] = []
        self.foreign: list[str] = []
        context.add_init_script(RECORD_VIOLATIONS)
        context.on("page", self.attach)

    def attach(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        page.on("request", lambda r: r.url.startswith(("http://", "https://"))
                and not r.url.startswith(self.base) and self.foreign.append(r.url))

    def visit(self, page, url: str) -> None:
        response = page.goto(url)
        if "content-security-policy" not in response.headers:
            self.problems.append(f"{url}: no Content-Security-Policy header")
        page.wait_for_load_state("networkidle")
        self.collect(page)

    def collect(self, page) -> None:
        self.problems += [f"{page.url}: {v}" for v in page.evaluate("window.__csp || []")]


def _context(browser, base: str):
    context = browser.new_context(locale="en-GB")
    watch = Watch(context)
    watch.base = base
    return context, watch


def test_key_pages_load_under_the_policy_and_htmx_works(live_server, browser, admin_user, user_a,
                                                       controller_a, controller_b, make_agreement,
                                                       totp_code):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    base = live_server.url
    agreement = make_agreement(controller_a, state="signed")
    sent = make_agreement(controller_b, state="sent")

    context, watch = _context(browser, base)
    page = context.new_page()
    watch.visit(page, f"{base}/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/login/code/")
    watch.collect(page)
    page.fill("input[name=token]", totp_code(TOTPDevice.objects.get(user=admin_user)))
    page.click("form:has(input[name=token]) button[type=submit]")
    page.wait_for_url(f"{base}/staff/")
    watch.collect(page)

    watch.visit(page, f"{base}/staff/agreements/{agreement.code}/")
    assert "Tandartspraktijk Zonnebloem" in page.content()
    watch.visit(page, f"{base}/staff/agreements/{sent.code}/")

    watch.visit(page, f"{base}/staff/controllers/")
    page.evaluate("window.__same_page = true")  # gone if the search reloaded the page
    assert page.locator("#controller-rows").get_by_text("Harbour Analytics Ltd").count() == 1
    page.fill("input[name=q]", "Zonnebloem")
    page.locator("#controller-rows").get_by_text("Harbour Analytics Ltd").wait_for(state="detached")
    assert page.locator("#controller-rows").get_by_text("Tandartspraktijk Zonnebloem").count() == 1
    assert page.evaluate("window.__same_page") is True  # htmx swapped the rows in place
    assert page.url.endswith("?q=Zonnebloem")  # and pushed the search into the address bar
    watch.collect(page)

    watch.visit(page, f"{base}/api/v1/docs")
    page.locator(".swagger-ui .info .title").get_by_text("art28").wait_for()
    assert page.locator(".opblock").count() > 20  # the operations are listed
    watch.collect(page)
    context.close()

    context, portal = _context(browser, base)
    page = context.new_page()
    portal.visit(page, f"{base}/login/")
    page.fill("input[name=username]", "user_a")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/portal/")
    portal.collect(page)
    portal.visit(page, f"{base}/portal/agreements/{agreement.code}/")
    assert "Signed PDF with evidence" in page.content()
    context.close()

    assert watch.problems == [] and portal.problems == []
    assert watch.foreign == [] and portal.foreign == []  # nothing from a CDN or elsewhere


def test_the_browser_reports_an_inline_script_as_a_violation(live_server, browser):
    """The watch above would see a violation: one made on purpose is reported."""
    context, watch = _context(browser, live_server.url)
    page = context.new_page()
    watch.visit(page, f"{live_server.url}/login/")
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.__ran = true'; document.body.append(s); }""")
    page.wait_for_function("window.__csp.length > 0")
    watch.collect(page)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in p for p in watch.problems)
    context.close()
