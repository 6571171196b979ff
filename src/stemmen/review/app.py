"""The review page: a small Starlette app, server-rendered, on 127.0.0.1 with a token.

Every request must carry the session's random token (``?token=``); without it the page is
refused (403). Forms post to the same app and are answered with a redirect to the page, so
the browser's back button and a reload never label twice. The page works without
JavaScript (radio buttons and submit buttons); a short inline script adds the keys.
"""

from __future__ import annotations

import secrets
import socket
import threading
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
TEMPLATES = Path(__file__).parent / "templates"


def make_app(session: Any, token: str):
    """The review page as a Starlette app over ``session``; every request must carry ``token``."""
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse, RedirectResponse
    from starlette.routing import Route
    from starlette.templating import Jinja2Templates

    templates = Jinja2Templates(directory=str(TEMPLATES))

    def allowed(request) -> bool:
        given = request.query_params.get("token", "")
        return secrets.compare_digest(given.encode(), token.encode())

    def refused():
        return PlainTextResponse("Geen toegang: open de pagina via de link die stemmen review toont.", status_code=403)

    async def form_of(request) -> dict[str, str]:
        """The posted form (application/x-www-form-urlencoded: the page's forms send nothing else)."""
        from urllib.parse import parse_qsl

        body = (await request.body()).decode("utf-8", errors="replace")
        return dict(parse_qsl(body, keep_blank_values=True))

    def back(message: str = ""):
        url = f"/?token={token}" + (f"&melding={message}" if message else "")
        return RedirectResponse(url, status_code=303)

    async def page(request):
        if not allowed(request):
            return refused()
        i = session.current
        ctx = {"token": token, "panel": session.panel(), "values": [(k + 1, v, session.names[v])
                                                                  for k, v in enumerate(session.value_ids)],
               "segment": None if i is None else session.segments[i],
               "reading": None if i is None else session.reading_of(i),
               "melding": request.query_params.get("melding", ""), "manifest": session.manifest}
        return templates.TemplateResponse(request, "review.html.j2", ctx, headers={"Cache-Control": "no-store"})

    async def label(request):
        if not allowed(request):
            return refused()
        form = await form_of(request)
        value = str(form.get("waarde") or "")
        stance = str(form.get("richting") or "")
        if str(form.get("segment_id")) not in session.index:  # a stale or hand-made form: say so, keep going
            return back("onbekende-tekst")
        if form.get("geen"):
            session.label(str(form.get("segment_id")), None, None)
        elif value not in session.value_ids or stance not in ("+", "-"):
            return back("kies-waarde")
        else:
            session.label(str(form.get("segment_id")), value, stance)
        return back()

    async def skip(request):
        if not allowed(request):
            return refused()
        form = await form_of(request)
        if str(form.get("segment_id")) not in session.index:
            return back("onbekende-tekst")
        session.skip(str(form.get("segment_id")))
        return back()

    async def undo(request):
        if not allowed(request):
            return refused()
        return back("" if session.undo() else "niets-ongedaan")

    return Starlette(routes=[Route("/", page), Route("/label", label, methods=["POST"]),
                             Route("/skip", skip, methods=["POST"]), Route("/undo", undo, methods=["POST"])])


def free_port() -> int:
    """A free TCP port on the review page's host."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def serve(session: Any, port: int | None = None, open_browser: bool = True, on_ready=None) -> None:
    """Serve the page on 127.0.0.1 until Ctrl+C; ``on_ready(url)`` is called once it listens."""
    import uvicorn

    token = secrets.token_urlsafe(24)
    port = port or free_port()
    url = f"http://{HOST}:{port}/?token={token}"
    config = uvicorn.Config(make_app(session, token), host=HOST, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)

    def announce() -> None:
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if server.started:
            if on_ready is not None:
                on_ready(url)
            if open_browser:
                import webbrowser

                webbrowser.open(url)

    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run()
    except KeyboardInterrupt:  # Ctrl+C: uvicorn has shut down; every label is already on disk
        pass
    finally:
        session.close()
