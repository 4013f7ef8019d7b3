"""Test peer: signs one request with botocore's SigV4Auth / SigV4QueryAuth at a fixed time.

Reads a JSON object on stdin: method, url, headers ([[name, value], ...]), body, access_key_id,
secret_access_key, token (may be empty), region, service, amz_date ("20150830T123600Z") and
optionally presign_expires (seconds; presigns instead of adding an Authorization header).
Prints a JSON object: url, headers ([[name, value], ...]) and body after signing.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    spec = json.load(sys.stdin)
    fixed = datetime.datetime.strptime(spec["amz_date"], "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda *a, **k: fixed
    creds = Credentials(spec["access_key_id"], spec["secret_access_key"],
                        spec.get("token") or None)
    request = AWSRequest(method=spec["method"], url=spec["url"],
                         headers=dict(spec.get("headers", [])), data=spec.get("body", ""))
    if "presign_expires" in spec:
        SigV4QueryAuth(creds, spec["service"], spec["region"],
                       expires=spec["presign_expires"]).add_auth(request)
    else:
        SigV4Auth(creds, spec["service"], spec["region"]).add_auth(request)
    body = request.data or ""
    if isinstance(body, bytes):
        body = body.decode()
    json.dump({"url": request.url, "headers": [[k, v] for k, v in request.headers.items()],
               "body": body}, sys.stdout)


if __name__ == "__main__":
    main()
