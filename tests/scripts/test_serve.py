"""Security of `welfare serve`: a real server in a subprocess, read-only, loopback, basic auth.

With the server read-only, every way Fava's API can change the books (source, slices,
add_entries, documents, import uploads, extension endpoints) is refused and the book's files
stay byte-identical; `--allow-edit` is needed to change anything; the server binds loopback
unless told otherwise; editing on another address needs a password file and basic auth.
"""

from __future__ import annotations

import base64
import hashlib
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
    text = book.read_text(encoding="utf-8")
    source = {"source": text, "sha256sum": hashlib.sha256(text.encode()).hexdigest()}
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
    assert "อ่านอย่างเดียว" in output or "read-only" in output
    assert "เปิดเบราว์เซอร์" in output or "point a browser" in output


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
    assert "editing allowed" in output or "แก้ไขได้" in output


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


# --- Issue 12: headers, files outside the folder, extensions, Host, HEAD, equal-cost auth ---------

EVILMOD = 'from pathlib import Path\nPath(__file__).with_name("PWNED").write_text("ran")\n'
CSP_PARTS = ("script-src http://", "script-src-attr 'none'", "frame-ancestors", "object-src", "base-uri 'none'")


def assert_secured(headers, *, document: bool = False) -> None:
    policy = headers.get("Content-Security-Policy", "")
    assert policy, "every answer carries a Content-Security-Policy"
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0] if "script-src" in policy else True
    assert "'unsafe-eval'" not in policy
    if document:
        assert "frame-ancestors 'self'" in policy
    else:
        assert "frame-ancestors 'none'" in policy
        assert "script-src-attr 'none'" in policy
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") == "no-referrer"


def raw(url: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None):
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_every_kind_of_answer_carries_the_security_headers(book, read_only_server):
    base = read_only_server.base
    document = book.parent / "documents/Expenses/NongBua/Benefits/Death/2024-08-15.death-NB-0002.pdf"
    answers = {
        "page": raw(f"{base}/{SLUG}/journal/"),
        "extension page": raw(f"{base}/{SLUG}/extension/Transparency/"),
        "json": raw(f"{base}/{SLUG}/api/errors"),
        "static": raw(f"{base}/static/app.js"),
        "our asset": raw(f"{base}/_welfare/read-only.css"),
        "not found": raw(f"{base}/{SLUG}/no-such-report/"),
        "403 guard": raw(f"{base}/{SLUG}/api/source", "PUT", {"Content-Type": "application/json"}, b"{}"),
        "403 source": raw(f"{base}/{SLUG}/api/source"),
        "head": raw(f"{base}/{SLUG}/journal/", "HEAD"),
    }
    assert answers["page"][0] == 200 and answers["static"][0] == 200 and answers["head"][0] == 200
    assert answers["not found"][0] == 404 and answers["403 guard"][0] == 403
    for name, (_, headers, _body) in answers.items():
        assert_secured(headers), name
    status, headers, body = raw(f"{base}/{SLUG}/document/?filename={document}")
    assert status == 200 and body.startswith(b"%PDF")
    assert_secured(headers, document=True)


def test_script_sources_are_only_favas_and_ours(read_only_server):
    _, headers, _ = raw(f"{read_only_server.base}/{SLUG}/journal/")
    policy = headers["Content-Security-Policy"]
    scripts = policy.split("script-src ", 1)[1].split(";", 1)[0].split()
    base = read_only_server.base
    assert scripts == ["'wasm-unsafe-eval'", f"{base}/static/", f"{base}/_welfare/", f"{base}/{SLUG}/extension_js_module/"]


def test_a_document_that_is_not_a_pdf_is_sandboxed(tmp_path):
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "receipt.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (folder / "main.beancount").write_text(
        'option "title" "Docs"\n2020-01-01 open Assets:BangMueang:Cash THB\n'
        f'2024-01-01 document Assets:BangMueang:Cash "{folder / "receipt.html"}"\n',
        encoding="utf-8",
    )
    server = start([str(folder / "main.beancount")])
    try:
        status, headers, _ = raw(f"{server.base}/docs/document/?filename={folder / 'receipt.html'}")
    finally:
        server.stop()
    assert status == 200
    assert headers["Content-Security-Policy"].startswith("sandbox; default-src 'none'")


def include_book(tmp_path: Path, include: str) -> Path:
    folder = tmp_path / "fund"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "inside.pdf").write_bytes(b"%PDF-1.4 inside")
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"%PDF-1.4 SECRET outside")
    book = folder / "main.beancount"
    book.write_text(
        'option "title" "Fund"\n'
        f'include "{include}"\n'
        "2020-01-01 open Assets:BangMueang:Cash THB\n"
        f'2024-01-01 document Assets:BangMueang:Cash "{outside}"\n'
        '2024-01-02 document Assets:BangMueang:Cash "docs/inside.pdf"\n',
        encoding="utf-8",
    )
    return book


