"""Peer of bench/sigv4_bench.cc: signs the same IAM ListUsers POST with botocore's SigV4Auth.

Usage: python3 bench/sigv4_botocore.py [iterations]   (default 20000)
Prints ns/op (wall and CPU), the figure to compare with BM_SignIamPost. The request is re-signed in place each
iteration (add_auth replaces X-Amz-Date and Authorization), exactly as the C++ benchmark does.
"""
import sys
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

DEFAULT_ITERATIONS = 20000
WARMUP = 1000


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ITERATIONS
    creds = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    signer = SigV4Auth(creds, "iam", "us-east-1")
    request = AWSRequest(
        method="POST", url="https://iam.amazonaws.com/",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        data="Action=ListUsers&Version=2010-05-08")
    for _ in range(WARMUP):
        signer.add_auth(request)
    start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
    for _ in range(iterations):
        signer.add_auth(request)
    elapsed = time.perf_counter_ns() - start
    elapsed_cpu = time.process_time_ns() - start_cpu
    # CPU time is the figure to compare with Google Benchmark's "CPU" column on a busy machine.
    print(f"botocore SigV4Auth.add_auth (IAM ListUsers POST): {elapsed / iterations:.0f} ns/op "
          f"wall, {elapsed_cpu / iterations:.0f} ns/op CPU, over {iterations} iterations")


if __name__ == "__main__":
    main()
