"""Shared helpers (no tests) of server_seed_test.py and server_config_cli_test.py: start
`aws-iam-connector` subcommands on free ports, wait for readiness, always stop them (SIGTERM, then SIGKILL), and call the REST API."""
import base64
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

BINARY = os.environ.get("AIC_BINARY", "aws-iam-connector")
READY_TIMEOUT = 30
ADMIN = ("openidm-admin", "openidm-admin")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


class Process:
    """A started subcommand whose first stdout line says 'listening on URL'."""

    def __init__(self, args, cwd=None, env=None, preexec_fn=None):
        self.log_file = tempfile.NamedTemporaryFile(prefix="aic_server_log_", delete=False)
        self.proc = subprocess.Popen([BINARY] + args, stdout=subprocess.PIPE,
                                     stderr=self.log_file, cwd=cwd, env=env, text=True,
                                     start_new_session=True, preexec_fn=preexec_fn)
        deadline = time.time() + READY_TIMEOUT
        self.url = None
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            if "listening on " in line:
                self.url = line.split("listening on ", 1)[1].split()[0].rstrip("/")
                break
        if self.url is None:
            self.stop()
            raise RuntimeError("did not start: " + " ".join(args) + "\n" + self.log())

    def log(self):
        with open(self.log_file.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        """SIGTERM (clean stop expected), SIGKILL after a grace period; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        return self.proc.returncode

    def __del__(self):
        try:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            os.unlink(self.log_file.name)
        except Exception:  # pylint: disable=broad-except
            pass


def rest(url, method="GET", body=None, headers=None, auth=ADMIN, context=None):
    """Returns (status, parsed JSON or raw text)."""
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if auth:
        request.add_header("X-OpenIDM-Username", auth[0])
        request.add_header("X-OpenIDM-Password", auth[1])
    request.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=30, context=context) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def emulator_admin(emulator_url, method, path, body=None):
    """Calls the emulator's admin API (started with --admin) and returns the decoded JSON."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(emulator_url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read().decode())


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
