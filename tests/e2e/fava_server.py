"""Start the real `welfare serve` in a subprocess on a free port, for security and browser tests."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BOOK_DIR = Path(__file__).resolve().parent.parent / "plugins" / "fava_ext_book"
SLUG = "welfare-test-province"


def copy_book(target: Path) -> Path:
    """A private copy of the test province (so a test that edits it cannot touch the original)."""
    shutil.copytree(BOOK_DIR, target / "book")
    return target / "book" / "main.beancount"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def welfare_command() -> list[str]:
    script = Path(sys.executable).with_name("welfare")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from welfare_ledger.scripts.cli import main; main()"]


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, to prove that nothing changed."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@dataclasses.dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    output: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            out, _ = self.process.communicate(timeout=10)
            self.output += out or ""
        if self.process.poll() is None:
            self.process.kill()
            out, _ = self.process.communicate()
            self.output += out or ""
        return self.output


def start(args: list[str], port: int | None = None, timeout: float = 60, *, ready: bool = True) -> Server:
    """Run `welfare serve ARGS --port PORT` and wait until it answers HTTP (with `ready`: until the
    books are loaded, that is, until it stops answering 503 with the loading page)."""
    port = port or free_port()
    process = subprocess.Popen(
        [*welfare_command(), "serve", *args, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(process, port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.stop()
            raise RuntimeError(f"welfare serve exited {process.returncode}:\n{server.output}")
        try:
            urllib.request.urlopen(f"{server.base}/", timeout=5)
        except urllib.error.HTTPError as error:
            if error.code == 503 and ready:
                time.sleep(0.2)
                continue
            return server
        except OSError:
            time.sleep(0.2)
            continue
        return server
    server.stop()
    raise RuntimeError(f"welfare serve did not answer within {timeout}s:\n{server.output}")


def request(
    url: str,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    """Status and body of one HTTP request; HTTP errors are answers, not exceptions."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def listening_addresses(port: int) -> set[str]:
    """The local addresses (hex, as the kernel writes them) listening on `port`, from /proc."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                address, port_hex = fields[1].rsplit(":", 1)
                if int(port_hex, 16) == port and fields[3] == "0A":
                    found.add(address)
    return found
