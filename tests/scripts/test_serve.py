"""Security of `welfare serve`: a real server in a subprocess, read-only, loopback, basic auth.

With the server read-only, every way Fava's API can change the books (source, slices,
add_entries, documents, import uploads, extension endpoints) is refused and the book's files
stay byte-identical; `--allow-edit` is needed to change anything; the server binds loopback
unless told otherwise; editing on another address needs a password file and basic auth.
"""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from e2e.fava_server import (
    SLUG,
    copy_book,
    listening_addresses,
    request,
    start,
    tree_digest,
    welfare_command,
)
from welfare_ledger.plugins.fava_ext.guard import BasicAuth, read_password_file
from welfare_ledger.scripts.cli import cli
from welfare_ledger.scripts.serve import build_app, is_loopback, page_urls

LOOPBACK_V4 = "0100007F"
ANY_V4 = "00000000"


def api(server, path: str) -> str:
    return f"{server.base}/{SLUG}/api/{path}"


def source_of(server, book: Path) -> dict:
    status, body = request(api(server, f"source?filename={book}"))
    assert status == 200, body
    return json.loads(body)["data"]


def json_body(data: dict) -> tuple[bytes, dict[str, str]]:
    return json.dumps(data).encode(), {"Content-Type": "application/json"}


def multipart(
    field: str, filename: str, content: bytes, extra: dict[str, str]
) -> tuple[bytes, dict[str, str]]:
    boundary = "welfare-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in extra.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


@pytest.fixture
def book(tmp_path) -> Path:
    return copy_book(tmp_path)


@pytest.fixture
def read_only_server(book):
    server = start([str(book)])
    yield server
    server.stop()


def write_attempts(server, book: Path) -> list[tuple[str, str, bytes | None, dict[str, str]]]:
    """Every request through which Fava (or our extension) could change files."""
    source = source_of(server, book)
    new_text = source["source"] + '\n2024-12-31 * "Injected by a test"\n'
    document = book.parent / "documents/Expenses/NongBua/Benefits/Death/2024-08-15.death-NB-0002.pdf"
    _, findings = request(f"{server.base}/{SLUG}/extension/Transparency/findings?lang=en")
    entry_hash = json.loads(findings)[0]["entry_hash"]
    attempts = []
    body, headers = json_body({"file_path": str(book), "source": new_text, "sha256sum": source["sha256sum"]})
    attempts.append(("PUT", api(server, "source"), body, headers))
    body, headers = json_body({"source": new_text})
    attempts.append(("PUT", api(server, "format_source"), body, headers))
    body, headers = json_body(
        {
            "entries": [
                {
                    "t": "Transaction",
                    "date": "2024-12-31",
                    "flag": "*",
                    "payee": "",
                    "narration": "Injected",
                    "meta": {},
                    "tags": [],
                    "links": [],
                    "postings": [
                        {"account": "Expenses:NongBua:Benefits:Death", "amount": "1 THB"},
                        {"account": "Assets:NongBua:Cash", "amount": "-1 THB"},
                    ],
                }
            ]
        }
    )
    attempts.append(("PUT", api(server, "add_entries"), body, headers))
    body, headers = json_body({"entry_hash": entry_hash, "source": "", "sha256sum": "0"})
    attempts.append(("PUT", api(server, "source_slice"), body, headers))
    attempts.append(("DELETE", api(server, f"source_slice?entry_hash={entry_hash}&sha256sum=0"), None, {}))
    attempts.append(("DELETE", api(server, f"document?filename={document}"), None, {}))
    body, headers = multipart(
        "file",
        "2024-12-31.injected.pdf",
        b"%PDF-1.4 injected",
        {"folder": str(book.parent / "documents"), "account": "Assets:NongBua:Cash"},
    )
    attempts.append(("PUT", api(server, "add_document"), body, headers))
    body, headers = json_body({"filename": str(document), "entry_hash": entry_hash})
    attempts.append(("PUT", api(server, "attach_document"), body, headers))
    body, headers = multipart("file", "statement.csv", b"Date,Amount\n", {})
    attempts.append(("PUT", api(server, "upload_import_file"), body, headers))
    body, headers = json_body(
        {"account": "Assets:NongBua:Cash", "new_name": "x.pdf", "filename": str(document)}
    )
    attempts.append(("PUT", api(server, "move"), body, headers))
    for endpoint in ("findings", "mode"):
        url = f"{server.base}/{SLUG}/extension/Transparency/{endpoint}"
        for method in ("POST", "PUT", "DELETE"):
            attempts.append((method, url, b"{}", {"Content-Type": "application/json"}))
    return attempts


def test_read_only_server_refuses_every_write_and_leaves_files_identical(book, read_only_server):
    folder = book.parent
    before = tree_digest(folder)
    attempts = write_attempts(read_only_server, book)
    assert len(attempts) >= 15
    for method, url, body, headers in attempts:
        status, answer = request(url, method, body, headers)
        assert status in (401, 403, 405), (method, url, status, answer[:200])
    assert tree_digest(folder) == before
    status, _ = request(f"{read_only_server.base}/{SLUG}/extension/Transparency/")
    assert status == 200


def test_binds_loopback_by_default_and_says_where_to_look(book):
    server = start([str(book)])
    try:
        listening = listening_addresses(server.port)
    finally:
        output = server.stop()
    assert listening == {LOOPBACK_V4}
    assert f"http://127.0.0.1:{server.port}/{SLUG}/extension/Transparency/" in output
    assert "อ่านอย่างเดียว" in output and "read-only" in output
    assert "เปิดเบราว์เซอร์" in output and "point a browser" in output


