"""The /api/v1/ API (django-ninja). Routers live in art28.api.routers."""

from ninja import NinjaAPI

api = NinjaAPI(title="art28", version="1", urls_namespace="api-v1")
