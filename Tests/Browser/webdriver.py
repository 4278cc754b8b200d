"""A small W3C WebDriver client over chromedriver, with the standard library
only (urllib), so the browser tests need nothing from PyPI."""

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request

KEYS = {"down": "\ue015", "up": "\ue013", "enter": "\ue007", "escape": "\ue00c",
        "tab": "\ue004", "space": " "}
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriverError(Exception):
    pass


class Browser:
    """Headless Chromium driven through chromedriver on a loopback port."""

    def __init__(self, chromium="/usr/bin/chromium", driver="chromedriver"):
        self.port = free_port()
        self.process = subprocess.Popen([driver, f"--port={self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                self._call("GET", "/status")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--allow-file-access-from-files=false"]
        capabilities = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
            "goog:loggingPrefs": {"browser": "ALL"},
        }}}
        self.session = self._call("POST", "/session", capabilities)["sessionId"]

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"{}").get("value")
        except urllib.error.HTTPError as error:
            payload = json.loads(error.read() or b"{}").get("value", {})
            raise WebDriverError(f"{method} {path}: {payload.get('error')}: {payload.get('message', '')[:300]}")

    def call(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def open(self, url):
        self.call("POST", "/url", {"url": url})

    @property
    def url(self):
        return self.call("GET", "/url")

    def run(self, script, *args):
        return self.call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def run_async(self, script, *args):
        return self.call("POST", "/execute/async", {"script": script, "args": list(args)})

    def find(self, css):
        return self.call("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def type(self, css, text):
        self.call("POST", f"/element/{self.find(css)}/value", {"text": text})

    def click(self, css):
        self.call("POST", f"/element/{self.find(css)}/click", {})

    def press(self, *keys):
        """Key presses sent to whatever has focus (like a reader pressing '/')."""
        actions = []
        for key in keys:
            value = KEYS.get(key, key)
            actions += [{"type": "keyDown", "value": value}, {"type": "keyUp", "value": value}]
        self.call("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})
        self.call("DELETE", "/actions")

    def wait(self, script, timeout=10.0, *args):
        """Polls a script until it returns something truthy."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.run(script, *args)
            if value:
                return value
            time.sleep(0.05)
        raise WebDriverError(f"timed out waiting for: {script[:120]}")

    def set_window(self, width, height):
        """Resizes the browser window (W3C Set Window Rect); returns the rect
        the browser settled on. Check window.innerWidth for the viewport."""
        return self.call("POST", "/window/rect", {"width": width, "height": height})

    def cdp(self, cmd, params=None):
        """A Chrome DevTools Protocol command, through chromedriver."""
        return self.call("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params or {}})

    def print_pdf(self):
        """The current page printed to PDF (W3C WebDriver Print), as bytes."""
        import base64
        return base64.b64decode(self.call("POST", "/print", {"background": True, "orientation": "portrait"}))

    def logs(self):
        """Console messages since the last call (errors, CSP violations)."""
        return self._call("POST", f"/session/{self.session}/se/log", {"type": "browser"}) or []

    def quit(self):
        try:
            self._call("DELETE", f"/session/{self.session}")
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
