"""Random JSON posted to write endpoints gives 2xx or 4xx, never a 500."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIELDS = ["name", "address", "postcode", "city", "country", "kvk", "language", "contacts"]
CONTACT_FIELDS = ["name", "email", "function", "phone", "is_signatory"]

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
contact = st.dictionaries(st.sampled_from(CONTACT_FIELDS), scalars | st.emails(), max_size=5)
controller_body = st.dictionaries(
    st.sampled_from(FIELDS),
    scalars | st.just("1234 AB") | st.just("12345678") | st.sampled_from(["NL", "BE", "nl", "en"])
    | st.lists(contact, max_size=2),
    max_size=8)
terms_patch = st.dictionaries(
    st.sampled_from(["language", "breach", "controller", "processing", "audit", "bogus"]),
    json_values | st.fixed_dictionaries({"notice_hours": scalars}), max_size=4)

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(body=controller_body | json_values)
def test_it_never_fails_with_a_500_on_create_controller(api, admin_user, body):
    response = api.post("/controllers", as_=admin_user, json=body)
    assert response.status_code in (201, 400, 422), response.content
    assert response["Content-Type"].startswith("application/json")


@FUZZ
@given(terms=terms_patch | json_values)
def test_it_never_fails_with_a_500_on_terms_changes(api, admin_user, controller_a, terms):
    from art28.agreements.models import Agreement

    agreement = Agreement.objects.filter(controller=controller_a).first()
    if agreement is None:
        from art28.agreements.services import create_agreement

        agreement = create_agreement(controller=controller_a, acting_user=admin_user)
    response = api.patch(f"/agreements/{agreement.code}/terms", as_=admin_user, json=terms)
    assert response.status_code in (200, 400, 422), response.content
