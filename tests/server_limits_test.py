"""Issue 10 against a started `serve` with default limits, over real loopback HTTP: thousands of
idle and slow connections do not lock a real client out; an unauthenticated request is refused before its body
is read; failed logins are limited per client address; empty or short admin passwords stop
start-up."""
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import tempfile
import threading
import unittest

import server_common_test as h

PASSWORD = "0ps-Passw0rd-long"
# Generous bound for an answer that must not wait for any timeout of the server.
ANSWER_DEADLINE = 8
# Idle connections opened at once (the default connection cap is 4,096).
IDLE_CONNECTIONS = 5000
# The default authFailuresPerMinute.
FAILURES_ALLOWED = 10


def raw_request(url, data, source="127.0.0.1"):
    """Sends `data` from `source`, returns what the server sends until it closes or the
    deadline passes (then socket.timeout)."""
    host, port = url.split("//", 1)[1].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=ANSWER_DEADLINE,
                                  source_address=(source, 0)) as s:
        s.sendall(data)
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return out
            out += chunk


class LimitsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="aic_limits_")
        self.server = None

    def tearDown(self):
        if self.server:
            self.server.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start(self, settings, preexec_fn=None):
        path = os.path.join(self.dir, "server.json")
        doc = {"host": "127.0.0.1", "port": 0, "dataDir": "data",
               "adminUsers": [{"username": "ops", "password": PASSWORD}]}
        doc.update(settings)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        self.server = h.Process(["serve", "--server-config", path], preexec_fn=preexec_fn)
        return self.server

    def test_idle_and_slow_connections_do_not_lock_out_a_client(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard != resource.RLIM_INFINITY and hard < IDLE_CONNECTIONS + 500:
            self.skipTest(f"RLIMIT_NOFILE hard limit {hard} is too low for the connections")
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        # `serve` starts with the usual soft limit of 1,024 and must raise it itself. Default
        # settings: more idle connections than the default cap (4,096), so some are evicted.
        server = self.start({}, preexec_fn=lambda: resource.setrlimit(
            resource.RLIMIT_NOFILE, (min(1024, soft), hard)))
        host, port = server.url.split("//", 1)[1].rsplit(":", 1)
        sockets = []
        try:
            slow = []
            for _ in range(20):  # slow-loris: a header sent byte by byte, never finished
                s = socket.create_connection((host, int(port)))
                s.sendall(b"GET /openidm/system?_action=test HTTP/1.1\r\nHo")
                slow.append(s)
            sockets += slow
            for _ in range(IDLE_CONNECTIONS):
                sockets.append(socket.create_connection((host, int(port))))
            for s in slow:
                try:
                    s.sendall(b"s")
                except OSError:
                    pass
            status, body = h.rest(server.url + "/openidm/system/aws?_action=test", "POST",
                                  auth=("ops", PASSWORD))
            self.assertEqual(status, 200, body)
            self.assertTrue(body["ok"], body)
        finally:
            for s in sockets:
                s.close()
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
        with open(f"/proc/{server.proc.pid}/limits", encoding="utf-8") as f:
            limits = re.search(r"Max open files\s+(\S+)\s+(\S+)", f.read())
        self.assertEqual(limits.group(1), limits.group(2), "soft limit raised to the hard limit")

    def test_unauthenticated_body_is_not_awaited(self):
        server = self.start({})
        # 1 MB announced (the HTTP body cap), never sent; the body timeout is 60 s.
        for expect in (b"Expect: 100-continue\r\n", b""):
            out = raw_request(server.url, b"POST /openidm/system/aws/__ACCOUNT__?_action=create "
                              b"HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                              expect + b"Content-Length: 1048576\r\n\r\n")
            self.assertTrue(out.startswith(b"HTTP/1.1 401 "), out)
            self.assertNotIn(b"100 Continue", out)
        status, _ = h.rest(server.url + "/openidm/system/aws?_action=test", "POST",
                           auth=("ops", PASSWORD))
        self.assertEqual(status, 200)

    def test_failed_logins_are_limited_per_client(self):
        server = self.start({})
        url = server.url + "/openidm/system/aws?_action=test"
        for user in ["nobody"] + ["ops"] * (FAILURES_ALLOWED - 1):
            status, _ = h.rest(url, "POST", auth=(user, "wrong-guess"))
            self.assertEqual(status, 401)
        for password in ("wrong-guess", PASSWORD):
            request = (f"POST /openidm/system/aws?_action=test HTTP/1.1\r\nHost: x\r\n"
                       f"X-OpenIDM-Username: ops\r\nX-OpenIDM-Password: {password}\r\n"
                       f"Content-Length: 0\r\nConnection: close\r\n\r\n").encode()
            out = raw_request(server.url, request)
            self.assertTrue(out.startswith(b"HTTP/1.1 429 "), out)
            self.assertRegex(out.decode(), r"(?i)\r\nRetry-After: [1-9][0-9]*\r\n")
        # Another client address (127.0.0.2 is loopback too) is unaffected.
        request = (f"POST /openidm/system/aws?_action=test HTTP/1.1\r\nHost: x\r\n"
                   f"X-OpenIDM-Username: ops\r\nX-OpenIDM-Password: {PASSWORD}\r\n"
                   f"Content-Length: 0\r\nConnection: close\r\n\r\n").encode()
        out = raw_request(server.url, request, source="127.0.0.2")
        self.assertTrue(out.startswith(b"HTTP/1.1 200 "), out)
        self.assertNotIn(PASSWORD, server.log())

    def test_empty_or_short_admin_password_stops_startup(self):
        for password, problem in (("", "empty password"), ("short", "minAdminPasswordLength")):
            path = os.path.join(self.dir, "server.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump({"port": 0, "dataDir": "data",
                           "adminUsers": [{"username": "ops", "password": password}]}, f)
            result = subprocess.run([h.BINARY, "serve", "--server-config", path],
                                    capture_output=True, text=True, timeout=60, check=False)
            self.assertEqual(result.returncode, 2, result.stderr)
            lines = result.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, result.stderr)
            self.assertIn("server.json: adminUsers[0].password: user 'ops'", lines[0])
            self.assertIn(problem, lines[0])


if __name__ == "__main__":
    unittest.main()
