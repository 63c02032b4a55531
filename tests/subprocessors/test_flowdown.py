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
