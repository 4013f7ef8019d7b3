"""`aws-iam-connector review` on the fixture snapshot tests/review/fixture.jsonl: the JSON report
exactly (tests/review/fixture-expected.json), exit codes, --now and --unused-days, malformed
snapshots (an error naming the line), the HTML file, and the live mode (--config) against the
emulator."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import server_common_test as h

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "review", "fixture.jsonl")
EXPECTED = os.path.join(HERE, "review", "fixture-expected.json")


def run(args):
    return subprocess.run([h.BINARY, "review"] + args, capture_output=True, text=True, timeout=120,
                          check=False)


class ReviewCliTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="aic_review_")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_json_report_exactly(self):
        result = run(["--input", FIXTURE, "--format", "json"])
        self.assertEqual(result.returncode, 1, result.stderr)  # some checks FAIL
        with open(EXPECTED, encoding="utf-8") as f:
            expected = json.load(f)
        self.assertEqual(json.loads(result.stdout), expected)
        # The default "now" is the credential report's time: the same answer every day.
        self.assertEqual(expected["generatedAt"], "2026-06-01T12:00:00Z")

    def test_now_and_unused_days(self):
        result = run(["--input", FIXTURE, "--now", "2026-06-01", "--unused-days", "500"])
        report = json.loads(result.stdout)
        self.assertEqual(report["generatedAt"], "2026-06-01T00:00:00Z")
        unused = next(c for c in report["checks"] if c["check"] == "unused-roles")
        self.assertEqual(unused["title"], "Roles unused for 500 days or more")
        self.assertEqual(unused["status"], "PASS")
        self.assertEqual(unused["resources"], [])

    def test_all_pass_exits_zero(self):
        path = os.path.join(self.dir, "clean.jsonl")
        with open(FIXTURE, encoding="utf-8") as f:
            summary = json.loads(f.readline())
        summary["object"]["passwordPolicy"]["MinimumPasswordLength"] = 14
        summary["object"]["root"]["mfaActive"] = True
        group = {"objectClass": "__GROUP__", "object": {
            "__NAME__": "support", "Arn": "arn:aws:iam::123456789012:group/support",
            "policies": ["arn:aws:iam::aws:policy/AWSSupportAccess"]}}
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(summary) + "\n" + json.dumps(group) + "\n")
        result = run(["--input", path])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(json.loads(result.stdout)["summary"], {"PASS": 16, "FAIL": 0, "UNKNOWN": 0})

    def test_malformed_snapshot_names_the_line(self):
        path = os.path.join(self.dir, "bad.jsonl")
        with open(FIXTURE, encoding="utf-8") as f:
            lines = f.readlines()
        lines.insert(3, '{"objectClass": "__ACCOUNT__", "object": {"__NAME__": "cut\n')
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
        result = run(["--input", path])
        self.assertEqual(result.returncode, 3)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr.strip(),
                         f"aws-iam-connector review: {path}: line 4: not a JSON value")

    def test_usage_errors_exit_2(self):
        for args in (["--input", FIXTURE, "--now", "yesterday"],
                     ["--input", FIXTURE, "--format", "pdf"],
                     ["--input", FIXTURE, "--config", "x.json"],
                     ["--input", FIXTURE, "--unused-days", "0"],
                     ["--no-such-option"]):
            result = run(args)
            self.assertEqual(result.returncode, 2, (args, result.stderr))
        result = run(["--input", os.path.join(self.dir, "missing.jsonl")])
        self.assertEqual(result.returncode, 3)
        self.assertIn("missing.jsonl: cannot open", result.stderr)

    def test_html_file_by_extension(self):
        out = os.path.join(self.dir, "report.html")
        result = run(["--input", FIXTURE, "-o", out])
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertIn("review: 3 PASS, 13 FAIL, 0 UNKNOWN -> " + out, result.stderr)
        with open(out, encoding="utf-8") as f:
            html = f.read()
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertNotIn("<script", html)
        self.assertNotIn("<b>", html)  # the role named sso-<b>admin</b> is escaped
        self.assertIn("sso-&lt;b&gt;admin&lt;/b&gt;", html)
        self.assertNotIn("http://", html.replace('xmlns="http://www.w3.org/2000/svg"', ""))
        self.assertNotIn("https://", html)

    def test_live_review_of_the_emulator(self):
        emulator = h.Process(["emulator", "--port", "0", "--signature-mode", "any-key"])
        try:
            config = os.path.join(self.dir, "provisioner.openicf-aws.json")
            with open(config, "w", encoding="utf-8") as f:
                json.dump({"name": "aws", "enabled": True, "configurationProperties": {
                    "accessKeyId": "test", "secretKey": "test", "endpoint": emulator.url + "/",
                    "stsEndpoint": emulator.url + "/", "maxRetries": 0}}, f)
            result = run(["--config", config, "--key-file", os.path.join(self.dir, "k.key"),
                          "--now", "2026-06-01"])
            self.assertIn(result.returncode, (0, 1), result.stderr)
            report = json.loads(result.stdout)
            self.assertEqual(len(report["checks"]), 16)
            self.assertEqual(sum(report["summary"].values()), 16)
            self.assertFalse(os.path.exists(os.path.join(self.dir, "snapshot.jsonl")))
        finally:
            emulator.stop()


if __name__ == "__main__":
    unittest.main()
