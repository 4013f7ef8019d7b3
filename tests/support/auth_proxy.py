#!/usr/bin/env python3
"""A small authenticating HTTP forward proxy for tests (standard library only).

Usage: auth_proxy.py --user USER --password PASSWORD

Listens on 127.0.0.1, port 0 (the kernel picks one), and prints "PORT <n>" on its first line.
Handles absolute-URI requests ("POST http://host:port/path HTTP/1.1") by forwarding them to the
origin, and CONNECT host:port by opening a tunnel. Every request must carry
"Proxy-Authorization: Basic base64(user:password)"; otherwise it answers 407 with
"Proxy-Authenticate: Basic realm=...". Forwarded requests get "Via: 1.1 aic-auth-proxy" so the
origin can tell they came through the proxy.

For every event it prints one line on stdout (flushed), which tests read:
  FORWARDED <method> <absolute-url>
  TUNNEL <host:port>
  DENIED <method> <target>
It never prints the credentials it receives. It stops on SIGTERM/SIGINT.
"""

import argparse
import base64
import hmac
import http.client
import select
import signal
import socket
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Bound on a forwarded request body and on each relayed response (bytes).
MAX_BODY_BYTES = 64 * 1024 * 1024
# Seconds to wait on the origin / on an idle tunnel.
UPSTREAM_TIMEOUT_SECONDS = 30
TUNNEL_IDLE_SECONDS = 60
RELAY_CHUNK_BYTES = 64 * 1024

HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
    "te", "trailers", "transfer-encoding", "upgrade",
}

_print_lock = threading.Lock()


def emit(line):
    with _print_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    expected_auth = b""  # set by main()

    def log_message(self, fmt, *args):  # keep stderr quiet
        pass

    def _authorized(self):
        header = self.headers.get("Proxy-Authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        return hmac.compare_digest(value.strip().encode(), self.expected_auth)

    def _deny(self):
        emit("DENIED %s %s" % (self.command, self.path))
        body = b"proxy authentication required\n"
        self.send_response(407)
        self.send_header("Proxy-Authenticate", 'Basic realm="aic-test-proxy"')
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        # Drain a request body so the connection stays usable.
        length = int(self.headers.get("Content-Length", "0") or 0)
        if 0 < length <= MAX_BODY_BYTES:
            self.rfile.read(length)

    def _error(self, status, text):
        body = (text + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_CONNECT(self):
        if not self._authorized():
            self._deny()
            return
        host, _, port = self.path.rpartition(":")
        try:
            upstream = socket.create_connection((host, int(port)), timeout=UPSTREAM_TIMEOUT_SECONDS)
        except (OSError, ValueError) as e:
            self._error(502, "cannot reach %s: %s" % (self.path, e))
            return
        emit("TUNNEL %s" % self.path)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        client = self.connection
        sockets = [client, upstream]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], TUNNEL_IDLE_SECONDS)
                if not readable:
                    break
                done = False
                for s in readable:
                    data = s.recv(RELAY_CHUNK_BYTES)
                    if not data:
                        done = True
                        break
                    (upstream if s is client else client).sendall(data)
                if done:
                    break
        except OSError:
            pass
        finally:
            upstream.close()
            self.close_connection = True

    def _forward(self):
        if not self._authorized():
            self._deny()
            return
        url = urllib.parse.urlsplit(self.path)
        if url.scheme != "http" or not url.hostname:
            self._error(400, "absolute http:// URI required")
            return
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length > MAX_BODY_BYTES:
            self._error(413, "request body too large")
            return
        body = self.rfile.read(length) if length else None
        headers = {}
        for name, value in self.headers.items():
            if name.lower() not in HOP_BY_HOP:
                headers[name] = value
        headers["Via"] = "1.1 aic-auth-proxy"
        target = url.path or "/"
        if url.query:
            target += "?" + url.query
        try:
            conn = http.client.HTTPConnection(url.hostname, url.port or 80,
                                              timeout=UPSTREAM_TIMEOUT_SECONDS)
            conn.request(self.command, target, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read(MAX_BODY_BYTES + 1)
            conn.close()
        except OSError as e:
            self._error(502, "upstream error: %s" % e)
            return
        emit("FORWARDED %s %s" % (self.command, self.path))
        self.send_response(resp.status, resp.reason)
        for name, value in resp.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = _forward
    do_POST = _forward
    do_PUT = _forward
    do_DELETE = _forward
    do_HEAD = _forward
    do_PATCH = _forward


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients hanging up mid-request (timeouts, aborted transfers) are normal in tests.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    ProxyHandler.expected_auth = base64.b64encode(
        ("%s:%s" % (args.user, args.password)).encode())

    server = QuietServer(("127.0.0.1", 0), ProxyHandler)

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    emit("PORT %d" % server.server_address[1])
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
