"""Flow-down: breach margin, audit, deletion, transfer strictness."""

from art28.subprocessors import services

OURS = {"breach": {"notice_hours": 24}}


def _theirs(**over):
    base = {
        "language": "en",
        "breach": {"notice_hours": 8},
        "audit": {"allowed": True, "scope": "full"},
        "end": {"choice": "delete", "deadline_days": 14, "certificate": True},
        "transfers": {"outside_eea": "with_safeguards"},
    }
    for key, value in over.items():
        base[key] = value
    return base


def test_it_finds_no_gaps_when_they_promise_enough(
    processor, admin_user, make_agreement, controller_a, make_subprocessor
):
    make_agreement(controller_a, terms=OURS)
    sp = make_subprocessor(named=True)
    sp = services.update_subprocessor(subprocessor=sp, data={}, terms=_theirs(), acting_user=admin_user)
    assert services.compare(sp, margin_hours=12) == []


def test_it_lists_every_gap(processor, admin_user, make_agreement, controller_a, make_subprocessor):
    make_agreement(controller_a, terms=OURS)
    sp = make_subprocessor(named=True)
    sp = services.update_subprocessor(
        subprocessor=sp,
        acting_user=admin_user,
        data={},
        terms=_theirs(
            breach={"notice_hours": 20},
            audit={"allowed": True, "scope": "reports_only"},
            end={"choice": "delete", "deadline_days": 90},
            transfers={"outside_eea": "allowed"},
        ),
    )
    gaps = {g.area: g for g in services.compare(sp, margin_hours=12)}
    assert set(gaps) == {"breach", "audit", "deletion", "transfers"}
    assert services.compare(sp, margin_hours=0)[0].area == "audit"  # 20 h fits 24 h without margin


def test_it_flags_missing_terms_and_shows_on_the_dashboard(
    processor, admin_user, make_subprocessor, make_agreement, controller_a
):
    make_agreement(controller_a)
    sp = make_subprocessor(named=True)
    rows = services.dashboard(processor.pk)
    assert [(r.subprocessor, [g.area for g in r.gaps]) for r in rows] == [(sp, ["terms"])]


