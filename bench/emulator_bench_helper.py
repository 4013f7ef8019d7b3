#!/usr/bin/env python3
"""Helper for bench/emulator_vs_moto.sh: populate an IAM endpoint and pre-sign requests for wrk.

  populate ENDPOINT COUNT      creates COUNT users (bench-user-NNNN) with a few threads
  sign ENDPOINT ACTION OUT [KEYFILE]
                               writes a SigV4-signed POST (headers, blank line, body) to OUT;
                               ACTION is GetUser or ListUsers (MaxItems=100). Valid 5 minutes.
                               Signed with the root key test/test, or the key in KEYFILE.
  caller ENDPOINT WORKLOAD KEYFILE
                               creates the user bench-caller with the 10 managed policies of
                               WORKLOAD (bench/policy_eval_workload.py), the last statement of
                               the last one replaced by an Allow of iam:GetUser on every user
                               (so GetUser is allowed only after every statement is read), and
                               an access key, written to KEYFILE as "ID SECRET".
"""

import json

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


def caller(endpoint, workload_file, keyfile):
    iam = client(endpoint)
    workload = json.load(open(workload_file))
    iam.create_user(UserName="bench-caller")
    for i, text in enumerate(workload["policies"]):
        document = json.loads(text)
        if i == len(workload["policies"]) - 1:
            document["Statement"][-1] = {"Effect": "Allow", "Action": "iam:GetUser",
                                         "Resource": "arn:aws:iam::*:user/*"}
        arn = iam.create_policy(PolicyName=f"bench-policy-{i:02d}",
                                PolicyDocument=json.dumps(document))["Policy"]["Arn"]
        iam.attach_user_policy(UserName="bench-caller", PolicyArn=arn)
    key = iam.create_access_key(UserName="bench-caller")["AccessKey"]
    with open(keyfile, "w") as f:
        f.write(f"{key['AccessKeyId']} {key['SecretAccessKey']}\n")


def sign(endpoint, action, out, keyfile=None):
    key, secret = KEY, SECRET
    if keyfile:
        key, secret = open(keyfile).read().split()
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
    SigV4Auth(Credentials(key, secret), "iam", REGION).add_auth(request)
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
    elif len(sys.argv) in (5, 6) and sys.argv[1] == "sign":
        sign(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "caller":
        caller(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
