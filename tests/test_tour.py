"""The tour: every page of the staff console and the portal, in Dutch and English, in Chromium.

The world is the permission walk's (``tests/permission_world.py``: one of every object for
controller A), and the pages are its URL patterns, filled the same way. Staff pages are
opened as the processor's admin, portal pages as A's user, public pages as a visitor; each
in Dutch and in English, one browser context per role and language, at 1366×900. A
screenshot of each page goes to ``var/test-artefacts/tour/<language>/<role>/`` (printed at
the end; ``var/`` is not in git), with ``report.txt`` beside them.

Skipped: downloads (a response that is not ``text/html``: PDF, DOCX, CSV, ICS, XLSX), URLs
that answer GET with 405 (POST only), Django's own admin, the API and its Swagger page,
logout and the language switch. What fails a page is said in ``tests/tour.py``.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from tests import tour
from tests.test_permissions import CASES, _audience, _kinds, _value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parents[1] / "var/test-artefacts/tour"
SKIP = {"set_language", "accounts:logout", "obligations:feed"}
# Pages whose answer is meant to be an error: the world's tokens are forged on purpose.
EXPECTED_STATUS = {"accounts:invitation_accept": 410, "accounts:password_reset_confirm": 410}
# The permission walk opens A's draft here (hidden from the portal); the tour opens what A may read.
TOUR_VARIANTS = {"agreements:portal_version_pdf": {"code": "version"}}
# Problems found and not fixed on this branch, each with the reason; strict: a finding that no
# longer shows fails the tour, so its entry is deleted once the fix lands.
KNOWN: dict[tuple[str, str], str] = {
}
SIDE_ROLES = {"staff": ("admin",), "admin": ("admin",), "portal": ("user_a",),
              "both": ("admin", "user_a"), "public": ("anonymous",), "user": ("admin",)}

# Visible text: the text nodes of visible elements (not innerText, which applies CSS
# text-transform), the title, placeholders and the values of visible text inputs; each with
# the language of its closest ``lang`` attribute (a preview of the English e-mail on a Dutch
# page is marked lang="en").
READ_PAGE = """() => {
  // Open every closed <details> to read its text, and close it again before the screenshot,
  // which shows the page as a person first sees it (the user menu shut).
  const shut = [...document.querySelectorAll('details:not([open])')];
  shut.forEach(d => { d.open = true; });
  const texts = [document.title], langs = [document.documentElement.lang];
  const lang = el => (el.closest('[lang]') || document.documentElement).lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || ['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName)) continue;
    if (el.tagName !== 'OPTION' && !el.checkVisibility({visibilityProperty: true})) continue;
    texts.push(n.data); langs.push(lang(el));
  }
  for (const el of document.querySelectorAll('input, textarea')) {
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    if (el.placeholder) { texts.push(el.placeholder); langs.push(lang(el)); }
    if (['text', 'search', 'email', 'url', 'tel', ''].includes(el.type) || el.tagName === 'TEXTAREA') {
      if (el.value) { texts.push(el.value); langs.push(lang(el)); }
    }
  }
  const scroll = document.documentElement.scrollWidth;  // measured open: hidden text may not overflow either
  shut.forEach(d => { d.open = false; });
  const nav = performance.getEntriesByType('navigation')[0];
  return {texts, langs, scroll,
          client: document.documentElement.clientWidth,
          server: nav ? nav.responseEnd - nav.requestStart : -1};
}"""


def pages() -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, route, roles) of every web page the tour opens; filled later from the world."""
    found = []
    for case in CASES:
        name = case["key"]
        if case["api"] or case["method"] != "GET" or name in SKIP or name.startswith(("admin:", "api-v1:")):
            continue
        audience = _audience(name) or ""
        side = audience.partition(":")[0].partition("_")[0]
        if side in SIDE_ROLES:
            found.append((name, case, SIDE_ROLES[side]))
    return found


def _url(world, case) -> str:
    from tests.test_permissions import _fill

    kinds = {**_kinds(case), **TOUR_VARIANTS.get(case["key"], {})}
    values = {p: _value(world, kind, p, case) for p, kind in kinds.items()}
    return _fill(case["route"], values)


def _slug(name: str) -> str:
    return re.sub(r"[^\w-]+", "_", name).strip("_")[:90]


def _context(browser, base: str, world, role: str, language: str):
    from django.conf import settings

    context = browser.new_context(locale="nl-NL" if language == "nl" else "en-GB",
                                  viewport={"width": 1366, "height": 900}, accept_downloads=True)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}]
    if role != "anonymous":
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": world.sessions[role], "url": base})
    context.add_cookies(cookies)
    return context