def test_binds_the_address_it_is_told(book):
    server = start([str(book), "--host", "0.0.0.0"])
    try:
        listening = listening_addresses(server.port)
    finally:
        server.stop()
    assert listening == {ANY_V4}


def test_allow_edit_lets_a_change_through(book):
    server = start([str(book), "--allow-edit"])
    try:
        source = source_of(server, book)
        new_text = source["source"] + "\n; edited through Fava\n"
        body, headers = json_body(
            {"file_path": str(book), "source": new_text, "sha256sum": source["sha256sum"]}
        )
        status, answer = request(api(server, "source"), "PUT", body, headers)
    finally:
        output = server.stop()
    assert status == 200, answer
    assert book.read_text(encoding="utf-8").endswith("; edited through Fava\n")
    assert "editing allowed" in output


def test_fava_own_read_only_refuses_writes_behind_the_guard(book):
    """Fava's `--read-only` holds even without our guard in front (defence in depth)."""
    app, _ = build_app([book], read_only=True)
    client = app.test_client()
    before = tree_digest(book.parent)
    response = client.put(f"/{SLUG}/api/source", json={"file_path": str(book), "source": "", "sha256sum": ""})
    assert response.status_code == 401
    assert client.post(f"/{SLUG}/extension/Transparency/mode").status_code == 401
    assert tree_digest(book.parent) == before


def test_allow_edit_on_a_public_address_needs_a_password_file(book):
    result = subprocess.run(
        [
            *welfare_command(),
            "--lang",
            "en",
            "serve",
            str(book),
            "--host",
            "0.0.0.0",
            "--allow-edit",
            "--port",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "--password-file" in result.stderr
    assert "0.0.0.0" in result.stderr


def test_password_file_asks_for_basic_auth(book, tmp_path):
    password_file = tmp_path / "users.txt"
    password_file.write_text("# treasurers\ntreasurer:sa-wat-dee-2567\n", encoding="utf-8")
    server = start([str(book), "--host", "0.0.0.0", "--allow-edit", "--password-file", str(password_file)])
    page = f"{server.base}/{SLUG}/extension/Transparency/"
    good = "Basic " + base64.b64encode(b"treasurer:sa-wat-dee-2567").decode()
    bad = "Basic " + base64.b64encode(b"treasurer:wrong").decode()
    stranger = "Basic " + base64.b64encode(b"someone:sa-wat-dee-2567").decode()
    try:
        status, body = request(page)
        assert status == 401
        assert b"Authentication required" in body
        assert request(page, headers={"Authorization": bad})[0] == 401
        assert request(page, headers={"Authorization": stranger})[0] == 401
        assert request(page, "PUT", b"{}", {"Content-Type": "application/json"})[0] == 401
        assert request(page, headers={"Authorization": good})[0] == 200
        source = json.loads(
            request(api(server, f"source?filename={book}"), headers={"Authorization": good})[1]
        )["data"]
        body, headers = json_body(
            {
                "file_path": str(book),
                "source": source["source"] + "\n; by the treasurer\n",
                "sha256sum": source["sha256sum"],
            }
        )
        assert request(api(server, "source"), "PUT", body, {**headers, "Authorization": good})[0] == 200
    finally:
        server.stop()
    assert book.read_text(encoding="utf-8").endswith("; by the treasurer\n")
    assert listening_addresses(server.port) == set()


def test_several_books_at_once(book):
    area = book.parent / "areas" / "NongBua.beancount"
    server = start([str(book), str(area)])
    try:
        app, _ = build_app([book, area], read_only=True)
        urls = page_urls(app, server.base)
        answers = [request(url)[0] for url in urls]
    finally:
        output = server.stop()
    assert len(urls) == 2
    assert urls[0] == f"{server.base}/{SLUG}/extension/Transparency/"
    assert answers == [200, 200]
    for url in urls:
        assert url in output


def test_bad_password_file_names_file_and_line(book, tmp_path):
    password_file = tmp_path / "users.txt"
    password_file.write_text("treasurer:ok\njust-a-password\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--lang", "en", "serve", str(book), "--password-file", str(password_file)]
    )
    assert result.exit_code == 2
    assert f"{password_file}:2" in result.output
    assert "user:password" in result.output


def test_missing_book_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["--lang", "en", "serve", str(tmp_path / "nope.beancount")])
    assert result.exit_code == 2
    assert "nope.beancount: no such book file" in result.output


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")


def test_hashed_passwords_and_unknown_users(tmp_path):
    from werkzeug.security import generate_password_hash

    password_file = tmp_path / "users.txt"
    password_file.write_text(f"auditor:{generate_password_hash('khob-khun')}\n", encoding="utf-8")
    users = read_password_file(password_file)
    calls = []
    guard = BasicAuth(lambda environ, start: calls.append(1) or [b"ok"], users)

    def ask(credentials: bytes | None) -> bool:
        environ = {"REQUEST_METHOD": "GET"}
        if credentials is not None:
            environ["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(credentials).decode()
        return guard.authorised(environ)

    assert ask(b"auditor:khob-khun")
    assert not ask(b"auditor:khob")
    assert not ask(b"nobody:khob-khun")
    assert not ask(None)
