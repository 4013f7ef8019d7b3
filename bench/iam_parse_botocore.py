"""Peer of bench/iam_parse_bench.cc: botocore's Query parser on the same 1000-user
GetAccountAuthorizationDetails page.

Usage:
  build/bench/iam_parse_bench --write-xml=/tmp/gaad.xml
  python3 bench/iam_parse_botocore.py /tmp/gaad.xml [iterations]   (default 20)
Prints ms per page for QueryParser.parse alone (compare with BM_ParseGaadPage1000Users) and with
botocore's json_decode_policies handler added (botocore also json-parses the policy documents;
the C++ parser only URL-decodes them).
"""
import sys
import time

import botocore.session
from botocore.handlers import json_decode_policies
from botocore.parsers import QueryParser

DEFAULT_ITERATIONS = 20
WARMUP = 2


def main():
    path = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_ITERATIONS
    with open(path, "rb") as f:
        body = f.read()
    model = botocore.session.get_session().get_service_model("iam")
    op = model.operation_model("GetAccountAuthorizationDetails")
    parser = QueryParser()
    response = {"body": body, "headers": {}, "status_code": 200}

    def parse():
        parsed = parser.parse(response, op.output_shape)
        assert len(parsed["UserDetailList"]) == 1000, len(parsed["UserDetailList"])
        return parsed

    def parse_and_decode():
        parsed = parse()
        json_decode_policies(parsed, op)
        return parsed

    for label, fn in (("QueryParser.parse", parse),
                      ("QueryParser.parse + json_decode_policies", parse_and_decode)):
        for _ in range(WARMUP):
            fn()
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(iterations):
            fn()
        wall = (time.perf_counter() - start) * 1000 / iterations
        cpu = (time.process_time() - start_cpu) * 1000 / iterations
        print(f"botocore {label} (1000-user GAAD page, {len(body)} bytes): "
              f"{wall:.1f} ms/page wall, {cpu:.1f} ms/page CPU, over {iterations} iterations")


if __name__ == "__main__":
    main()
