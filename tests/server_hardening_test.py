"""Hardening of `serve` (issue 10), each attack over real HTTP or against the real binary:
forged/altered/cross-query/cross-connector paged-results cookies, JSON numbers that do not fit
(1e999) in bodies and configuration files, no core dumps of processes holding secrets, and a
provisioner rewrite that survives kill -9 (old or new file, durable 0600 key file), and an
owner-only data directory."""
import base64
import ctypes
import ctypes.util
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import unittest
import urllib.parse

import server_common_test as h

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzHARDENKEY"


def run(args, **kw):
    return subprocess.run([h.BINARY] + args, capture_output=True, text=True, timeout=60,
                          check=False, **kw)


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def forge(cookie, offset):
    """The attack: take a real cookie, set a huge offset and recompute the check the way the
    unkeyed codec did (BLAKE2b-128 of [v, m, o, q], no key), as anyone could."""
    doc = json.loads(b64url_decode(cookie))
    doc["o"] = offset
    check_input = json.dumps([doc["v"], doc["m"], offset, doc["q"]], separators=(",", ":"))
    digest = hashlib.blake2b(check_input.encode(), digest_size=16).digest()
    doc["c"] = b64url_encode(digest)
    return b64url_encode(json.dumps(doc, separators=(",", ":")).encode())


def provisioner(name, endpoint, secret=SECRET):
    return {"name": name, "enabled": True,
            "configurationProperties": {"accessKeyId": "AKIAIOSFODNN7EXAMPLE",
                                        "secretKey": secret, "endpoint": endpoint,
                                        "stsEndpoint": endpoint, "maxRetries": 0}}


