"""Configuration and CLI end to end: a plain secret becomes encrypted in the provisioner file,
the server still works after a restart, and neither logs, `test` output nor the config endpoint
show it; bad configuration stops start-up with one line naming file, property and problem;
`test`, `schema` and `import` with --help and exit codes."""
import json
import os
import shutil
import ssl
import stat
import subprocess
import tempfile
import unittest

import server_common_test as h

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETKEY"
PROXY_SECRET = "Pr0xyPassw0rdValue"


def run(args, **kw):
    return subprocess.run([h.BINARY] + args, capture_output=True, text=True, timeout=60,
                          check=False, **kw)


class ConfigCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emulator = h.Process(["emulator", "--port", "0", "--signature-mode", "any-key"])

    @classmethod
    def tearDownClass(cls):
        cls.emulator.stop()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="aic_cfg_")
        self.key = os.path.join(self.dir, "keys", "connector.key")
        self.config = os.path.join(self.dir, "provisioner.openicf-aws.json")
        self.write_config({"accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretKey": SECRET,
                           "endpoint": self.emulator.url + "/",
                           "stsEndpoint": self.emulator.url + "/", "maxRetries": 0})

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write_config(self, props, path=None):
        with open(path or self.config, "w", encoding="utf-8") as f:
            json.dump({"name": "aws", "enabled": True, "configurationProperties": props}, f,
                      indent=2)

    def read_config_text(self):
        with open(self.config, encoding="utf-8") as f:
            return f.read()

    def serve(self):
        return h.Process(["serve", "--port", "0", "--config", self.config, "--key-file", self.key,
                          "--data-dir", self.dir])

    def test_secret_encrypted_restart_and_never_shown(self):
        result = run(["test", "--config", self.config, "--key-file", self.key])
        self.assertEqual(result.returncode, 0, result.stderr)
        out = json.loads(result.stdout)
        self.assertTrue(out["ok"])
        self.assertEqual(out["name"], "aws")
        self.assertNotIn(SECRET, result.stdout + result.stderr)

        text = self.read_config_text()
        self.assertNotIn(SECRET, text)
        stored = json.loads(text)["configurationProperties"]["secretKey"]
        self.assertIn("$crypto", stored)
        self.assertEqual(stat.S_IMODE(os.stat(self.key).st_mode), 0o600)

        server = self.serve()
        try:
            status, body = h.rest(server.url + "/openidm/system/aws/__ACCOUNT__?_action=create",
                                  "POST", {"__NAME__": "restart-user"})
            self.assertEqual(status, 201, body)
            status, config = h.rest(server.url + "/openidm/config/provisioner.openicf/aws")
            self.assertEqual(status, 200)
            self.assertEqual(config["configurationProperties"]["secretKey"], "****")
            self.assertNotIn(SECRET, json.dumps(config))
            self.assertNotIn("$crypto", json.dumps(config))
            status, test = h.rest(server.url + "/openidm/system/aws?_action=test", "POST")
            self.assertTrue(test["ok"], test)
        finally:
            self.assertEqual(server.stop(), 0, "SIGTERM stops serve cleanly")
        self.assertEqual(self.read_config_text(), text, "already encrypted: not rewritten")

        server = self.serve()
        try:
            status, body = h.rest(server.url + "/openidm/system/aws/__ACCOUNT__/restart-user")
            self.assertEqual(status, 200, body)
            self.assertEqual(body["_id"], "restart-user")
        finally:
            server.stop()
        self.assertNotIn(SECRET, server.log())
        self.assertIn("rest method=GET path=/openidm/system/aws/__ACCOUNT__/restart-user "
                      "status=200", server.log())

    def test_proxy_password_encrypted_too(self):
        self.write_config({"accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretKey": SECRET,
                           "endpoint": self.emulator.url + "/", "proxyHost": "127.0.0.1",
                           "proxyPort": h.free_port(), "proxyPassword": PROXY_SECRET,
                           "proxyUsername": "u", "maxRetries": 0, "connectionTimeout": 2000})
        result = run(["test", "--config", self.config, "--key-file", self.key])
        # The proxy is not there: the test fails (exit 1) and says so without any secret.
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertFalse(json.loads(result.stdout)["ok"])
        self.assertIn("error", json.loads(result.stdout))
        for secret in (SECRET, PROXY_SECRET):
            self.assertNotIn(secret, result.stdout + result.stderr)
            self.assertNotIn(secret, self.read_config_text())

    def test_bad_configuration_stops_startup_with_one_line(self):
        cases = [
            ({"bogusProperty": 1}, "configurationProperties.bogusProperty: unknown property"),
            ({"pageSize": "ten"}, "configurationProperties.pageSize: wrong type"),
            ({"roleArn": "arn:nope"}, "configurationProperties.roleArn: malformed role ARN"),
            ({"region": "moon-1x"}, "configurationProperties.region: malformed region"),
            ({"accessKeyId": "AKIA"}, "configurationProperties.secretKey: missing required"),
        ]
        for props, expected in cases:
            self.write_config(props)
            result = run(["serve", "--port", "0", "--config", self.config, "--key-file",
                          self.key])
            self.assertNotEqual(result.returncode, 0, expected)
            lines = result.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, result.stderr)
            self.assertIn(self.config + ": " + expected, lines[0])
            result = run(["test", "--config", self.config, "--key-file", self.key])
            self.assertEqual(result.returncode, 2)
        # An unreadable key file.
        with open(self.key + ".bad", "w", encoding="utf-8") as f:
            f.write("not a key\n")
        os.chmod(self.key + ".bad", 0o600)
        self.write_config({})
        result = run(["test", "--config", self.config, "--key-file", self.key + ".bad"])
        self.assertEqual(result.returncode, 2)
        self.assertIn("connector.key.bad: key file: malformed", result.stderr)

    def test_server_file_tls_and_hashed_admins(self):
        cert = os.path.join(self.dir, "cert.pem")
        key = os.path.join(self.dir, "key.pem")
        made = subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
             "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1"], capture_output=True, check=False)
        self.assertEqual(made.returncode, 0, made.stderr)
        server_file = os.path.join(self.dir, "server.json")
        with open(server_file, "w", encoding="utf-8") as f:
            json.dump({"host": "127.0.0.1", "port": 0, "dataDir": "state",
                       "keyFile": "keys/connector.key",
                       "tls": {"certFile": "cert.pem", "keyFile": "key.pem"},
                       "adminUsers": [{"username": "ops", "password": "0ps-Passw0rd"}],
                       "connectors": [os.path.basename(self.config)]}, f)
        server = h.Process(["serve", "--server-config", server_file])
        try:
            self.assertTrue(server.url.startswith("https://"), server.url)
            context = ssl.create_default_context(cafile=cert)
            url = server.url + "/openidm/system/aws?_action=test"
            status, body = h.rest(url, "POST", auth=("ops", "0ps-Passw0rd"), context=context)
            self.assertEqual(status, 200, body)
            self.assertTrue(body["ok"])
            status, body = h.rest(url, "POST", auth=h.ADMIN, context=context)
            self.assertEqual(status, 401, "the default admin is off once admins are configured")
        finally:
            server.stop()
        with open(server_file, encoding="utf-8") as f:
            text = f.read()
        self.assertNotIn("0ps-Passw0rd", text)
        self.assertIn("$argon2id$", text)
        self.assertNotIn(SECRET, self.read_config_text())
        self.assertNotIn("0ps-Passw0rd", server.log())

    def test_default_admin_refused_off_loopback(self):
        result = run(["serve", "--host", "0.0.0.0", "--port", "0", "--data-dir", self.dir])
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("loopback", result.stderr)

    def test_usage_errors_exit_2(self):
        cases = [
            [],                                   # no subcommand
            ["nope"],                             # unknown subcommand
            ["serve", "--no-such-option"],        # unknown option
            ["serve", "--port", "eighty"],        # a value of the wrong type
            ["emulator", "--latency-ms"],         # a missing value
            ["schema", "extra-positional"],       # an unexpected argument
        ]
        for args in cases:
            result = run(args)
            self.assertEqual(result.returncode, 2, (args, result.stderr))
            self.assertTrue(result.stderr.strip(), args)  # and says why

    def test_schema_import_and_help(self):
        for sub in ("serve", "test", "schema", "import"):
            result = run([sub, "--help"])
            self.assertEqual(result.returncode, 0, sub)
            self.assertIn("--", result.stdout)
        result = run(["schema"])
        self.assertEqual(result.returncode, 0)
        types = json.loads(result.stdout)["objectTypes"]
        self.assertIn("__ACCOUNT__", types)
        self.assertEqual(run(["schema", "--object-class", "__NOPE__"]).returncode, 2)

        server = self.serve()
        try:
            status, body = h.rest(server.url + "/openidm/system/aws/__ACCOUNT__?_action=create",
                                  "POST", {"__NAME__": "import-me"})
            self.assertEqual(status, 201, body)
        finally:
            server.stop()
        out = os.path.join(self.dir, "import.jsonl")
        result = run(["import", "--config", self.config, "--key-file", self.key, "-o", out])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("\r", result.stderr, "no progress bar when not on a terminal")
        with open(out, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f]
        self.assertTrue(any("import-me" in json.dumps(line) for line in lines))
        self.assertEqual([p for p in os.listdir(self.dir) if ".tmp." in p], [])
        result = run(["import", "--config", self.config, "--key-file", self.key,
                      "--format", "json"])
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertEqual(len(document["objects"]), len(lines))
        self.assertGreaterEqual(document["stats"]["users"], 1)
        self.assertNotIn(SECRET, result.stdout + result.stderr)

    def test_import_test_and_script_without_config_use_the_embedded_emulator(self):
        # Issue 11: as `serve` does with no --config, on the data directory's emulator.db.
        data = os.path.join(self.dir, "data")
        server = h.Process(["serve", "--port", "0", "--data-dir", data])
        try:
            status, body = h.rest(server.url + "/openidm/system/aws/__ACCOUNT__?_action=create",
                                  "POST", {"__NAME__": "embedded-me"})
            self.assertEqual(status, 201, body)
            busy = run(["import", "--data-dir", data])  # one process per embedded emulator
            self.assertEqual(busy.returncode, 2, busy.stderr)
            self.assertIn("in use by another process", busy.stderr)
        finally:
            server.stop()
        result = run(["import", "--data-dir", data])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(any("embedded-me" in line for line in result.stdout.splitlines()))
        result = run(["test", "--data-dir", data])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(json.loads(result.stdout)["ok"])
        script = os.path.join(self.dir, "count.lua")
        with open(script, "w", encoding="utf-8") as f:
            f.write("return #connector.search('__ACCOUNT__', '__NAME__ eq \"embedded-me\"')\n")
        result = run(["script", "--file", script, "--data-dir", data])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout), 1)


if __name__ == "__main__":
    unittest.main()
