"""The /api/v1/ API (django-ninja). Routers live in art28.api.routers.

Every route needs ``Authorization: Bearer art28_...``; the OpenAPI document is at
/api/v1/openapi.json and the interactive docs at /api/v1/docs.
"""

from art28.api import errors
from art28.api.auth import TokenAuth
from art28.api.routers import agreements, parties, tokens

api = errors.DocumentedApi(title="art28", version="1", urls_namespace="api-v1", auth=TokenAuth(),
               parser=errors.ObjectParser(),
               description="Data processing agreements (GDPR Art. 28) as running software.")
errors.install(api)
api.add_router("", parties.router)
api.add_router("", agreements.router)
api.add_router("", tokens.router)
api.add_router("", "art28.api.routers.requests.data_subject.router")
api.add_router("", "art28.api.routers.requests.instructions.router")
api.add_router("", "art28.api.routers.requests.authority.router")
api.add_router("", "art28.api.routers.requests.audits.router")
api.add_router("", "art28.api.routers.measures.router")
api.add_router("", "art28.api.routers.termination.router")
api.add_router("", "art28.api.routers.records.router")
api.add_router("", "art28.api.routers.breaches.router")
api.add_router("", "art28.api.routers.subprocessors.router")
api.add_router("", "art28.api.routers.analyses.router")
api.add_router("", "art28.api.routers.obligations.router")
api.add_router("", "art28.api.routers.accounts.router")
