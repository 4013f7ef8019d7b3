"""Test harness for the emulator acceptance suite.

Starts an IAM backend for a test class, hands out clients that no one in this project wrote
(boto3 and the image's `aws` CLI), and always stops what it started.

Backends:
  * our emulator (default): `$AIC_BINARY emulator --port 0 --db <tmp> --admin`, else
    build/aws-iam-connector; the port is read from the "listening on http://HOST:PORT" line.
  * moto's server when AIC_IAM_BACKEND=moto (`python3 -m moto.server`), the reference where moto
    is faithful to AWS.

Every child process is started with PR_SET_PDEATHSIG=SIGKILL, so it dies with the test runner
even if the runner itself is killed (for example by a CTest timeout), and is also stopped by the
class cleanup and at interpreter exit.
"""

import ctypes
import datetime
import http.client
import json
import os
import queue
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ElementTree

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

import model_shape

BACKEND = os.environ.get("AIC_IAM_BACKEND", "emulator")
IS_MOTO = BACKEND == "moto"
ACCOUNT_ID = "123456789012"
REGION = "us-east-1"
SEED_KEY = "test"
SEED_SECRET = "test"
READY_TIMEOUT_SECONDS = 30
STOP_TIMEOUT_SECONDS = 5
HTTP_TIMEOUT_SECONDS = 30
CLI_TIMEOUT_SECONDS = 60
RETRY_TOTAL_ATTEMPTS = 4  # make_client(retries=True): the first try and 3 retries
IAM_VERSION = "2010-05-08"
STS_VERSION = "2011-06-15"
IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/"

_REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
_PR_SET_PDEATHSIG = 1

# Tests skipped against moto only because moto departs from AWS's documented behaviour there.
MOTO_LAX = []

# Keep the machine's own AWS configuration out of every client (boto3 and the CLI).
_ISOLATION_DIR = tempfile.mkdtemp(prefix="aic-accept-awscfg-")
for _name in ("config", "credentials"):
    open(os.path.join(_ISOLATION_DIR, _name), "w").close()
os.environ["AWS_CONFIG_FILE"] = os.path.join(_ISOLATION_DIR, "config")
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(_ISOLATION_DIR, "credentials")
for _var in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
             "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS", "HTTP_PROXY",
             "HTTPS_PROXY", "http_proxy", "https_proxy"):
    os.environ.pop(_var, None)
os.environ["AWS_ACCESS_KEY_ID"] = SEED_KEY
os.environ["AWS_SECRET_ACCESS_KEY"] = SEED_SECRET
os.environ["AWS_DEFAULT_REGION"] = REGION
os.environ["NO_PROXY"] = "127.0.0.1,localhost"
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


def unless_moto(reason):
    """Skips a test against moto only: moto departs from AWS's documented behaviour there."""

    def decorate(test):
        MOTO_LAX.append((test.__qualname__, reason))
        # AIC_RUN_MOTO_LAX=1 runs them against moto anyway, to check that moto still departs.
        skip = IS_MOTO and os.environ.get("AIC_RUN_MOTO_LAX") != "1"
        return unittest.skipIf(skip, "moto departs from AWS: " + reason)(test)

    return decorate


def emulator_only(reason):
    """Skips a test or class against moto: it exercises a feature only our emulator has."""
    return unittest.skipIf(IS_MOTO, "emulator only: " + reason)


def emulator_binary():
    path = os.environ.get("AIC_BINARY") or os.path.join(_REPO_ROOT, "build", "aws-iam-connector")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"emulator binary not found at {path} (set AIC_BINARY)")
    return path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent():
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


_LIVE_PROCESSES = set()


def _stop_all_at_exit():
    for proc in list(_LIVE_PROCESSES):
        proc.stop()


import atexit  # noqa: E402

atexit.register(_stop_all_at_exit)


