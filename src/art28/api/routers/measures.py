"""The security-measure catalogue: its versions, and publishing a new one."""

from __future__ import annotations

from typing import Any

from art28.api.access import require_staff
from art28.api.routing import REQUESTS_IDS, Router
from art28.api.schemas.measures import MeasuresIn, MeasuresOut
from art28.measures import access
from art28.measures import services as measures
from art28.parties.types import AuthedRequest

router = Router(tags=["requests"], ids_from=REQUESTS_IDS)


@router.get("/measures", response=list[MeasuresOut])
def measures_list(request: AuthedRequest) -> Any:
    require_staff(request.auth, write=False)
    return access.visible_catalogues(request.auth).order_by("-number")


@router.post("/measures", response={201: MeasuresOut})
def measures_publish(request: AuthedRequest, payload: MeasuresIn) -> tuple[int, Any]:
    """Publish a new catalogue version; a substantial one updates Annex III and tells controllers."""
    m = require_staff(request.auth, admin=True)
    return 201, measures.publish_measures(
        processor=m.processor,
        measures=[x.dict() for x in payload.measures],
        summary=payload.summary,
        substantial=payload.substantial,
        acting_user=request.auth,
    )