def test_the_dashboard_gives_each_sub_processor_what_compare_gives_it_in_a_flat_number_of_queries(
    processor, admin_user, make_subprocessor, make_agreement, make_controller
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    strict = make_agreement(make_controller(), terms={"breach": {"notice_hours": 12}})
    loose = make_agreement(make_controller(), terms=OURS)
    one, two = (services.update_subprocessor(
        subprocessor=make_subprocessor(name, agreements=[a]), data={},
        terms=_theirs(breach={"notice_hours": h}), acting_user=admin_user)
        for name, a, h in (("Een B.V.", strict, 10), ("Twee B.V.", loose, 2)))
    with CaptureQueriesContext(connection) as few:
        rows = services.dashboard(processor.pk, margin_hours=6)
    expected = {sp.pk: (len(services.flowdown.served_agreements(sp)), services.compare(sp, margin_hours=6))
                for sp in (one, two)}
    assert {r.subprocessor.pk: (r.agreements, r.gaps) for r in rows} == expected
    # 12 h promised at the strictest, 10 h given, 6 h margin: a gap; 2 h given: none.
    assert [g.area for g in expected[one.pk][1]] == ["breach"] and expected[two.pk][1] == []
    for n in range(3):
        make_subprocessor(f"Meer {n} B.V.", agreements=[make_agreement(make_controller(), terms=OURS)])
    with CaptureQueriesContext(connection) as more:
        assert len(services.dashboard(processor.pk, margin_hours=6)) == 5
    assert len(more.captured_queries) == len(few.captured_queries)


def test_it_reads_our_promises_in_the_database_as_it_reads_them_in_python(
    processor, admin_user, make_subprocessor, make_agreement, make_controller
):
    from art28.subprocessors.services import flowdown

    make_agreement(make_controller(), terms={"breach": {"notice_hours": 12},
                                             "end": {"choice": "delete", "deadline_days": 30}})
    make_agreement(make_controller(), terms={"breach": {"notice_hours": 36},
                                             "transfers": {"outside_eea": "prohibited"}})
    everyone = make_subprocessor("Overal B.V.", scope_all=True)
    some = make_subprocessor("Sommige B.V.", named=True)
    for sp in (everyone, some):
        python = flowdown.our_promises(flowdown.served_agreements(sp))
        sql = flowdown.served_promises(sp)
        assert (sql.notice_hours, sql.audit_scope, sql.audit_allowed, sql.deletion_days, sql.certificate,
                sql.transfers) == (python.notice_hours, python.audit_scope, python.audit_allowed,
                                   python.deletion_days, python.certificate, python.transfers)
    assert flowdown.served_promises(everyone).notice_hours == 12
    assert flowdown.served_promises(everyone).deletion_days == 30
    assert str(flowdown.served_promises(everyone).transfers) == "prohibited"


def test_the_dashboard_and_detail_pages_take_as_many_queries_for_50_agreements_as_for_5(
    processor, admin_user, make_subprocessor, make_controller, client, login
):
    """The promise parts are read grouped in the database: the pages' query counts do not
    grow with the number of agreements a sub-processor serves."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from art28.agreements.models import Agreement
    from art28.agreements.services import create_agreement
    from art28.subprocessors.models import AgreementSubprocessor

    def agreements(n, hours):
        return [create_agreement(controller=make_controller(), acting_user=admin_user,
                                 terms={"breach": {"notice_hours": hours}}) for _ in range(n)]

    sp = make_subprocessor("Groei B.V.", named=True, agreements=agreements(5, 48))
    services.update_subprocessor(subprocessor=sp, data={}, terms=_theirs(breach={"notice_hours": 30}),
                                 acting_user=admin_user)
    login(client, admin_user)
    urls = [reverse("subprocessors:flowdown"), reverse("subprocessors:detail", args=[sp.code])]

    def counts():
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            out.append(len(ctx.captured_queries))
        return out

    few = counts()
    # 45 more agreements, one of them promising 24 hours: the strictest promise changes.
    more = agreements(44, 48) + agreements(1, 24)
    since = AgreementSubprocessor.objects.filter(subprocessor=sp).get(agreement__reference=Agreement.objects
                                                                      .first().reference).since
    AgreementSubprocessor.objects.bulk_create([
        AgreementSubprocessor(subprocessor=sp, agreement=a, status="authorised", basis="named", since=since)
        for a in more if not AgreementSubprocessor.objects.filter(subprocessor=sp, agreement=a).exists()])
    assert counts() == few
    assert services.flowdown.served_promises(sp).notice_hours == 24
    row = next(r for r in services.dashboard(processor.pk, margin_hours=0) if r.subprocessor == sp)
    assert row.agreements == 50 and [g.area for g in row.gaps] == ["breach"]


def test_the_gaps_are_shown_in_words_in_the_users_language_never_as_schema_values(
    processor, admin_user, make_agreement, controller_a, make_subprocessor, client, login
):
    """Our default terms promise full audits and transfers only with safeguards; a
    sub-processor that gives reports only and allows transfers shows both in words."""
    from django.urls import reverse
    from django.utils import translation

    make_agreement(controller_a, terms=OURS)
    sp = make_subprocessor(named=True)
    sp = services.update_subprocessor(
        subprocessor=sp, acting_user=admin_user, data={},
        terms=_theirs(audit={"allowed": True, "scope": "reports_only"}, transfers={"outside_eea": "allowed"},
                      end={"choice": "delete", "deadline_days": 90}))
    with translation.override("en"):
        gaps = {g.area: g for g in services.compare(sp, margin_hours=0)}
        assert (gaps["audit"].ours, gaps["audit"].theirs) == ("Full audit", "Audit reports only")
        transfers = gaps["transfers"]
        assert (transfers.ours, transfers.theirs) == ("With appropriate safeguards", "Allowed")
        assert gaps["deletion"].theirs == "90 days"
    login(client, admin_user)
    client.cookies["django_language"] = "nl"
    for url in (reverse("subprocessors:detail", args=[sp.code]), reverse("subprocessors:flowdown")):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        for words in ("Volledige audit", "Alleen auditrapporten", "Met passende waarborgen", "Toegestaan",
                      "90 dagen"):
            assert words in page, (url, words)
        for raw in ("reports_only", "with_safeguards", ">audit<", ">transfers<", " d)"):
            assert raw not in page, (url, raw)
