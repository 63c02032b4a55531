"""Webhook delivery, signed as the Standard Webhooks convention describes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.request

from art28.notices.models import Delivery


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256 of id.timestamp.body>``; a 'whsec_' secret is base64."""
    key = base64.b64decode(secret[6:]) if secret.startswith("whsec_") else secret.encode()
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def post_webhook(delivery: Delivery, timeout: float = 10) -> None:
    notice = delivery.notice
    body = json.dumps({"type": notice.kind, "timestamp": notice.created_at.isoformat(),
                       "data": {"notice": str(notice.code), "subject": notice.subject,
                                "about": {"type": notice.about_type, "code": notice.about_code},
                                "link": notice.link}}).encode()
    ts = int(time.time())
    if delivery.subscriber is not None:
        secret = delivery.subscriber.secret
    else:  # a webhook goes to a trust-page subscriber or to the controller's own endpoint
        assert notice.controller is not None
        secret = notice.controller.webhook_secret
    req = urllib.request.Request(delivery.recipient, data=body, method="POST", headers={
        "content-type": "application/json",
        "webhook-id": str(delivery.code),
        "webhook-timestamp": str(ts),
        "webhook-signature": sign(secret, str(delivery.code), ts, body),
    })
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - URL set by staff
        if resp.status >= 300:
            raise RuntimeError(f"webhook answered {resp.status}")