class CookieAndBodyTest(unittest.TestCase):
    """One emulator, one `serve` with two connectors (aws, aws2) on it, five users."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="aic_hard_")
        cls.emulator = h.Process(["emulator", "--port", "0", "--signature-mode", "any-key"])
        files = []
        for name in ("aws", "aws2"):
            path = os.path.join(cls.dir, f"provisioner.openicf-{name}.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(provisioner(name, cls.emulator.url + "/"), f)
            files += ["--config", path]
        cls.server = h.Process(["serve", "--port", "0", "--key-file",
                                os.path.join(cls.dir, "connector.key"), "--data-dir", cls.dir]
                               + files)
        cls.base = cls.server.url + "/openidm/system/aws/__ACCOUNT__"
        for i in range(5):
            status, body = h.rest(cls.base + "?_action=create", "POST",
                                  {"__NAME__": f"hard-user-{i}"})
            assert status in (200, 201), body

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.emulator.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def query(self, connector="aws", cookie=None, **params):
        q = {"_queryFilter": "true", "_sortKeys": "__NAME__", "_pageSize": "2"}
        q.update(params)
        if cookie is not None:
            q["_pagedResultsCookie"] = cookie
        url = f"{self.server.url}/openidm/system/{connector}/__ACCOUNT__?" + urllib.parse.urlencode(q)
        return h.rest(url)

    def first_cookie(self, **params):
        status, body = self.query(**params)
        self.assertEqual(status, 200, body)
        self.assertTrue(body["pagedResultsCookie"], body)
        return body["pagedResultsCookie"]

    def assert_bad_cookie(self, result, why):
        status, body = result
        self.assertEqual(status, 400, body)
        self.assertIsInstance(body, dict)
        self.assertIn("bad _pagedResultsCookie", body.get("message", ""))
        self.assertIn(why, body.get("message", ""))
        # The server is still there and still pages correctly.
        status, body = self.query()
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["result"]), 2)

    def test_paging_still_works(self):
        cookie = self.first_cookie()
        names = []
        while cookie:
            status, body = self.query(cookie=cookie)
            self.assertEqual(status, 200, body)
            names += [o["__NAME__"] for o in body["result"]]
            cookie = body.get("pagedResultsCookie")
        self.assertEqual(names, sorted(names))
        self.assertGreaterEqual(len(names), 3)

    def test_forged_cookie_with_recomputed_check_and_huge_offset(self):
        cookie = self.first_cookie()
        for offset in (2**63 - 2, 2**63 - 1, 2**62, 10**7, 3):
            self.assert_bad_cookie(self.query(cookie=forge(cookie, offset)), "")

    def test_altered_cookie(self):
        cookie = self.first_cookie()
        doc = json.loads(b64url_decode(cookie))
        doc["o"] = doc["o"] + 1
        altered = b64url_encode(json.dumps(doc, separators=(",", ":")).encode())
        self.assert_bad_cookie(self.query(cookie=altered), "forged or altered")
        doc["o"] = 2**64 + 5  # beyond every integer type
        altered = b64url_encode(json.dumps(doc, separators=(",", ":")).encode())
        self.assert_bad_cookie(self.query(cookie=altered), "")
        self.assert_bad_cookie(self.query(cookie=b64url_encode(b'{"v":2,"o":1e999}')), "")

    def test_cookie_from_another_query(self):
        cookie = self.first_cookie()
        for other in ({"_queryFilter": '__NAME__ sw "hard"'}, {"_sortKeys": "-__NAME__"},
                      {"_pageSize": "3"}, {"_fields": "__NAME__"}):
            self.assert_bad_cookie(self.query(cookie=cookie, **other), "made for another query")
        status, body = h.rest(f"{self.server.url}/openidm/system/aws/__GROUP__?"
                              + urllib.parse.urlencode({"_queryFilter": "true",
                                                        "_sortKeys": "__NAME__",
                                                        "_pageSize": "2",
                                                        "_pagedResultsCookie": cookie}))
        self.assertEqual(status, 400, body)

    def test_cookie_from_another_connector(self):
        cookie = self.first_cookie()
        self.assert_bad_cookie(self.query(connector="aws2", cookie=cookie), "forged or altered")

    def test_numbers_that_do_not_fit_in_bodies_are_400(self):
        url = self.base
        cases = [
            (url + "?_action=create", "POST", '{"__NAME__": "n1", "Path": 1e999}'),
            (url + "?_action=create", "POST", '{"__NAME__": "n2", "x": -1e999}'),
            (url + "/hard-user-0", "PUT", '{"__NAME__": "hard-user-0", "Path": 1e999}'),
            (url + "/hard-user-0", "PATCH",
             '[{"operation": "replace", "field": "Path", "value": 1e999}]'),
            (self.server.url + "/openidm/system/aws?_action=script&scriptId=x", "POST",
             '{"args": {"n": 1e999}}'),
            (self.server.url + "/openidm/system/aws?_action=runScriptOnConnector&scriptId=x",
             "POST", '{"n": [1, 2, 1e999]}'),
        ]
        for target, method, body in cases:
            status, answer = h.rest(target, method, body)
            self.assertEqual(status, 400, (target, method, answer))
            self.assertIsInstance(answer, dict, answer)
            self.assertEqual(answer.get("code"), 400, answer)
        status, _ = self.query()
        self.assertEqual(status, 200)


class ConfigNumbersTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="aic_num_")
        self.key = os.path.join(self.dir, "connector.key")
        self.config = os.path.join(self.dir, "provisioner.openicf-aws.json")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def expect_one_line(self, args, expected):
        result = run(args)
        self.assertEqual(result.returncode, 2, result.stderr)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn(expected, lines[0])
        self.assertNotIn(SECRET, result.stdout + result.stderr)

    def test_provisioner_number_that_does_not_fit(self):
        for prop, value in (("pageSize", "1e999"), ("requestsPerSecond", "-1e999"),
                            ("maxRetries", "1" + "0" * 30), ("proxyPort", "4294967297")):
            text = json.dumps(provisioner("aws", "http://127.0.0.1:1/"))
            text = text.replace('"maxRetries": 0', f'"maxRetries": 0, "{prop}": {value}'
                                if prop != "maxRetries" else f'"maxRetries": {value}')
            with open(self.config, "w", encoding="utf-8") as f:
                f.write(text)
            expected = f"{self.config}: configurationProperties.{prop}: "
            self.expect_one_line(["test", "--config", self.config, "--key-file", self.key],
                                 expected)
            self.expect_one_line(["serve", "--port", "0", "--config", self.config,
                                  "--key-file", self.key], expected)

    def test_server_file_numbers(self):
        path = os.path.join(self.dir, "server.json")
        for key, value in (("port", "4294967296"), ("port", "1e999"), ("threads", "4294967297"),
                           ("maxBodyBytes", "1e999")):
            with open(path, "w", encoding="utf-8") as f:
                f.write(f'{{"{key}": {value}, "dataDir": "{self.dir}"}}')
            self.expect_one_line(["serve", "--server-config", path], f"{path}: {key}: ")

    def test_script_args(self):
        result = run(["script", "--config", self.config, "--file", "x.lua", "--args",
                      '{"n": 1e999}'])
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--args: n: number out of range", result.stderr)


def raise_core_limit():
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


class NoCoreDumpTest(unittest.TestCase):
    """The processes that hold secrets never dump core, even when started with cores allowed."""

    def start(self, args, cwd):
        proc = subprocess.Popen([h.BINARY] + args, cwd=cwd, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, start_new_session=True,
                                preexec_fn=raise_core_limit)
        line = proc.stdout.readline()
        self.assertIn("listening on", line)
        return proc

    def test_serve_and_emulator_do_not_dump_core(self):
        for args in (["serve", "--port", "0"], ["emulator", "--port", "0"]):
            cwd = tempfile.mkdtemp(prefix="aic_core_")
            try:
                proc = self.start(args + ["--data-dir", os.path.join(cwd, "data")]
                                  if args[0] == "serve" else args, cwd)
                try:
                    with open(f"/proc/{proc.pid}/limits", encoding="utf-8") as f:
                        limits = [l for l in f if l.startswith("Max core file size")]
                    self.assertEqual(limits[0].split()[4:6], ["0", "0"], limits)
                finally:
                    proc.send_signal(signal.SIGABRT)
                    proc.wait(timeout=30)
                    proc.stdout.close()
                self.assertEqual(proc.returncode, -signal.SIGABRT)
                cores = [n for n in os.listdir(cwd) if n.startswith("core")]
                self.assertEqual(cores, [], f"{args[0]} dumped core")
            finally:
                shutil.rmtree(cwd, ignore_errors=True)


class PrivateFilesTest(unittest.TestCase):
    """`serve`'s embedded default keeps its secrets owner-only: the data directory it creates is
    0700, the emulator database (secret access keys) and the key file 0600."""

    def test_data_directory_and_its_files_are_owner_only(self):
        cwd = tempfile.mkdtemp(prefix="aic_private_")
        old_umask = os.umask(0o022)
        try:
            data = os.path.join(cwd, "a", "data")
            proc = subprocess.Popen([h.BINARY, "serve", "--port", "0", "--data-dir", data],
                                    cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    text=True, start_new_session=True)
            try:
                self.assertIn("listening on", proc.stdout.readline())
                modes = {}
                for rel in ("a", "a/data"):
                    modes[rel] = oct(os.stat(os.path.join(cwd, rel)).st_mode & 0o777)
                for name in os.listdir(data):
                    path = os.path.join(data, name)
                    if name.startswith("emulator.db") or name == "connector.key":
                        modes[name] = oct(os.stat(path).st_mode & 0o777)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
                proc.stdout.close()
            self.assertEqual(modes.pop("a"), "0o700")
            self.assertEqual(modes.pop("a/data"), "0o700")
            self.assertIn("emulator.db", modes)
            for name, mode in modes.items():
                self.assertEqual(mode, "0o600", name)
        finally:
            os.umask(old_umask)
            shutil.rmtree(cwd, ignore_errors=True)


def secretbox_open(key, nonce, data):
    sodium = ctypes.CDLL(ctypes.util.find_library("sodium") or "libsodium.so.23")
    assert sodium.sodium_init() >= 0
    out = ctypes.create_string_buffer(len(data) - 16)
    rc = sodium.crypto_secretbox_open_easy(out, data, ctypes.c_ulonglong(len(data)), nonce, key)
    return out.raw if rc == 0 else None


class KillDuringRewriteTest(unittest.TestCase):
    ITERATIONS = 32

    def test_kill_9_while_encrypting_in_place(self):
        work = tempfile.mkdtemp(prefix="aic_kill_")
        try:
            self.loop(work)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def loop(self, work):
        config = os.path.join(work, "provisioner.openicf-aws.json")
        key_file = os.path.join(work, "keys", "connector.key")
        old_text = json.dumps(provisioner("aws", "http://127.0.0.1:1/"), indent=2)
        outcomes = {"old": 0, "new": 0}
        for i in range(self.ITERATIONS):
            with open(config, "w", encoding="utf-8") as f:
                f.write(old_text)
            shutil.rmtree(os.path.dirname(key_file), ignore_errors=True)
            for name in os.listdir(work):
                if ".tmp." in name:
                    os.unlink(os.path.join(work, name))
            proc = subprocess.Popen([h.BINARY, "serve", "--port", "0", "--config", config,
                                     "--key-file", key_file, "--data-dir", work],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
            # Kill at varied moments, synchronised on what the process does, never on time:
            # right after spawn; once the key file exists; once the temp file or the new
            # file is seen; once the new file is seen; each followed by a varied busy wait.
            def running():
                return proc.poll() is None

            def rewritten():
                with open(config, encoding="utf-8") as f:
                    return "$crypto" in f.read()

            def temp_or_new():
                return any(".tmp." in n for n in os.listdir(work)) or rewritten()

            stage = i % 4
            if stage == 1:
                while running() and not os.path.exists(key_file):
                    pass
            elif stage == 2:
                while running() and not temp_or_new():
                    pass
            elif stage == 3:
                while running() and not rewritten():
                    pass
            for _ in range((i // 4) * 40):  # a busy wait of varied length
                os.path.exists(key_file)
            proc.kill()
            proc.wait()
            outcomes[self.check(config, key_file, old_text, i)] += 1
        print(f"kill -9 outcomes over {self.ITERATIONS} runs: {outcomes}")
        self.assertGreater(outcomes["new"], 0)  # stage 3 kills only after seeing the new file

    def check(self, config, key_file, old_text, i):
        with open(config, encoding="utf-8") as f:
            text = f.read()
        key = None
        if os.path.exists(key_file):
            self.assertEqual(os.stat(key_file).st_mode & 0o777, 0o600, i)
            with open(key_file, encoding="utf-8") as f:
                key = base64.b64decode(f.read().strip(), validate=True)
            self.assertEqual(len(key), 32, f"run {i}: torn key file")
        if text == old_text:
            return "old"
        doc = json.loads(text)  # never torn: a complete JSON document
        self.assertEqual(os.stat(config).st_mode & 0o077, 0, f"run {i}: rewritten file mode")
        envelope = doc["configurationProperties"]["secretKey"]["$crypto"]["value"]
        self.assertIsNotNone(key, f"run {i}: provisioner rewritten but no key file")
        plain = secretbox_open(key, base64.b64decode(envelope["nonce"]),
                               base64.b64decode(envelope["data"]))
        self.assertEqual(plain, SECRET.encode(), f"run {i}: the key file does not decrypt")
        return "new"


if __name__ == "__main__":
    unittest.main()
