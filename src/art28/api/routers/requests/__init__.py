"""What comes in from outside: data subject requests, instructions, authority requests and
audits, one router per use case. Routes parse, check access via art28.requests.access, call one
service.

Files go up as multipart (a mailed instruction's e-mail, audit reports, task evidence): over
``ART28_MAX_UPLOAD_MB`` gives 413, an empty file 422 (art28.api.uploads). Stored files come back
from GET routes as attachments.

The routes of measures, termination and the Art. 30 record, once in this router, are in
``api/routers/measures.py``, ``termination.py`` and ``records.py``; all keep the operation ids
``art28_api_routers_requests_<function>`` (``art28.api.routing.REQUESTS_IDS``).
"""
