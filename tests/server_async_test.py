"""The asynchronous core (issue 11) through `serve`: blocking work and waiting do not hold up
other requests. Four Lua scripts spinning until their time limit fill the blocking pool, and a
query whose ListUsers keeps failing waits in backoff between its retries; meanwhile reads of an
account are answered, every one of them before any of the slow requests ends. The order of
completion is asserted, never a duration."""
import json
import os
import shutil
import tempfile
import threading
import unittest

import server_common_test as h

SPINNERS = 4  # kDefaultBlockingThreads: every blocking thread is busy
READS = 20


class ServerAsyncTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="aic_async_")
        cls.emulator = h.Process(["emulator", "--port", "0", "--admin", "--log-level", "warn"])
        config = os.path.join(cls.dir, "provisioner.openicf-aws.json")
        spin = {"scriptId": "spin", "actions": [{"systemType": ".*AwsConnector",
                                                 "actionType": "lua",
                                                 "actionSource": "while true do end"}]}
        with open(config, "w", encoding="utf-8") as f:
            # maxRetries 12: a failing call backs off for many seconds (full jitter, 100 ms
            # doubling to 20 s), far longer than the reads take.
            json.dump({"name": "aws", "enabled": True, "configurationProperties": {
                "accessKeyId": "test", "secretKey": "test", "maxRetries": 12,
                "endpoint": cls.emulator.url + "/", "stsEndpoint": cls.emulator.url + "/"},
                "systemActions": [spin]}, f)
        cls.server = h.Process(["serve", "--port", "0", "--config", config, "--key-file",
                                os.path.join(cls.dir, "connector.key"), "--data-dir", cls.dir])
        cls.base = cls.server.url + "/openidm/system/aws"

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()  # ends the slow requests still under way
        cls.emulator.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def admin(self, method, path, body=None):
        return h.emulator_admin(self.emulator.url, method, path, body)

    def test_spinning_scripts_and_backoff_do_not_delay_other_requests(self):
        # Also logs in once, so the reads below need no password check (those run on the
        # blocking pool, which the spinning scripts fill).
        status, body = h.rest(self.base + "/__ACCOUNT__?_action=create", "POST",
                              {"__NAME__": "async-reader"})
        self.assertEqual(201, status, body)
        self.admin("POST", "/_emulator/counters/reset")
        self.admin("POST", "/_emulator/faults", {"failed_requests": {"ListUsers": 1000}})
        self.addCleanup(self.admin, "POST", "/_emulator/faults", {"failed_requests": {}})

        finished = []  # names of the slow requests that have ended, in order
        lock = threading.Lock()

        def slow(name, url, method):
            try:
                h.rest(url, method, {} if method == "POST" else None)
            except Exception:  # the server stops under it at the end of the class
                pass
            with lock:
                finished.append(name)

        slow_threads = [threading.Thread(
            target=slow, args=("spin%d" % i, self.base + "?_action=script&scriptId=spin", "POST"),
            daemon=True) for i in range(SPINNERS)]
        slow_threads.append(threading.Thread(
            target=slow, args=("backoff", self.base + "/__ACCOUNT__?_queryId=query-all-ids", "GET"),
            daemon=True))
        for t in slow_threads:
            t.start()
        # The query is in backoff once its first ListUsers has failed.
        while self.admin("GET", "/_emulator/counters").get("ListUsers", 0) < 1:
            pass

        for _ in range(READS):
            status, body = h.rest(self.base + "/__ACCOUNT__/async-reader")
            self.assertEqual(200, status, body)
            self.assertEqual("async-reader", body["_id"])
        with lock:
            self.assertEqual([], finished, "a slow request ended before the reads")


if __name__ == "__main__":
    unittest.main()
