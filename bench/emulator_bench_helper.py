#!/usr/bin/env python3
"""Helper for bench/emulator_vs_moto.sh: populate an IAM endpoint and pre-sign requests for wrk.

  populate ENDPOINT COUNT      creates COUNT users (bench-user-NNNN) with a few threads
  sign ENDPOINT ACTION OUT     writes a SigV4-signed POST (headers, blank line, body) to OUT;
                               ACTION is GetUser or ListUsers (MaxItems=100). Valid 5 minutes.
"""

import concurrent.futures
import sys

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

REGION = "us-east-1"
KEY = SECRET = "test"
POPULATE_THREADS = 8
LIST_PAGE = "100"
PROBE_USER = "bench-user-0500"


def client(endpoint):
    return boto3.session.Session(aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                                 region_name=REGION).client(
        "iam", endpoint_url=endpoint,
        config=Config(retries={"total_max_attempts": 3, "mode": "standard"},
                      max_pool_connections=POPULATE_THREADS))


def populate(endpoint, count):
    iam = client(endpoint)
    names = [f"bench-user-{i:04d}" for i in range(count)]
    with concurrent.futures.ThreadPoolExecutor(POPULATE_THREADS) as pool:
        list(pool.map(lambda n: iam.create_user(UserName=n), names))
    total, marker = 0, None
    while True:
        page = iam.list_users(MaxItems=1000, **({"Marker": marker} if marker else {}))
        total += len(page["Users"])
        if not page.get("IsTruncated"):
            break
        marker = page["Marker"]
    if total < count:
        sys.exit(f"populate: {endpoint} lists {total} users, expected {count}")


def sign(endpoint, action, out):
    params = {"Action": action, "Version": "2010-05-08"}
    if action == "GetUser":
        params["UserName"] = PROBE_USER
    elif action == "ListUsers":
        params["MaxItems"] = LIST_PAGE
    else:
        sys.exit(f"sign: unknown action {action}")
    body = "&".join(f"{k}={v}" for k, v in params.items())
    request = AWSRequest(method="POST", url=endpoint.rstrip("/") + "/", data=body.encode(),
                         headers={"Content-Type":
                                  "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(KEY, SECRET), "iam", REGION).add_auth(request)
    host = endpoint.split("://", 1)[1].rstrip("/")
    with open(out, "w") as f:
        f.write(f"Host: {host}\n")
        for name, value in request.headers.items():
            f.write(f"{name}: {value}\n")
        f.write("\n")
        f.write(body)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "populate":
        populate(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == "sign":
        sign(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