@pytest.mark.parametrize("allow_edit", [False, True])
def test_no_file_outside_the_books_folder_is_served(tmp_path, allow_edit):
    """`include "/etc/passwd"` through /api/source, an absolute `document` through /document/."""
    book = include_book(tmp_path, "/etc/passwd")
    server = start([str(book), *(["--allow-edit"] if allow_edit else [])])
    outside = tmp_path / "outside.pdf"
    try:
        passwd = raw(f"{server.base}/fund/api/source?filename=/etc/passwd")
        document = raw(f"{server.base}/fund/document/?filename={outside}")
        climbing = raw(f"{server.base}/fund/document/?filename={book.parent}/docs/../../outside.pdf")
        inside = raw(f"{server.base}/fund/document/?filename={book.parent / 'docs' / 'inside.pdf'}")
        own_source = raw(f"{server.base}/fund/api/source?filename={book}")
    finally:
        server.stop()
    assert passwd[0] == 403 and b"root:" not in passwd[2]
    assert document[0] == 403 and b"SECRET" not in document[2]
    assert climbing[0] == 403 and b"SECRET" not in climbing[2]
    assert inside[0] == 200 and inside[2] == b"%PDF-1.4 inside"
    assert own_source[0] == (200 if allow_edit else 403), "members get no raw source; the treasurer does"


def test_a_symlinked_document_that_leads_out_is_refused(tmp_path):
    book = include_book(tmp_path, "docs/../main.beancount")
    link = book.parent / "docs" / "link.pdf"
    link.symlink_to(tmp_path / "outside.pdf")
    book.write_text(book.read_text() + '2024-01-03 document Assets:BangMueang:Cash "docs/link.pdf"\n', encoding="utf-8")
    server = start([str(book)])
    try:
        status, _, body = raw(f"{server.base}/fund/document/?filename={link}")
    finally:
        server.stop()
    assert status == 403 and b"SECRET" not in body


def test_members_see_an_entry_as_beancount_prints_it_without_comments(book, read_only_server):
    area = book.parent / "areas" / "NongBua.beancount"
    text = area.read_text(encoding="utf-8").replace(
        '  member: "NB-0002"\n  event-date', '  member: "NB-0002" ; widow lives with her son, phone 0812345678\n  event-date'
    )
    area.write_text(text, encoding="utf-8")
    _, _findings = request(f"{read_only_server.base}/{SLUG}/extension/Transparency/findings?lang=en")
    status, _, _context = raw(f"{read_only_server.base}/{SLUG}/journal/")
    assert status == 200
    from fava.beans.funcs import hash_entry
    from welfare_ledger.plugins.loader import load_book

    loaded = load_book(book)
    death = next(e for e in loaded.entries if getattr(e, "narration", "") == "Death benefit")
    status, _, body = raw(f"{read_only_server.base}/{SLUG}/api/source_slice?entry_hash={hash_entry(death)}")
    assert status == 200
    data = json.loads(body)["data"]
    assert 'member: "NB-0002"' in data["slice"]
    assert "0812345678" not in data["slice"] and "widow" not in data["slice"]


def test_a_foreign_extension_named_by_the_book_never_runs(tmp_path):
    folder = tmp_path / "fund"
    folder.mkdir()
    (folder / "evilmod.py").write_text(EVILMOD, encoding="utf-8")
    (folder / "main.beancount").write_text(
        'option "title" "Fund"\n2020-01-01 custom "fava-extension" "evilmod"\n'
        '2020-01-01 custom "fava-extension" "fava.ext.portfolio_list"\n'
        "2020-01-01 open Assets:BangMueang:Cash THB\n",
        encoding="utf-8",
    )
    server = start([str(folder / "main.beancount")])
    try:
        transparency = raw(f"{server.base}/fund/extension/Transparency/")[0]
        journal = raw(f"{server.base}/fund/journal/")[2].decode()
        findings = json.loads(raw(f"{server.base}/fund/extension/Transparency/findings?lang=en")[2])
    finally:
        output = server.stop()
    assert not (folder / "PWNED").exists(), "evilmod.py was imported"
    assert transparency == 200, "our pages on a book that does not declare them"
    assert '"PortfolioList"' in journal, "Fava's own extension is still loaded when asked for"
    assert '"Transparency"' in journal
    assert "evilmod" in output
    assert [f["rule"] for f in findings if "evilmod" in f["message"]] == ["extension"]


