"""The emulator's storage fails closed (issue 10).

A commit that fails (the disk is full: RLIMIT_FSIZE) is answered ServiceFailure and is never
seen, not even by a reader running at the same time; from then on writes are refused while reads
serve the last durable state; after a restart the failed write is absent. A corrupt database
stops the start with one line naming it. The database and its -wal/-shm files are owner-only.
"""

import os
import shutil
import stat
import subprocess
import tempfile
import threading
import unittest

from botocore.exceptions import ClientError

from harness import READY_TIMEOUT_SECONDS, ServerProcess, emulator_binary, emulator_only, make_client

FILE_SIZE_LIMIT = 1024 * 1024  # the emulator's "disk": the WAL hits it after some users
MAX_WRITES = 400  # far more than fit under FILE_SIZE_LIMIT
TAGS = [{"Key": f"k{i}", "Value": "v" * 200} for i in range(40)]  # ~10 KB per user
CORRUPT_TEST_USERS = 300
PAGE = 4096
READER_TIMEOUT_SECONDS = 60


def list_user_names(client):
    names = set()
    for page in client.get_paginator("list_users").paginate(PaginationConfig={"PageSize": 1000}):
        names.update(u["UserName"] for u in page["Users"])
    return names


@emulator_only("--db storage is an emulator feature")
class StorageTest(unittest.TestCase):

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="aic-storage-")
        self.addCleanup(shutil.rmtree, self.workdir, True)
        self.db = os.path.join(self.workdir, "state", "iam.db")
        os.makedirs(os.path.dirname(self.db))

    def start(self, **kwargs):
        server = ServerProcess(db_path=self.db, workdir=self.workdir, admin=False, **kwargs)
        self.addCleanup(server.stop)
        return server.start()

    def test_database_files_are_owner_only(self):
        old_umask = os.umask(0o022)
        self.addCleanup(os.umask, old_umask)
        server = self.start()
        client = make_client(server.endpoint)
        client.create_user(UserName="key-holder")
        client.create_access_key(UserName="key-holder")  # a secret is now in the files
        for path in (self.db, self.db + "-wal", self.db + "-shm"):
            mode = stat.S_IMODE(os.stat(path).st_mode)
            self.assertEqual(0o600, mode, f"{path} is {oct(mode)}")

    def test_failed_commit_is_never_seen_and_stops_writes(self):
        server = self.start(file_size_limit=FILE_SIZE_LIMIT)
        writer = make_client(server.endpoint)
        reader = make_client(server.endpoint)
        seen, read_errors = set(), []
        stop = threading.Event()

        def read_all_the_time():
            while not stop.is_set():
                try:
                    seen.update(list_user_names(reader))
                except ClientError as err:
                    read_errors.append(repr(err))
                    return

        reader_thread = threading.Thread(target=read_all_the_time, daemon=True)
        reader_thread.start()
        acked, failed = [], None
        for i in range(MAX_WRITES):
            name = f"fill-{i:04d}"
            try:
                writer.create_user(UserName=name, Tags=TAGS)
            except ClientError as err:
                self.assertEqual("ServiceFailure", err.response["Error"]["Code"], err.response)
                self.assertEqual(500, err.response["ResponseMetadata"]["HTTPStatusCode"])
                failed = name
                break
            acked.append(name)
        stop.set()
        reader_thread.join(READER_TIMEOUT_SECONDS)
        self.assertIsNotNone(failed, "the file size limit was never reached")
        self.assertGreater(len(acked), 0)
        self.assertEqual([], read_errors)
        self.assertNotIn(failed, seen, "a reader saw a write whose commit failed")

        # Writes stay refused, small ones too, though they might fit now.
        for call, kwargs in ((writer.create_user, {"UserName": "after"}),
                             (writer.delete_user, {"UserName": acked[0]}),
                             (writer.untag_user, {"UserName": acked[0], "TagKeys": ["k0"]})):
            with self.assertRaises(ClientError) as caught:
                call(**kwargs)
            self.assertEqual("ServiceFailure", caught.exception.response["Error"]["Code"])
            self.assertEqual(500, caught.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        # Reads serve the last durable state.
        self.assertEqual(set(acked), list_user_names(reader))
        self.assertEqual(len(TAGS), len(reader.list_user_tags(UserName=acked[0])["Tags"]))
        with self.assertRaises(ClientError) as caught:
            reader.get_user(UserName=failed)
        self.assertEqual("NoSuchEntity", caught.exception.response["Error"]["Code"])
        server.stop()

        restarted = self.start()
        client = make_client(restarted.endpoint)
        self.assertEqual(set(acked), list_user_names(client))
        client.create_user(UserName="after")

    def test_corrupt_database_stops_the_start(self):
        server = self.start()
        client = make_client(server.endpoint)
        for i in range(CORRUPT_TEST_USERS):
            client.create_user(UserName=f"user-{i:04d}", Tags=TAGS[:1])
        server.stop()  # a clean stop checkpoints the WAL into the database
        wal = self.db + "-wal"
        self.assertFalse(os.path.exists(wal) and os.path.getsize(wal) > 0)
        size = os.path.getsize(self.db)
        self.assertGreater(size, 16 * PAGE)
        start_of_garbage = (size // PAGE) * 3 // 4 * PAGE  # the first rows still read
        with open(self.db, "r+b") as f:
            f.seek(start_of_garbage)
            f.write(b"\xa5" * (size - start_of_garbage))

        cmd = [emulator_binary(), "emulator", "--host", "127.0.0.1", "--port", "0", "--db",
               self.db]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                  timeout=READY_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as err:
            self.fail(f"the emulator served a corrupt database: {err.stdout!r}")
        self.assertEqual(1, done.returncode, done.stdout + done.stderr)
        self.assertNotIn("listening", done.stdout)
        lines = [line for line in done.stderr.splitlines() if self.db in line]
        self.assertEqual(1, len(lines), done.stderr)
        self.assertIn("malformed", lines[0])


if __name__ == "__main__":
    unittest.main()
