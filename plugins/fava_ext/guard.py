"""WSGI middleware around Fava's app: HTTP basic auth and a read-only guard.

Fava has no login. Its maintainers advise putting authentication in front of it, so
`welfare serve` wraps Fava's WSGI app here when it must: editing on an address other than
loopback requires a password file. The read-only guard refuses every method but GET and HEAD
before Fava sees the request, in addition to Fava's own `--read-only` check.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from pathlib import Path
from typing import TYPE_CHECKING

from welfare_ledger.plugins.i18n import UserError
from werkzeug.security import check_password_hash

if TYPE_CHECKING:
    from collections.abc import Iterable
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

SAFE_METHODS = frozenset({"GET", "HEAD"})
HASH_PREFIXES = ("scrypt:", "pbkdf2:")
REALM = "welfare-ledger"


class PasswordFileError(UserError):
    """A password file that cannot be used, naming the file and line."""



def read_password_file(path: str | Path) -> dict[str, str]:
    """Users and passwords of a file of `user:password` lines.

    A password may be plain text or a hash made by `werkzeug.security.generate_password_hash`
    (`scrypt:...`, `pbkdf2:...`), so a treasurer need not keep it in clear. Blank lines and
    lines starting with `#` are skipped.

    Raises:
        PasswordFileError: A line is not `user:password`, or the file has no user at all.

    """
    file = Path(path)
    users: dict[str, str] = {}
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PasswordFileError(
            "{path}: cannot read the password file ({reason}).", path=file, reason=exc
        ) from exc
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            raise PasswordFileError("{path}:{line}: a line must be user:password.", path=file, line=number)
        users[user.strip()] = password
    if not users:
        raise PasswordFileError("{path}: the password file names no user.", path=file)
    return users


def _password_matches(stored: str, given: str) -> bool:
    if stored.startswith(HASH_PREFIXES):
        return check_password_hash(stored, given)
    return hmac.compare_digest(stored.encode("utf-8"), given.encode("utf-8"))


def _credentials(environ: WSGIEnvironment) -> tuple[str, str] | None:
    header = environ.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def _plain(
    start_response: StartResponse, status: str, text: str, headers: list[tuple[str, str]]
) -> list[bytes]:
    body = text.encode("utf-8")
    start_response(
        status,
        [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))), *headers],
    )
    return [body]


class BasicAuth:
    """Ask every request for HTTP basic auth against the users of a password file."""

    def __init__(self, app: WSGIApplication, users: dict[str, str]) -> None:
        self.app = app
        self.users = dict(users)
        self._dummy = next(iter(self.users.values()))

    def authorised(self, environ: WSGIEnvironment) -> bool:
        """Whether the request carries a known user and its password.

        An unknown user is still compared against a stored password, so the time taken does
        not tell which users exist.
        """
        credentials = _credentials(environ)
        if credentials is None:
            return False
        user, password = credentials
        stored = self.users.get(user)
        matches = _password_matches(stored if stored is not None else self._dummy, password)
        return matches and stored is not None

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Pass the request to Fava only with valid credentials; else ask for them (401)."""
        if self.authorised(environ):
            return self.app(environ, start_response)
        return _plain(
            start_response,
            "401 Unauthorized",
            "ต้องเข้าสู่ระบบ / Authentication required\n",
            [("WWW-Authenticate", f'Basic realm="{REALM}", charset="UTF-8"')],
        )


class ReadOnlyGuard:
    """Refuse every method that could change something, before Fava sees the request."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Pass GET and HEAD to Fava; answer anything else with 403."""
        if environ.get("REQUEST_METHOD", "GET").upper() in SAFE_METHODS:
            return self.app(environ, start_response)
        return _plain(
            start_response,
            "403 Forbidden",
            "บัญชีเปิดให้อ่านอย่างเดียว / The books are read-only\n",
            [("Allow", "GET, HEAD")],
        )
