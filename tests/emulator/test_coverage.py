"""Every IAM and STS operation of the AWS models is answered (issue: the whole API).

Each operation is sent signed with no parameters: the emulator must know it (any answer but
InvalidAction). A missing required member answers ValidationError; operations without required
members may succeed. The two Simulate* calls belong to the policy-evaluation work and are the
only exceptions.
"""

import glob
import json
import os
import re
import unittest

from botocore import xform_name

from harness import BackendTestCase, emulator_only, signed_call

_REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TESTDATA = os.environ.get("AIC_TESTDATA_DIR",
                          os.path.join(_REPO_ROOT, "..", "shared", "testdata"))


def model_operations(service):
    with open(os.path.join(TESTDATA, "aws-models", service, "service-2.json")) as f:
        model = json.load(f)
    return model["metadata"]["apiVersion"], sorted(model["operations"])


@emulator_only("checks the emulator's coverage of the models")
class CoverageTest(BackendTestCase):

    def check_service(self, service):
        version, operations = model_operations(service)
        self.assertGreater(len(operations), 5)
        unknown = []
        for op in operations:
            r = signed_call(self.endpoint, {"Action": op, "Version": version}, service=service)
            self.assertIsNotNone(r.xml, f"{op}: {r.body[:200]!r}")
            if r.error_code == "InvalidAction":
                unknown.append(op)
            else:
                self.assertLess(r.status, 500, f"{op}: {r.body[:300]!r}")
        self.assertEqual([], unknown, f"{len(unknown)} {service} operations are not answered")

    def test_every_iam_operation_is_answered(self):
        self.check_service("iam")

    def test_every_sts_operation_is_answered(self):
        self.check_service("sts")


class AcceptanceCoverageTest(unittest.TestCase):
    """Every operation is called by some acceptance test through boto3 (client.method_name),
    the `aws` CLI ("method-name") or a raw signed call ("OperationName")."""

    def test_every_operation_is_called_by_an_acceptance_test(self):
        here = os.path.dirname(os.path.abspath(__file__))
        sources = "".join(open(f).read() for f in sorted(glob.glob(os.path.join(here, "test_*.py")))
                          if not f.endswith("test_coverage.py"))
        for service in ("iam", "sts"):
            _, operations = model_operations(service)
            untested = []
            for op in operations:
                snake = xform_name(op)
                kebab = snake.replace("_", "-")
                if not (re.search(r"\." + snake + r"\b", sources) or
                        re.search(r"[\"']" + kebab + r"[\"']", sources) or
                        re.search(r"[\"']" + op + r"[\"']", sources)):
                    untested.append(op)
            self.assertEqual([], untested, f"{service} operations no acceptance test calls")


if __name__ == "__main__":
    unittest.main()
