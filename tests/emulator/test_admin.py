"""The emulator's admin endpoints: call counters, fault injection, reset; off without --admin."""

import json
import unittest

from botocore.exceptions import ClientError

from harness import RETRY_TOTAL_ATTEMPTS, BackendTestCase, emulator_only, make_client


@emulator_only("admin endpoints, counters and faults are emulator features")
class AdminTest(BackendTestCase):

    def setUp(self):
        super().setUp()
        self.addCleanup(self.server.admin_json, "POST", "/_emulator/faults",
                        {"throttle_rate": 0, "error_rate": 0, "latency_ms": 0})

    def counters(self):
        data = self.server.admin_json("GET", "/_emulator/counters")
        # Accept {"ListUsers": 3} or {"counters": {"ListUsers": 3}}.
        return data.get("counters", data) if isinstance(data, dict) else data

    def test_counters_match_calls(self):
        self.server.admin_json("POST", "/_emulator/counters/reset")
        self.assertEqual({}, {k: v for k, v in self.counters().items() if v})
        for i in range(3):
            self.iam.create_user(UserName=f"c{i}")
        self.iam.list_users()
        self.iam.list_users(MaxItems=1)
        with self.assertRaises(ClientError):
            self.iam.get_user(UserName="missing")
        self.sts.get_caller_identity()
        got = {k: v for k, v in self.counters().items() if v}
        self.assertEqual({"CreateUser": 3, "ListUsers": 2, "GetUser": 1,
                          "GetCallerIdentity": 1}, got)
        self.server.admin_json("POST", "/_emulator/counters/reset")
        self.assertEqual({}, {k: v for k, v in self.counters().items() if v})

    def test_throttling_fault_is_seen_by_boto3_with_retries(self):
        self.server.admin_json("POST", "/_emulator/faults",
                               {"throttle_rate": 1, "error_rate": 0, "latency_ms": 0})
        retrying = make_client(self.endpoint, "iam", retries=True)
        err = self.assertAwsError("Throttling", 400, retrying.list_users)
        self.assertEqual(RETRY_TOTAL_ATTEMPTS - 1, err["ResponseMetadata"]["RetryAttempts"])
        self.assertEqual(RETRY_TOTAL_ATTEMPTS, self.counters().get("ListUsers", 0))
        self.server.admin_json("POST", "/_emulator/faults",
                               {"throttle_rate": 0, "error_rate": 0, "latency_ms": 0})
        self.assertEqual([], retrying.list_users()["Users"])

    def test_error_fault_gives_service_failure(self):
        self.server.admin_json("POST", "/_emulator/faults",
                               {"throttle_rate": 0, "error_rate": 1, "latency_ms": 0})
        self.assertAwsError("ServiceFailure", 500, self.iam.list_users)

    def test_faults_bad_json_is_400(self):
        status, _ = self.server.request("POST", "/_emulator/faults", b"{not json",
                                        {"Content-Type": "application/json"})
        self.assertEqual(400, status)

    def test_reset_empties_state_and_keeps_seed(self):
        for path in ("/moto-api/reset", "/_emulator/reset"):
            self.iam.create_user(UserName="doomed")
            self.iam.create_group(GroupName="doomed-group")
            self.iam.update_account_password_policy(MinimumPasswordLength=20)
            status, _ = self.server.post(path)
            self.assertEqual(200, status, path)
            self.assertEqual([], self.iam.list_users()["Users"], path)
            groups = [g["GroupName"] for g in self.iam.list_groups()["Groups"]]
            self.assertNotIn("doomed-group", groups, path)
            self.assertAwsError("NoSuchEntity", 404, self.iam.get_account_password_policy)
            # Seed data is back: test/test signs, the managed policies exist.
            self.iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")


@emulator_only("admin endpoints are an emulator feature")
class AdminOffTest(BackendTestCase):
    ADMIN = False

    def test_admin_endpoints_are_404_without_admin_flag(self):
        self.iam.create_user(UserName="survivor")
        for method, path, body in (("GET", "/_emulator/counters", None),
                                   ("POST", "/_emulator/counters/reset", b""),
                                   ("POST", "/_emulator/faults",
                                    json.dumps({"throttle_rate": 1}).encode()),
                                   ("POST", "/_emulator/clock",
                                    json.dumps({"offset_seconds": 9999}).encode()),
                                   ("POST", "/_emulator/reset", b""),
                                   ("POST", "/moto-api/reset", b"")):
            status, _ = self.server.request(method, path, body)
            self.assertEqual(404, status, path)
        # Nothing was reset and no fault was set.
        self.assertEqual(["survivor"], [u["UserName"] for u in self.iam.list_users()["Users"]])


if __name__ == "__main__":
    unittest.main()
