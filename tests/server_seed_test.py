"""Runs the seed page's curl commands (../shared/seeds/000_f34a50a754260450.txt) AS WRITTEN,
with the real curl binary, against a started `aws-iam-connector serve` (embedded emulator), and
checks each response's fields as the seed shows them. Port 8080 is used when free; otherwise
'localhost:8080' in the commands is replaced by a free port and nothing else is changed."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import server_common_test as h

SEED = os.path.join(os.environ.get("AIC_SHARED_DIR", "/work/shared"), "seeds",
                    "000_f34a50a754260450.txt")


def extract_examples(text):
    """[(curl command, expected JSON)] for every ``` block that starts with `curl`."""
    examples = []
    lines = [re.sub(r"^> ?", "", line) for line in text.splitlines()]
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```" and i + 1 < len(lines) and lines[i + 1].startswith("curl"):
            j = i + 1
            block = []
            while lines[j].strip() != "```":
                block.append(lines[j])
                j += 1
            # The command ends at the line holding the quoted URL; the rest is the response.
            end = next(k for k, line in enumerate(block) if line.startswith('"http'))
            command = "\n".join(block[:end + 1])
            expected = json.loads("\n".join(block[end + 1:]))
            examples.append((command, expected))
            i = j
        i += 1
    return examples


class SeedCurlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(SEED, encoding="utf-8") as f:
            cls.examples = extract_examples(f.read())
        cls.data_dir = tempfile.mkdtemp(prefix="aic_seed_")
        cls.port = 8080 if h.port_is_free(8080) else h.free_port()
        cls.server = h.Process(["serve", "--port", str(cls.port), "--data-dir", cls.data_dir])

    @classmethod
    def tearDownClass(cls):
        cls.exit_code = cls.server.stop()
        shutil.rmtree(cls.data_dir, ignore_errors=True)

    def run_curl(self, command):
        command = command.replace("localhost:8080", f"localhost:{self.port}")
        out = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60,
                             check=False)
        self.assertEqual(out.returncode, 0, out.stderr)
        return json.loads(out.stdout)

    def check_account(self, got, expected, name):
        self.assertEqual(got["_id"], expected["_id"])
        self.assertEqual(got["__NAME__"], name)
        self.assertEqual(got["Path"], expected["Path"])
        self.assertRegex(got["UserId"], r"^AIDA[A-Z0-9]{17}$")
        self.assertRegex(got["Arn"], r"^arn:aws:iam::\d{12}:user/" + re.escape(name) + "$")
        # SPEC 2 resolves the seed's Java date to ISO 8601 UTC.
        self.assertRegex(got["CreatedDate"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertNotIn("__PASSWORD__", got)
        for key in expected:
            self.assertIn(key, got)
        if "Tags" in expected:
            # SPEC 2: Tags are [{"Key", "Value"}] on output; the seed's {"Project": "Meteor"}
            # is the same pair.
            pairs = [{"Key": k, "Value": v} for t in expected["Tags"] for k, v in t.items()]
            self.assertEqual(got["Tags"], pairs)

    def test_every_seed_example_in_order(self):
        self.assertEqual(len(self.examples), 7, "the seed has seven curl examples")
        (test_cmd, test_exp), (create_cmd, create_exp), (put_cmd, put_exp), \
            (query_cmd, query_exp), (read_cmd, read_exp), (patch_cmd, patch_exp), \
            (delete_cmd, delete_exp) = self.examples
        base = f"http://localhost:{self.port}/openidm/system/aws/__ACCOUNT__"

        got = self.run_curl(test_cmd)
        for key in ("name", "enabled", "config", "connectorRef", "displayName", "ok"):
            self.assertEqual(got[key], test_exp[key], key)
        for object_type in test_exp["objectTypes"]:
            self.assertIn(object_type, got["objectTypes"])

        self.check_account(self.run_curl(create_cmd), create_exp, "bjensen")
        self.check_account(self.run_curl(put_cmd), put_exp, "bjensen")

        # The other users of the seed's query output, created through the API.
        for name in ("frank@example.com", "testFR4User", "testFR5User", "testFR6User"):
            status, body = h.rest(base + "?_action=create", "POST", {"__NAME__": name})
            self.assertEqual(status, 201, body)
        got = self.run_curl(query_cmd)
        self.assertEqual(got, query_exp)

        self.check_account(self.run_curl(read_cmd), read_exp, "bjensen")
        self.check_account(self.run_curl(patch_cmd), patch_exp, "bjensen")
        # The password really was set (a login profile exists): reading it through a filter
        # on the user still works and the password is never returned.
        status, body = h.rest(base + "/bjensen?_fields=PasswordResetRequired")
        self.assertEqual(status, 200, body)
        self.assertNotIn("Passw0rd@123!", json.dumps(body))

        self.check_account(self.run_curl(delete_cmd), delete_exp, "bjensen")
        status, body = h.rest(base + "/bjensen")
        self.assertEqual(status, 404, body)
        self.assertEqual(body["code"], 404)

        self.assertNotIn("Passw0rd@123!", self.server.log())


if __name__ == "__main__":
    unittest.main()