class ServerProcess:
    """One backend process: our emulator or moto's server, on a free loopback port."""

    def __init__(self, kind=None, extra_args=(), db_path=None, admin=True, workdir=None,
                 file_size_limit=None):
        """file_size_limit: RLIMIT_FSIZE of the emulator (bytes), to make its writes fail as on
        a full disk (EFBIG, with SIGXFSZ ignored)."""
        self.file_size_limit = file_size_limit
        self.kind = kind or BACKEND
        self.extra_args = list(extra_args)
        self.admin = admin
        self._own_workdir = workdir is None
        self.workdir = workdir or tempfile.mkdtemp(prefix="aic-accept-")
        self.db_path = db_path or os.path.join(self.workdir, "iam.db")
        self.proc = None
        self.port = None
        self._log = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def is_moto(self):
        return self.kind == "moto"

    def start(self):
        self._log = open(os.path.join(self.workdir, f"{self.kind}.log"), "ab")
        if self.is_moto:
            self._start_moto()
        else:
            self._start_emulator()
        _LIVE_PROCESSES.add(self)
        return self

    def _start_emulator(self):
        cmd = [emulator_binary(), "emulator", "--host", "127.0.0.1", "--port", "0",
               "--db", self.db_path]
        if self.admin:
            cmd.append("--admin")
        cmd += self.extra_args
        limit = self.file_size_limit

        def prepare_child():
            _die_with_parent()
            if limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # stays ignored across exec
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self._log,
                                     stdin=subprocess.DEVNULL, preexec_fn=prepare_child)
        lines = queue.Queue()

        def pump():
            for raw in self.proc.stdout:
                lines.put(raw.decode("utf-8", "replace").strip())
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = lines.get(timeout=max(remaining, 0.01))
            except queue.Empty:
                line = None
                remaining = 0
            if line is None or remaining <= 0:
                self.stop()
                raise RuntimeError(f"emulator did not get ready: {cmd}\n{self.log_text()}")
            if line.startswith("listening on http://"):
                self.port = int(line.rsplit(":", 1)[1].strip("/"))
                return

    def _start_moto(self):
        self.port = free_port()
        cmd = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)]
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=self._log,
                                     stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if self.post("/moto-api/reset")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"moto did not get ready\n{self.log_text()}")

    def log_text(self):
        try:
            with open(os.path.join(self.workdir, f"{self.kind}.log"), "rb") as f:
                return f.read()[-4000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def request(self, method, path, body=None, headers=None):
        """Plain HTTP to the backend; returns (status, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HTTP_TIMEOUT_SECONDS)
        try:
            data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
            hdrs = dict(headers or {})
            if isinstance(body, (dict, list)):
                hdrs.setdefault("Content-Type", "application/json")
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def post(self, path, body=None):
        return self.request("POST", path, body if body is not None else b"")

    def reset(self):
        status, body = self.post("/moto-api/reset")
        if status != 200:
            raise RuntimeError(f"reset failed: {status} {body[:200]!r}")

    def admin_json(self, method, path, body=None):
        status, data = self.request(method, path, body)
        if status != 200:
            raise AssertionError(f"{method} {path} -> {status} {data[:300]!r}")
        return json.loads(data) if data.strip() else {}

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        _LIVE_PROCESSES.discard(self)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()
        if self._log:
            self._log.close()
            self._log = None
        _LIVE_PROCESSES.discard(self)

    def cleanup(self):
        self.stop()
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


def make_client(endpoint, service="iam", retries=False, key=SEED_KEY, secret=SEED_SECRET,
                token=None, region=REGION):
    """A boto3 client for the backend; retries off unless asked (so call counts are exact)."""
    retry_cfg = ({"total_max_attempts": RETRY_TOTAL_ATTEMPTS, "mode": "standard"} if retries else
                 {"total_max_attempts": 1, "mode": "standard"})
    cfg = Config(retries=retry_cfg, connect_timeout=5, read_timeout=HTTP_TIMEOUT_SECONDS,
                 parameter_validation=True)
    session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                    aws_session_token=token, region_name=region)
    client = session.client(service, endpoint_url=endpoint, config=cfg)
    # Every answer of ours is checked against the model botocore carries (element order too).
    return client if IS_MOTO else model_shape.register(client)


class _FixedTimeSigV4Auth(SigV4Auth):
    """SigV4Auth that signs with a given time (to make expired requests)."""

    def __init__(self, credentials, service, region, when):
        super().__init__(credentials, service, region)
        self._when = when

    def add_auth(self, request):
        request.context["timestamp"] = self._when.strftime("%Y%m%dT%H%M%SZ")
        self._modify_request_before_signing(request)
        canonical = self.canonical_request(request)
        signature = self.signature(self.string_to_sign(request, canonical), request)
        self._inject_signature_to_request(request, signature)


class RawResponse:
    def __init__(self, status, body):
        self.status = status
        self.body = body
        self.xml = None
        try:
            self.xml = ElementTree.fromstring(body) if body.strip() else None
        except ElementTree.ParseError:
            pass

    def find(self, local_name):
        """Text of the first element with this local name (namespace ignored)."""
        if self.xml is None:
            return None
        for elem in self.xml.iter():
            if elem.tag.rsplit("}", 1)[-1] == local_name:
                return elem.text
        return None

    @property
    def error_code(self):
        return self.find("Code")


def sign_request(endpoint, params, service="iam", key=SEED_KEY, secret=SEED_SECRET, token=None,
                 when=None):
    """A SigV4-signed form POST as botocore would send it: returns (headers dict, body bytes)."""
    body = urllib.parse.urlencode(params).encode()
    request = AWSRequest(method="POST", url=endpoint + "/", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    creds = Credentials(key, secret, token)
    if when is None:
        SigV4Auth(creds, service, REGION).add_auth(request)
    else:
        _FixedTimeSigV4Auth(creds, service, REGION, when).add_auth(request)
    return dict(request.headers.items()), body


def send_raw(endpoint, headers, body, target="/"):
    """POSTs `body` to `target` (path?query) of the endpoint; returns a RawResponse."""
    parsed = urllib.parse.urlparse(endpoint)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=HTTP_TIMEOUT_SECONDS)
    try:
        conn.request("POST", target, body=body, headers=headers)
        resp = conn.getresponse()
        return RawResponse(resp.status, resp.read())
    finally:
        conn.close()


def signed_call(endpoint, params, **kwargs):
    """Sign and send one Query API request; returns a RawResponse."""
    headers, body = sign_request(endpoint, params, **kwargs)
    return send_raw(endpoint, headers, body)


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


class CliError(Exception):
    def __init__(self, returncode, stderr):
        super().__init__(f"aws CLI exited {returncode}: {stderr.strip()}")
        self.returncode = returncode
        self.stderr = stderr


class AwsCli:
    """Runs the image's `aws` CLI against the backend with an isolated environment."""

    def __init__(self, endpoint, key=SEED_KEY, secret=SEED_SECRET):
        self.endpoint = endpoint
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        self.env.update({
            "AWS_ACCESS_KEY_ID": key,
            "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_CONFIG_FILE": os.environ["AWS_CONFIG_FILE"],
            "AWS_SHARED_CREDENTIALS_FILE": os.environ["AWS_SHARED_CREDENTIALS_FILE"],
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_PAGER": "",
            "AWS_EC2_METADATA_DISABLED": "true",
        })

    def run(self, service, *args, expect_ok=True):
        """Runs `aws SERVICE ARGS`; returns parsed JSON (or None for empty output)."""
        cmd = ["aws", "--endpoint-url", self.endpoint, "--output", "json", service,
               *[str(a) for a in args]]
        done = subprocess.run(cmd, env=self.env, capture_output=True, text=True,
                              timeout=CLI_TIMEOUT_SECONDS)
        if done.returncode != 0:
            if expect_ok:
                raise CliError(done.returncode, done.stderr)
            return CliError(done.returncode, done.stderr)
        if not expect_ok:
            raise AssertionError(f"aws {service} {args} succeeded unexpectedly: {done.stdout}")
        return json.loads(done.stdout) if done.stdout.strip() else None

    def iam(self, *args, **kwargs):
        return self.run("iam", *args, **kwargs)

    def sts(self, *args, **kwargs):
        return self.run("sts", *args, **kwargs)


class BackendTestCase(unittest.TestCase):
    """Starts one backend per test class and resets its state before every test.

    Subclasses may set SERVER_ARGS (extra emulator flags) and ADMIN.
    """

    SERVER_ARGS = ()
    ADMIN = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ServerProcess(extra_args=cls.SERVER_ARGS, admin=cls.ADMIN)
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()
        cls.endpoint = cls.server.endpoint
        cls.iam = make_client(cls.endpoint, "iam")
        cls.sts = make_client(cls.endpoint, "sts")

    def setUp(self):
        if self.ADMIN or self.server.is_moto:
            self.server.reset()

    # --- assertions ---------------------------------------------------------------------------

    def assertAwsError(self, code, status, fn, *args, **kwargs):
        """Calls fn and asserts that it fails with this AWS error code and HTTP status."""
        from botocore.exceptions import ClientError
        with self.assertRaises(ClientError) as caught:
            fn(*args, **kwargs)
        err = caught.exception.response
        got_code = err.get("Error", {}).get("Code")
        got_status = err.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if isinstance(code, (tuple, list)):
            self.assertIn(got_code, code, err)
        else:
            self.assertEqual(code, got_code, err)
        if isinstance(status, (tuple, list)):
            self.assertIn(got_status, status, err)
        else:
            self.assertEqual(status, got_status, err)
        self.assertTrue(err.get("Error", {}).get("Message"), err)
        return err

    def assertRecentDate(self, value):
        self.assertIsInstance(value, datetime.datetime)
        self.assertIsNotNone(value.tzinfo)
        delta = abs((utc_now() - value).total_seconds())
        self.assertLess(delta, 24 * 3600, value)

    # --- helpers ------------------------------------------------------------------------------

    def page_all(self, method, result_key, page_size=1, **kwargs):
        """Follows Marker by hand with MaxItems=page_size; returns (items, number of pages)."""
        items, pages, marker = [], 0, None
        while True:
            args = dict(kwargs, MaxItems=page_size)
            if marker:
                args["Marker"] = marker
            resp = method(**args)
            pages += 1
            page = resp[result_key]
            self.assertLessEqual(len(page), page_size)
            items += page
            if not resp.get("IsTruncated"):
                self.assertNotIn("Marker", resp)
                return items, pages
            self.assertTrue(resp.get("Marker"))
            marker = resp["Marker"]
            self.assertLess(pages, 10000, "paging does not end")
