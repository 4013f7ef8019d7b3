"""kill -9 durability: every write the emulator acknowledged is there after a restart."""

import shutil
import tempfile
import threading
import unittest

from botocore.exceptions import BotoCoreError, ClientError

from harness import ServerProcess, emulator_only, make_client

WRITER_THREADS = 8
ACKED_USERS_BEFORE_KILL = 300
GROUPS = 4
WRITER_TIMEOUT_SECONDS = 120


@emulator_only("--db durability is an emulator feature")
class Kill9Test(unittest.TestCase):

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="aic-kill9-")
        self.addCleanup(shutil.rmtree, self.workdir, True)
        self.db = f"{self.workdir}/iam.db"

    def start(self):
        server = ServerProcess(db_path=self.db, workdir=self.workdir, admin=False)
        self.addCleanup(server.stop)
        return server.start()

    def test_acknowledged_writes_survive_sigkill(self):
        server = self.start()
        setup = make_client(server.endpoint)
        for g in range(GROUPS):
            setup.create_group(GroupName=f"k9-group-{g}")

        lock = threading.Lock()
        acked = {"user": set(), "tag": set(), "member": set()}
        enough = threading.Event()
        errors = []

        def writer(tid):
            client = make_client(server.endpoint)
            n = 0
            try:
                while True:
                    name = f"k9-{tid}-{n:04d}"
                    n += 1
                    client.create_user(UserName=name)
                    with lock:
                        acked["user"].add(name)
                        if len(acked["user"]) >= ACKED_USERS_BEFORE_KILL:
                            enough.set()
                    client.tag_user(UserName=name, Tags=[{"Key": "writer", "Value": str(tid)}])
                    with lock:
                        acked["tag"].add(name)
                    group = f"k9-group-{n % GROUPS}"
                    client.add_user_to_group(GroupName=group, UserName=name)
                    with lock:
                        acked["member"].add((name, group))
            except (BotoCoreError, ClientError, OSError) as err:
                # Expected once the process is killed mid-write; anything before is a failure.
                if not enough.is_set():
                    errors.append(repr(err))
                    enough.set()

        threads = [threading.Thread(target=writer, args=(t,), daemon=True)
                   for t in range(WRITER_THREADS)]
        for t in threads:
            t.start()
        self.assertTrue(enough.wait(WRITER_TIMEOUT_SECONDS), "writers too slow")
        server.kill9()  # while the writers are still sending
        for t in threads:
            t.join(WRITER_TIMEOUT_SECONDS)
        self.assertEqual([], errors)
        with lock:
            snapshot = {k: set(v) for k, v in acked.items()}
        self.assertGreaterEqual(len(snapshot["user"]), ACKED_USERS_BEFORE_KILL)

        restarted = self.start()
        client = make_client(restarted.endpoint)
        users = {}
        for page in client.get_paginator("get_account_authorization_details").paginate(
                Filter=["User"], PaginationConfig={"PageSize": 1000}):
            for u in page["UserDetailList"]:
                users[u["UserName"]] = u
        missing = sorted(snapshot["user"] - set(users))
        self.assertEqual([], missing, "acknowledged CreateUser lost")
        lost_tags = sorted(n for n in snapshot["tag"]
                           if {"Key": "writer", "Value": n.split("-")[1]}
                           not in users[n].get("Tags", []))
        self.assertEqual([], lost_tags, "acknowledged TagUser lost")
        lost_members = sorted((n, g) for n, g in snapshot["member"]
                              if g not in users[n].get("GroupList", []))
        self.assertEqual([], lost_members, "acknowledged AddUserToGroup lost")
        # Reads through the other index agree.
        for g in range(GROUPS):
            members = {u["UserName"] for page in client.get_paginator("get_group").paginate(
                GroupName=f"k9-group-{g}") for u in page["Users"]}
            expected = {n for n, grp in snapshot["member"] if grp == f"k9-group-{g}"}
            self.assertEqual(set(), expected - members)
        # The restarted emulator takes writes again.
        client.create_user(UserName="after-restart")


if __name__ == "__main__":
    unittest.main()
