"""Script on connector (SPEC 4.11, issue 7) through `serve` and the `script` CLI: systemActions
scripts (inline source and an examples/scripts file) run by _action=script and
_action=runScriptOnConnector with the body as args; script errors 400 with message and line; an
endless loop and a memory bomb stopped with the limit error (500) while a parallel request still
succeeds; unknown scriptId 404, missing 400, no credentials 401. Issue 10: a backtracking pattern
(in C, where Lua's hook never fires) stops at the time limit, four of them at once do not lock
other clients out, and a result of 1,000 references to one 1 MB string is refused without the
server's memory exploding."""
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest

import server_common_test as h

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(SOURCE_DIR, "examples", "scripts")
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSCRIPTKEY"


def lua(script_id, source=None, file=None):
    action = {"systemType": ".*AwsConnector", "actionType": "lua"}
    if source is not None:
        action["actionSource"] = source
    else:
        action["actionFile"] = file
    return {"scriptId": script_id, "actions": [action]}


class ServerScriptTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="aic_script_")
        cls.emulator = h.Process(["emulator", "--port", "0", "--signature-mode", "any-key"])
        cls.config = os.path.join(cls.dir, "provisioner.openicf-aws.json")
        os.makedirs(os.path.join(cls.dir, "scripts"))
        shutil.copy(os.path.join(EXAMPLES, "account_summary.lua"),
                    os.path.join(cls.dir, "scripts", "summary.lua"))
        actions = [
            lua("echo", "return {got = args, secret = connector.config.secretKey}"),
            lua("config", "return connector.config"),
            lua("summary", file="scripts/summary.lua"),
            lua("users", file=os.path.join(EXAMPLES, "unused_passwords.lua")),
            lua("count", "local r = connector.search('__ACCOUNT__', 'true')\n"
                         "return #r"),
            lua("broken", "local t = nil\nreturn t.field\n"),
            lua("forever", "while true do end"),
            lua("bomb", "local t = {}\nwhile true do t[#t + 1] = string.rep('x', 4096) .. #t end"),
            # 2^40 tries in Lua's own matcher; "?" escaped the old complexity guard.
            lua("backtrack", "return string.find(string.rep('a', 40), "
                             "string.rep('a?', 40) .. string.rep('a', 40) .. 'b')"),
            lua("fanout", "local s = string.rep('x', 1 << 20)\nlocal t = {}\n"
                          "for i = 1, 1000 do t[i] = s end\nreturn t"),
        ]
        with open(cls.config, "w", encoding="utf-8") as f:
            json.dump({"name": "aws", "enabled": True,
                       "configurationProperties": {
                           "accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretKey": SECRET,
                           "endpoint": cls.emulator.url + "/",
                           "stsEndpoint": cls.emulator.url + "/", "maxRetries": 0},
                       "systemActions": actions}, f, indent=2)
        cls.key = os.path.join(cls.dir, "connector.key")
        try:
            cls.server = h.Process(["serve", "--port", "0", "--config", cls.config,
                                    "--key-file", cls.key, "--data-dir", cls.dir])
        except Exception:
            cls.emulator.stop()
            raise
        cls.base = cls.server.url + "/openidm/system/aws"
        status, body = h.rest(cls.base + "/__ACCOUNT__?_action=create", "POST",
                              {"__NAME__": "script-user"})
        assert status == 201, body

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.emulator.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def run_script(self, script_id, body=None, action="script", auth=h.ADMIN):
        url = self.base + "?_action=" + action
        if script_id is not None:
            url += "&scriptId=" + script_id
        return h.rest(url, "POST", body, auth=auth)

    def test_inline_script_gets_body_as_args_and_masked_config(self):
        status, body = self.run_script("echo", {"group": "admins", "n": 3})
        self.assertEqual(status, 200, body)
        self.assertEqual(body, {"got": {"group": "admins", "n": 3}, "secret": "****"})
        status, body = self.run_script("echo", {"x": [1, 2]}, action="runScriptOnConnector")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["got"], {"x": [1, 2]})
        status, body = self.run_script("echo")  # empty body -> args nil
        self.assertEqual(status, 200, body)
        self.assertEqual(body, {"secret": "****"})
        self.assertNotIn(SECRET, self.server.log())

    def test_lua_config_is_what_the_config_endpoint_shows(self):
        # Issue 11: both come from the one property table (a null is nil in Lua, so absent).
        status, shown = h.rest(self.server.url + "/openidm/config/provisioner.openicf/aws")
        self.assertEqual(status, 200, shown)
        expected = {k: v for k, v in shown["configurationProperties"].items() if v is not None}
        status, body = self.run_script("config")
        self.assertEqual(status, 200, body)
        self.assertEqual(body, expected)
        self.assertEqual(body["secretKey"], "****")
        self.assertNotIn("proxyPort", body)  # unset: null in both (Lua said 0)
        self.assertEqual(body["maxRetries"], 0)

    def test_file_scripts_use_the_connector(self):
        status, body = self.run_script("summary", {"maxGroups": 5})
        self.assertEqual(status, 200, body)
        self.assertGreaterEqual(body["users"], 1)
        status, body = self.run_script("count")
        self.assertEqual(status, 200, body)
        self.assertGreaterEqual(body, 1)
        status, body = self.run_script("users", action="runScriptOnConnector")
        self.assertEqual(status, 200, body)

    def test_script_error_is_400_with_message_and_line(self):
        status, body = self.run_script("broken")
        self.assertEqual(status, 400, body)
        self.assertEqual(body["code"], 400)
        self.assertIn(":2:", body["message"])
        self.assertIn("nil", body["message"])

    def test_endless_loop_hits_the_limit_while_others_are_served(self):
        result = {}
        thread = threading.Thread(
            target=lambda: result.setdefault("loop", self.run_script("forever")))
        thread.start()
        try:
            status, body = self.run_script("echo", {"during": True})
            self.assertEqual(status, 200, body)
            status, body = h.rest(self.base + "/__ACCOUNT__/script-user")
            self.assertEqual(status, 200, body)
        finally:
            thread.join(60)
        self.assertFalse(thread.is_alive())
        status, body = result["loop"]
        self.assertEqual(status, 500, body)
        self.assertIn("forever", body["message"])

    def test_memory_bomb_hits_the_limit(self):
        status, body = self.run_script("bomb")
        self.assertEqual(status, 500, body)
        self.assertIn("bomb", body["message"])
        status, body = self.run_script("echo", {"after": 1})
        self.assertEqual(status, 200, body)

    def vm_hwm_mb(self):
        with open(f"/proc/{self.server.proc.pid}/status", encoding="utf-8") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
        return 0

    def test_backtracking_pattern_stops_at_the_time_limit(self):
        # The default limits are 10 s and 2e8 instructions; Lua's own matcher would run for hours (the request times
        # out after 30 s in h.rest and the test fails).
        start = time.monotonic()
        status, body = self.run_script("backtrack")
        self.assertLess(time.monotonic() - start, 25)
        self.assertEqual(status, 500, body)
        self.assertIn("backtrack", body["message"])
        # pattern steps count against the instruction budget too; whichever comes first
        self.assertRegex(body["message"], "(time limit|instruction budget) .* exceeded")

    def test_four_backtracking_scripts_do_not_lock_others_out(self):
        results = []
        threads = [threading.Thread(target=lambda: results.append(self.run_script("backtrack")))
                   for _ in range(4)]
        start = time.monotonic()
        for t in threads:
            t.start()
        try:
            status, body = h.rest(self.base + "/__ACCOUNT__/script-user")
            self.assertEqual(status, 200, body)
        finally:
            for t in threads:
                t.join(60)
        self.assertLess(time.monotonic() - start, 40)
        self.assertEqual([r[0] for r in results], [500] * 4, results)

    def test_result_of_shared_references_is_refused_within_the_memory_limit(self):
        status, body = self.run_script("fanout")
        self.assertIsNone(self.server.proc.poll())
        self.assertLess(self.vm_hwm_mb(), 500)  # the old conversion peaked at ~2 GB
        self.assertEqual(status, 500, body)
        self.assertIn("fanout", body["message"])
        self.assertIn("cannot become JSON", body["message"])
        status, body = self.run_script("echo", {"after": 1})
        self.assertEqual(status, 200, body)

    def test_bad_requests(self):
        status, body = self.run_script("nope")
        self.assertEqual(status, 404, body)
        self.assertIn("nope", body["message"])
        status, body = self.run_script(None)
        self.assertEqual(status, 400, body)
        status, body = self.run_script("echo", "{not json")
        self.assertEqual(status, 400, body)
        status, body = self.run_script("echo", auth=None)
        self.assertEqual(status, 401, body)
        status, body = self.run_script("echo", action="bogus")
        self.assertEqual(status, 400, body)

    def cli(self, *args):
        return subprocess.run([h.BINARY, "script", "--config", self.config, "--key-file",
                               self.key] + list(args), capture_output=True, text=True,
                              timeout=60, check=False)

    def test_cli(self):
        result = self.cli("--script-id", "echo", "--args", '{"a": 1}')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout), {"got": {"a": 1}, "secret": "****"})
        result = self.cli("--file", os.path.join(EXAMPLES, "account_summary.lua"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("users", json.loads(result.stdout))
        result = self.cli("--script-id", "broken")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn(":2:", result.stderr)
        result = self.cli("--script-id", "nope")
        self.assertEqual(result.returncode, 2)
        self.assertIn("nope", result.stderr)
        result = self.cli("--script-id", "echo", "--args", "{bad")
        self.assertEqual(result.returncode, 2)
        self.assertNotIn(SECRET, result.stdout + result.stderr)


if __name__ == "__main__":
    unittest.main()
