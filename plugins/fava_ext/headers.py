"""WSGI middleware that `welfare serve` puts outermost: security headers and the Host allowlist.

Bank descriptions reach the books unchanged and Fava renders some of them as HTML, so the
browser must refuse to run anything the server did not ship. The Content-Security-Policy
allows scripts only from the paths where Fava serves its own code (`/static/`) and where it
serves extension modules (`/<book>/extension_js_module/`), never inline script or event
handlers; it is sent on every response, pages, JSON, documents, static files, errors and
the guards' 401 and 403 alike, because the guards answer before Fava and an error page is
a page too. Documents other than PDFs are sandboxed: an HTML or SVG "receipt" runs nothing.

The Host allowlist stops DNS rebinding: a page on `evil.example` that the attacker points
at 127.0.0.1 sends `Host: evil.example`, and is refused before it can read or edit anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.fava_ext.guard import plain_answer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

    from _typeshed import OptExcInfo

SCRIPT_PATHS = ("/static/", "/_welfare/")
DOCUMENT_PATHS = ("/document/", "/statement/")
ACTIVE_DOCUMENT_SANDBOX = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"
STATIC_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
)


def content_security_policy(origin: str, slugs: Iterable[str]) -> str:
    """The policy for pages served at `origin` with the books `slugs`.

    Styles may be inline (Fava's charts and Svelte set style attributes); with images, fonts,
    connections, forms and frames held to this server, a style cannot send data elsewhere.
    `'wasm-unsafe-eval'` lets Fava compile its own WebAssembly (the Beancount grammar of its
    source views, fetched from `/static/`); it allows no JavaScript `eval`.
    """
    scripts = [f"{origin}{path}" for path in SCRIPT_PATHS]
    scripts += [f"{origin}/{slug}/extension_js_module/" for slug in slugs]
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'wasm-unsafe-eval' {' '.join(scripts)}",
            "script-src-attr 'none'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'self'",
            "frame-src 'self'",
            "worker-src 'none'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def request_origin(environ: WSGIEnvironment) -> str:
    """`http://host:port` as the browser addressed this server."""
    scheme = environ.get("wsgi.url_scheme", "http")
    server = f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '80')}"
    host = environ.get("HTTP_HOST") or server
    return f"{scheme}://{host}"


def host_name(header: str) -> str:
    """The host of a `Host:` header without its port, lower case (`[::1]:5000` -> `[::1]`)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SecurityHeaders:
    """Add the policy and the other security headers to every response of the wrapped app."""

    def __init__(self, app: WSGIApplication, slugs: Callable[[], Iterable[str]]) -> None:
        self.app = app
        self.slugs = slugs

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Pass the request on; add the headers to whatever answers it."""
        policy = content_security_policy(request_origin(environ), self.slugs())
        path = environ.get("PATH_INFO", "")
        is_document = any(part in path for part in DOCUMENT_PATHS)

        def start(
            status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], object]:
            kept = [(name, value) for name, value in headers if name.lower() not in _OWN_HEADERS]
            own = [("Content-Security-Policy", policy), *STATIC_HEADERS]
            if is_document:
                content_type = next((v for n, v in headers if n.lower() == "content-type"), "")
                own = _document_headers(policy, content_type)
            return start_response(status, [*kept, *own], exc_info)

        return self.app(environ, start)


def _document_headers(policy: str, content_type: str) -> list[tuple[str, str]]:
    """A document may be shown in Fava's own preview frame; anything but a PDF runs nothing."""
    framed = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
    if not content_type.startswith("application/pdf"):
        framed = f"{ACTIVE_DOCUMENT_SANDBOX}; frame-ancestors 'self'"
    headers = [h for h in STATIC_HEADERS if h[0] != "X-Frame-Options"]
    return [("Content-Security-Policy", framed), *headers, ("X-Frame-Options", "SAMEORIGIN")]


_OWN_HEADERS = frozenset(
    {"content-security-policy", *(name.lower() for name, _ in STATIC_HEADERS)}
)


class HostAllowlist:
    """Answer 421 to a request whose `Host:` is not one of this server's names."""

    def __init__(self, app: WSGIApplication, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(host_name(host) for host in hosts)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Pass requests addressed to this server; refuse the others."""
        if host_name(environ.get("HTTP_HOST", "")) in self.hosts:
            return self.app(environ, start_response)
        return plain_answer(start_response, "421 Misdirected Request", "Unknown server name (Host)", [])
