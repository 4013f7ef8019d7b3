"""The HTML report of `aws-iam-connector review` opened in headless Chromium (Debian's package
`chromium`, installed by scripts/install-deps.sh): it renders, the rendered DOM's summary counts
equal the JSON report's, every check is present, the SVG picture of who can assume which role is
there, and a role named like markup did not become markup. The screenshot is kept as a test
artefact: build/test-artifacts/review/review-report.png (AIC_ARTIFACT_DIR overrides the folder).
Chromium missing is a failure, not a skip: CI installs it."""
import html.parser
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import server_common_test as h

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "review", "fixture.jsonl")
ARTIFACT_DIR = os.environ.get("AIC_ARTIFACT_DIR",
                              os.path.join(HERE, "..", "build", "test-artifacts", "review"))
CHROMIUM_TIMEOUT_SECONDS = 120


def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


class DomSummary(html.parser.HTMLParser):
    """Collects the counts, the checks' ids and statuses, and the svg and script elements."""

    def __init__(self):
        super().__init__()
        self.counts = {}
        self.checks = {}
        self.svg = 0
        self.lines = 0
        self.scripts = 0
        self.bold = 0
        self._count = None
        self._in_n = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and a.get("id", "").startswith("count-"):
            self._count = a["id"][len("count-"):]
        if tag == "span" and a.get("class") == "n" and self._count:
            self._in_n = True
        if tag == "section" and a.get("id", "").startswith("check-"):
            self.checks[a["id"][len("check-"):]] = a.get("data-status")
        if tag == "svg" and a.get("id") == "trust-graph":
            self.svg += 1
        if tag == "line" and a.get("class") == "edge":
            self.lines += 1
        if tag == "script":
            self.scripts += 1
        if tag == "b":
            self.bold += 1

    def handle_data(self, data):
        if self._in_n:
            self.counts[self._count] = int(data)
            self._in_n = False
            self._count = None


class ReviewHtmlChromiumTest(unittest.TestCase):
    def test_report_renders_in_chromium(self):
        chromium = chromium_binary()
        self.assertIsNotNone(chromium, "chromium is not installed: run scripts/install-deps.sh "
                             "(Debian package `chromium`)")
        work = tempfile.mkdtemp(prefix="aic_review_html_")
        try:
            report = os.path.join(work, "report.html")
            result = subprocess.run([h.BINARY, "review", "--input", FIXTURE, "-o", report],
                                    capture_output=True, text=True, timeout=60, check=False)
            self.assertEqual(result.returncode, 1, result.stderr)
            as_json = json.loads(subprocess.run(
                [h.BINARY, "review", "--input", FIXTURE, "--format", "json"],
                capture_output=True, text=True, timeout=60, check=False).stdout)

            common = [chromium, "--headless", "--disable-gpu", "--no-sandbox",
                      "--user-data-dir=" + os.path.join(work, "profile"),
                      "--no-first-run", "--disable-extensions"]
            url = "file://" + report
            dom = subprocess.run(common + ["--dump-dom", url], capture_output=True, text=True,
                                 timeout=CHROMIUM_TIMEOUT_SECONDS, check=False)
            self.assertEqual(dom.returncode, 0, dom.stderr[-2000:])
            parsed = DomSummary()
            parsed.feed(dom.stdout)
            self.assertEqual(parsed.counts, as_json["summary"])
            self.assertEqual(parsed.checks, {c["check"]: c["status"] for c in as_json["checks"]})
            self.assertEqual(parsed.svg, 1)
            self.assertEqual(parsed.lines, 5)  # one per trust edge of the fixture
            self.assertEqual(parsed.scripts, 0)
            self.assertEqual(parsed.bold, 0)  # "sso-<b>admin</b>" stayed text
            self.assertIn("sso-&lt;b&gt;admin&lt;/b&gt;", dom.stdout)

            os.makedirs(ARTIFACT_DIR, exist_ok=True)
            png = os.path.join(ARTIFACT_DIR, "review-report.png")
            if os.path.exists(png):
                os.unlink(png)
            shot = subprocess.run(common + ["--screenshot=" + png, "--window-size=1280,2000",
                                            "--hide-scrollbars", url],
                                  capture_output=True, text=True,
                                  timeout=CHROMIUM_TIMEOUT_SECONDS, check=False)
            self.assertEqual(shot.returncode, 0, shot.stderr[-2000:])
            with open(png, "rb") as f:
                head = f.read(24)
            self.assertEqual(head[:8], b"\x89PNG\r\n\x1a\n")
            width = int.from_bytes(head[16:20], "big")
            height = int.from_bytes(head[20:24], "big")
            self.assertEqual((width, height), (1280, 2000))
            self.assertGreater(os.path.getsize(png), 20000)  # not a blank page
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