def _visit(page, url: str) -> dict | None:
    """The page as read, or None for a download or a POST-only URL (with the reason)."""
    try:
        response = page.goto(url, wait_until="load")
    except Exception as exc:  # Chromium refuses to navigate to an attachment
        if "Download is starting" in str(exc):
            return {"skip": "download"}
        if "ERR_HTTP_RESPONSE_CODE_FAILURE" not in str(exc):
            raise
        # An error status with an empty body (Django's 405): ask again for the status alone.
        status = page.request.get(url, max_redirects=0).status
        if status == 405:
            return {"skip": "POST only"}
        return {"texts": [], "scroll": 0, "client": 0, "server": 0, "status": status, "broken": True}
    if response is None:
        return {"skip": "no response"}
    if response.status == 405:
        return {"skip": "POST only"}
    kind = response.headers.get("content-type", "")
    if not kind.startswith("text/html"):
        return {"skip": f"download ({kind.split(';')[0]})"}
    read = page.evaluate(READ_PAGE)
    read["status"] = response.status
    return read


def _tour_one(page, base, url, name, role, language, shots: Path, data) -> tuple[str, list[str]]:
    read = _visit(page, base + url)
    if read is None or "skip" in read:
        return f"skipped ({read['skip'] if read else '?'})", []
    if read.get("broken"):
        return f"{read['status']}", [f"answered {read['status']} with an empty page"]
    shot = shots / f"{_slug(name)}.png"
    page.screenshot(path=str(shot), full_page=True, animations="disabled")
    server_ms = read["server"]
    for _ in range(2):  # up to twice more, the lowest counts: a first render compiles the
        if server_ms <= tour.SLOW_MS:  # templates, and other work on the machine adds noise
            break
        again = _visit(page, base + url) or {}
        server_ms = min(server_ms, again.get("server", server_ms))
    problems = []
    if read["status"] >= 400 and read["status"] != EXPECTED_STATUS.get(name):
        problems.append(f"answered {read['status']}")
    problems += tour.check_page(texts=read["texts"], langs=read.get("langs"), language=language,
                                overflow=(read["scroll"], read["client"]), server_ms=server_ms,
                                data=data)
    return f"{read['status']} {read['server']:.0f} ms", problems


def test_the_tour_opens_every_page_in_dutch_and_english(live_server, browser, settings):
    from tests.permission_world import build_world

    settings.ART28_PUBLIC_SUBPROCESSOR_PAGE = True
    settings.BASE_URL = live_server.url
    shutil.rmtree(ARTEFACTS, ignore_errors=True)  # only this run's screenshots in the folder
    started = time.monotonic()
    world = build_world()
    print(f"\nThe world was built in {time.monotonic() - started:.0f} s")
    base = live_server.url
    lines, failures, opened, seen = [], [], 0, set()
    data = frozenset(u.username for u in world.users.values())
    by_role: dict[str, list] = {}
    for name, case, roles in pages():
        for role in roles:
            by_role.setdefault(role, []).append((name, _url(world, case)))
    for language in ("nl", "en"):
        for role, visits in by_role.items():
            shots = ARTEFACTS / language / role
            shots.mkdir(parents=True, exist_ok=True)
            context = _context(browser, base, world, role, language)
            page = context.new_page()
            for name, url in visits:
                started = time.monotonic()
                outcome, problems = _tour_one(page, base, url, name, role, language, shots, data)
                outcome += f" (visit {time.monotonic() - started:.1f} s)"
                if outcome.startswith("skipped") or any(p.endswith("with an empty page") for p in problems):
                    page.close()  # Chromium's own error page may still be loading in it
                    page = context.new_page()
                opened += not outcome.startswith("skipped")
                lines.append(f"{language} {role:9} {name:45} {outcome}")
                for p in problems:
                    known = [k for k in KNOWN if k[0] == name and k[1] in p]
                    seen.update(known)
                    lines.append(f"    {'known' if known else '✗'} {p}")
                    if not known:
                        failures.append(f"{language} {role} {name} ({url}): {p}")
            context.close()
    (ARTEFACTS / "report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nThe tour opened {opened} pages; screenshots and report.txt in {ARTEFACTS}")
    assert opened > 100, "the tour opened too few pages: the world or the URL walk is broken"
    gone = sorted(set(KNOWN) - seen)
    assert not gone, f"known findings that no longer show (delete them from KNOWN): {gone}"
    assert not failures, f"{len(failures)} problems on the tour:\n" + "\n".join(failures)
