"""Firefox driven over WebDriver BiDi, Firefox's own remote protocol: the few commands the typography
test needs. Playwright drives only its own patched Firefox, which needs the open internet, or a
Firefox newer than Debian's ESR over BiDi; a stock Firefox speaks BiDi itself."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
import time

import websocket

_LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")


class Firefox:
    def __init__(self, executable):
        self.profile = tempfile.TemporaryDirectory()
        self.process = subprocess.Popen(
            [executable, "--headless", "--no-remote", "--remote-debugging-port=0", "--profile", self.profile.name],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        address = None
        deadline = time.monotonic() + 60
        while address is None and time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                raise RuntimeError(f"Firefox exited with {self.process.returncode} before listening")
            match = _LISTENING.search(line)
            address = match and match[1]
        if address is None:
            raise RuntimeError("Firefox did not start WebDriver BiDi within 60 s")
        # Firefox refuses a handshake that names an origin: only local clients, not web pages, may connect.
        self.socket = websocket.create_connection(address.rstrip("/") + "/session", timeout=60, suppress_origin=True)
        self.next_id = 0
        self.command("session.new", {"capabilities": {}})
        self.context = self.command("browsingContext.getTree", {})["contexts"][0]["context"]

    def command(self, method, params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if message.get("type") == "error" or "error" in message:
                    raise RuntimeError(f"{method}: {message.get('error')}: {message.get('message')}")
                return message["result"]

    def open(self, url, width, height):
        self.command("browsingContext.setViewport", {"context": self.context, "viewport": {"width": width, "height": height}})
        self.command("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    def evaluate(self, function, argument=None):
        """`function` (JavaScript source of a function of one argument) called on the page, its result as Python."""
        result = self.command("script.callFunction", {
            "functionDeclaration": function, "awaitPromise": True, "target": {"context": self.context},
            "arguments": [] if argument is None else [_remote(argument)]})
        if result.get("type") == "exception":
            raise RuntimeError(result["exceptionDetails"]["text"])
        return _local(result["result"])

    def close(self):
        try:
            self.command("session.end", {})
        except (RuntimeError, websocket.WebSocketException):
            pass
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)
        self.profile.cleanup()


def _remote(value):
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, bool):
        return {"type": "boolean", "value": value}
    if isinstance(value, (int, float)):
        return {"type": "number", "value": value}
    if isinstance(value, (list, tuple)):
        return {"type": "array", "value": [_remote(v) for v in value]}
    raise TypeError(type(value))


def _local(value):
    kind = value["type"]
    if kind in ("string", "boolean"):
        return value["value"]
    if kind == "number":
        return float(value["value"]) if not isinstance(value["value"], str) else float("nan")
    if kind == "array":
        return [_local(v) for v in value["value"]]
    if kind == "object":
        return {_local(key) if isinstance(key, dict) else key: _local(item) for key, item in value["value"]}
    if kind in ("null", "undefined"):
        return None
    raise TypeError(kind)