def test_host_allowlist_when_editing(book):
    server = start([str(book), "--allow-edit"])
    page = f"{server.base}/{SLUG}/extension/Transparency/"
    try:
        rebound = raw(page, headers={"Host": f"evil.example:{server.port}"})
        loopback = raw(page, headers={"Host": f"127.0.0.1:{server.port}"})
        localhost = raw(page, headers={"Host": f"localhost:{server.port}"})
        suffix = raw(page, headers={"Host": f"127.0.0.1.evil.example:{server.port}"})
    finally:
        server.stop()
    assert rebound[0] == 421 and suffix[0] == 421
    assert_secured(rebound[1])
    assert loopback[0] == 200 and localhost[0] == 200


def test_allowed_host_names(book):
    from welfare_ledger.scripts.serve import allowed_hosts

    assert allowed_hosts("0.0.0.0", [], allow_edit=False) is None, "a read-only LAN server answers any name"
    assert "fund.local" in allowed_hosts("0.0.0.0", ["fund.local"], allow_edit=True)
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0", [], allow_edit=True)
    assert "192.168.1.5" in allowed_hosts("192.168.1.5", [], allow_edit=True)
    assert "127.0.0.1" in allowed_hosts("127.0.0.1", [], allow_edit=False)


def test_head_is_allowed_wherever_get_is_even_read_only(book, read_only_server):
    import http.client

    for path in ("/", f"/{SLUG}/journal/", f"/{SLUG}/api/errors", f"/{SLUG}/extension/Transparency/", "/static/app.css"):
        connection = http.client.HTTPConnection("127.0.0.1", read_only_server.port, timeout=30)
        connection.request("HEAD", path)
        response = connection.getresponse()
        assert response.status in (200, 302), (path, response.status)
        assert response.read() == b""
        assert response.getheader("Content-Security-Policy")
        connection.close()
    assert raw(f"{read_only_server.base}/{SLUG}/api/source", "POST", {"Content-Type": "application/json"}, b"{}")[0] == 403


def test_root_leads_to_the_transparency_page_in_the_members_language(read_only_server):
    import urllib.request

    for language, expected in (("th-TH,th;q=0.9", "lang=th"), ("en-US,en;q=0.9", "lang=en")):
        req = urllib.request.Request(f"{read_only_server.base}/", headers={"Accept-Language": language})
        with urllib.request.urlopen(req, timeout=30) as response:
            assert response.url.endswith(f"/{SLUG}/extension/Transparency/?{expected}")


def test_the_loading_page_answers_until_the_books_are_ready(book):
    from fava.application import create_app
    from welfare_ledger.plugins.fava_ext.ledger import BackgroundLedgers
    from welfare_ledger.plugins.fava_ext.loading import WhileLoading
    from welfare_ledger.plugins.fava_ext.serving import install
    from werkzeug.test import Client

    app = create_app([str(book)], read_only=True)
    ledgers = BackgroundLedgers(app)
    app.config["LEDGERS"] = ledgers
    install(app, read_only=True)
    client = Client(WhileLoading(app.wsgi_app, ledgers))
    waiting = client.get(f"/{SLUG}/journal/", headers={"Accept-Language": "th"})
    assert waiting.status_code == 503 and waiting.headers["Retry-After"] == "2"
    text = waiting.get_data(as_text=True)
    assert "กำลังโหลดบัญชี" in text and 'http-equiv="refresh"' in text and "<script" not in text
    assert "The books are loading" in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    ledgers.load()
    assert client.get(f"/{SLUG}/journal/").status_code == 200


def test_serve_prints_what_it_loads(book):
    server = start([str(book)])
    output = server.stop()
    for words in (("Loading", "กำลังโหลด"), ("entries", "รายการ"), ("findings", "ข้อสังเกต")):
        assert any(word in output for word in words), output
    assert str(book) in output


def test_every_password_entry_is_hashed_alike_at_start_up(tmp_path):
    from welfare_ledger.plugins.fava_ext.guard import PasswordFileError
    from werkzeug.security import generate_password_hash

    hashed = generate_password_hash("khob-khun", method="pbkdf2:sha256:600000")
    users = {"treasurer": "sa-wat-dee", "auditor": hashed}
    guard = BasicAuth(lambda environ, start: [b"ok"], users)
    methods = {stored.split("$", 1)[0] for stored in [*guard.users.values(), guard._unknown]}
    assert methods == {"pbkdf2:sha256:600000"}, "clear, hashed and unknown users cost one hash of one method"

    def ask(credentials: bytes) -> bool:
        return guard.authorised({"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials).decode()})

    assert ask(b"treasurer:sa-wat-dee") and ask(b"treasurer:sa-wat-dee"), "proven credentials are remembered"
    assert ask(b"auditor:khob-khun")
    assert not ask(b"treasurer:wrong") and not ask(b"nobody:sa-wat-dee") and not ask(b"auditor:sa-wat-dee")
    mixed = {"a": hashed, "b": generate_password_hash("x", method="scrypt")}
    with pytest.raises(PasswordFileError):
        BasicAuth(lambda environ, start: [b"ok"], mixed)
