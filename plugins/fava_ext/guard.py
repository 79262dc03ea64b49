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
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from welfare_ledger.plugins.i18n import UserError, gettext
from werkzeug.security import check_password_hash, generate_password_hash

if TYPE_CHECKING:
    from collections.abc import Iterable
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

SAFE_METHODS = frozenset({"GET", "HEAD"})
HASH_PREFIXES = ("scrypt:", "pbkdf2:")
REALM = "welfare-ledger"
DEFAULT_METHOD = "scrypt"


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


def hash_entries(users: dict[str, str]) -> dict[str, str]:
    """Every password of `users` as a Werkzeug hash of one method.

    Raises:
        PasswordFileError: The hashed entries use different methods or costs, which would
            let the answer's time tell users apart.

    """
    methods = {stored.split("$", 1)[0] for stored in users.values() if stored.startswith(HASH_PREFIXES)}
    if len(methods) > 1:
        raise PasswordFileError(
            "The password file mixes hash methods ({methods}); make every hash with the same method.",
            methods=", ".join(sorted(methods)),
        )
    method = methods.pop() if methods else DEFAULT_METHOD
    return {
        user: stored if stored.startswith(HASH_PREFIXES) else generate_password_hash(stored, method=method)
        for user, stored in users.items()
    }


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


def bilingual(msgid: str) -> str:
    """A short server answer in Thai and English at once: the browser's language is not known yet."""
    return f"{gettext(msgid, 'th')} / {gettext(msgid, 'en')}"


def plain_answer(
    start_response: StartResponse, status: str, msgid: str, headers: list[tuple[str, str]]
) -> list[bytes]:
    """A plain-text answer of the guards, in both languages."""
    body = f"{bilingual(msgid)}\n".encode()
    start_response(
        status,
        [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))), *headers],
    )
    return [body]


class BasicAuth:
    """Ask every request for HTTP basic auth against the users of a password file.

    Every entry is hashed at start-up with one method (the method of the file's hashed
    entries, or Werkzeug's default when all are clear), and a made-up entry stands for
    unknown users, so a check that is not a repeat of proven credentials costs exactly one
    hash whoever asks: the answer's time tells nothing about which users exist or how their
    password is stored. Credentials once proven are remembered as a keyed digest for this
    process, so a member's browser, which sends them with each request, does not pay the
    hash again and again.
    """

    def __init__(self, app: WSGIApplication, users: dict[str, str]) -> None:
        self.app = app
        self.users = hash_entries(users)
        method = next(iter(self.users.values())).split("$", 1)[0]
        self._unknown = generate_password_hash(secrets.token_urlsafe(24), method=method)
        self._key = secrets.token_bytes(32)
        self._proven: set[bytes] = set()

    def _digest(self, user: str, password: str) -> bytes:
        return hmac.digest(self._key, f"{user}\0{password}".encode(), "sha256")

    def authorised(self, environ: WSGIEnvironment) -> bool:
        """Whether the request carries a known user and its password."""
        credentials = _credentials(environ)
        if credentials is None:
            return False
        user, password = credentials
        digest = self._digest(user, password)
        if any(hmac.compare_digest(digest, known) for known in self._proven):
            return True
        stored = self.users.get(user)
        matches = check_password_hash(stored if stored is not None else self._unknown, password)
        if matches and stored is not None:
            self._proven.add(digest)
            return True
        return False

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Pass the request to Fava only with valid credentials; else ask for them (401)."""
        if self.authorised(environ):
            return self.app(environ, start_response)
        return plain_answer(
            start_response,
            "401 Unauthorized",
            "Authentication required",
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
        return plain_answer(
            start_response,
            "403 Forbidden",
            "The books are read-only",
            [("Allow", "GET, HEAD")],
        )
