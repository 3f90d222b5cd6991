"""The editor's web application (Starlette), and what guards it.

The server listens on 127.0.0.1 only, and the whole editor lives under a secret path: the
address the command prints, ``http://127.0.0.1:PORT/e/SECRET/``, made anew each run. Every page
and every request is under it, so the secret travels only in requests to the editor's own port:
browsers keep cookies apart by host but not by port, so a cookie would be sent to any other
program listening on 127.0.0.1 (on a shared terminal server, another person's); a path is not.
Anything outside the path is "not found". A request for another host name is refused (a web
page cannot reach the editor by pointing a name of its own at 127.0.0.1), and so is any change
(POST) that does not come from the editor's own pages (its ``Origin`` must be the editor's, its
body JSON, of a bounded size and depth). Responses forbid framing, scripts from anywhere else,
sending the address on (``Referrer-Policy``) and caching. Briefings are named by their file's
stem and looked up in the folder's listing; output files are served only from the output folder,
by name.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route

from generator.editor.pages import edit_context, list_context, templates
from generator.editor.session import Conflict, Workspace, digest
from generator.errors import UserError

STATIC = Path(__file__).parent / "static"
MAX_REQUEST = 2_000_000  # bytes of JSON a request may send (a briefing is at most 1 MB)
MAX_DEPTH = 8  # how deeply a request's JSON may nest: the form's values are one level
SERVED = {".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".png": "image/png"}
HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
NOT_FOUND = "Not found. Open the address that 'briefing edit' printed (it holds a secret that changes each time)."


def secret_path(token: str) -> str:
    return f"/e/{token}"


class Guard:
    """ASGI middleware: the host, the secret path and the origin, checked before anything else runs."""

    def __init__(self, app, token: str, port: int):
        self.app, self.token, self.port = app, token, port
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        refused = self._refusal(Request(scope))
        if refused is not None:
            return await _secured(refused)(scope, receive, send)

        async def secured_send(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in
                           {name.lower() for name in HEADERS}]
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        return await self.app(scope, receive, secured_send)

    def _refusal(self, request: Request) -> Response | None:
        if request.headers.get("host", "") not in self.hosts:
            return PlainTextResponse("This editor answers only at its own address (127.0.0.1).", status_code=403)
        parts = request.url.path.split("/", 3)  # "", "e", secret, rest
        given = parts[2] if len(parts) > 2 and parts[1] == "e" else ""
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return PlainTextResponse(NOT_FOUND, status_code=404)
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin", "")
            if origin not in {f"http://{host}" for host in self.hosts}:
                return PlainTextResponse("Changes are accepted only from the editor's own pages.", status_code=403)
            if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
                return PlainTextResponse("Changes are sent as JSON by the editor's pages.", status_code=415)
        return None


def _secured(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers[name] = value
    return response


def _depth(body: bytes) -> int:
    """How deeply a JSON text nests, counted before it is parsed (Python's parser recurses)."""
    deepest = depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


async def _json(request: Request) -> dict:
    size = int(request.headers.get("content-length") or 0)
    if size > MAX_REQUEST:
        raise ValueError("the request is too large")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_REQUEST:
            raise ValueError("the request is too large")
    if _depth(body) > MAX_DEPTH:
        raise ValueError("the request nests too deeply")
    data = json.loads(body or b"{}")
    if not isinstance(data, dict):
        raise ValueError("the request is not an object")
    return data


def _values(data: dict) -> dict[str, str]:
    values = data.get("values")
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise ValueError("the form's values are missing")
    return values


def _problem_text(error: UserError) -> str:
    return "; ".join(f"{p.message}" + (f" ({p.hint})" if p.hint else "") for p in error.problems)


def make_app(workspace: Workspace, token: str, port: int):
    organisation = workspace.theme.model.organisation
    pages = templates()
    base = secret_path(token) + "/"

    def page(request: Request, name: str, context: dict, status: int = 200) -> Response:
        return pages.TemplateResponse(request, name, {**context, "base": base}, status_code=status)

    def listing(request: Request) -> Response:
        return page(request, "list.html", list_context(workspace.status(), organisation, workspace.folder.name))

    def edit(request: Request) -> Response:
        try:
            opened = workspace.open(request.path_params["name"])
        except KeyError:
            return page(request, "message.html", {
                "title": "Not found", "heading": "No such briefing", "organisation": organisation, "problems": [],
                "text": "There is no briefing of that name in this folder."}, 404)
        except UserError as error:
            return page(request, "message.html", {
                "title": "Cannot open", "heading": "This file cannot be opened in the editor",
                "organisation": organisation, "problems": [str(p) for p in error.problems],
                "text": "Mend it in a text editor, then open it again."}, 422)
        return page(request, "edit.html", edit_context(opened.name, opened.form, opened.digest, organisation))

    async def review(request: Request) -> Response:
        try:
            values = _values(await _json(request))
            result = await run_in_threadpool(workspace.review, request.path_params["name"], values)
        except KeyError:
            return JSONResponse({"error": "no such briefing in this folder"}, status_code=404)
        except (ValueError, UnicodeDecodeError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        return JSONResponse(result.as_dict())

    async def save(request: Request) -> Response:
        try:
            data = await _json(request)
            result = await run_in_threadpool(workspace.save, request.path_params["name"], _values(data),
                                             str(data.get("loaded", "")))
        except KeyError:
            return JSONResponse({"error": "no such briefing in this folder"}, status_code=404)
        except (ValueError, UnicodeDecodeError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        except Conflict as conflict:
            return JSONResponse({"conflict": True, "disk": conflict.disk, "mine": conflict.mine,
                                 "digest": digest(conflict.disk)}, status_code=409)
        except UserError as error:  # the disk would not take it (full, read-only ...)
            return JSONResponse({"error": _problem_text(error)}, status_code=500)
        answer = result.as_dict()
        answer["saved"] = result.valid
        if result.valid:
            answer["digest"] = digest(result.text)
        return JSONResponse(answer, status_code=200 if result.valid else 422)

    async def new(request: Request) -> Response:
        try:
            title = str((await _json(request)).get("title", ""))
            name = await run_in_threadpool(workspace.create, title)
        except ValueError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        except UserError as error:
            return JSONResponse({"error": _problem_text(error)}, status_code=422)
        return JSONResponse({"href": f"{base}edit/{name}"})

    async def pack(request: Request) -> Response:
        """Start building the pack (in a process of its own), or say how the build goes."""
        if request.method == "POST":
            try:
                title = str((await _json(request)).get("title", ""))
            except ValueError as error:
                return JSONResponse({"error": str(error)}, status_code=400)
            started = await run_in_threadpool(workspace.packing.start, title)
            return JSONResponse(workspace.packing.state(base, workspace.output), status_code=202 if started else 409)
        return JSONResponse(workspace.packing.state(base, workspace.output))

    def output(request: Request) -> Response:
        """A file the editor built: a PDF or web page in the output folder (or a folder of a pack
        in it), never a hidden file and never through a link."""
        name = request.path_params["file"]
        folder = workspace.output.resolve()
        parts = name.split("/")
        candidate = folder.joinpath(*parts)
        steps = [folder.joinpath(*parts[:n]) for n in range(1, len(parts) + 1)]
        if ("\\" in name or any(not part or part.startswith(".") for part in parts) or len(parts) > 3
                or candidate.suffix not in SERVED or any(step.is_symlink() for step in steps)
                or not candidate.is_file() or not candidate.resolve().is_relative_to(folder)):
            return PlainTextResponse("No such output file.", status_code=404)
        return FileResponse(candidate, media_type=SERVED[candidate.suffix])

    def static(request: Request) -> Response:
        name = request.path_params["file"]
        if name == "theme.css":  # the theme's colours (checked by the theme's format: #RRGGBB)
            colours = workspace.theme.colours
            return Response(f":root {{ --brand: {colours.primary}; --accent: {colours.accent}; }}\n",
                            media_type="text/css; charset=utf-8")
        if name not in ("editor.js", "editor.css"):
            return PlainTextResponse("Not found.", status_code=404)
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response((STATIC / name).read_bytes(), media_type=f"{kind}; charset=utf-8")

    routes = [
        Route("/", listing),
        Route("/edit/{name}", edit),
        Route("/api/review/{name}", review, methods=["POST"]),
        Route("/api/save/{name}", save, methods=["POST"]),
        Route("/api/new", new, methods=["POST"]),
        Route("/api/pack", pack, methods=["GET", "POST"]),
        Route("/output/{file:path}", output),
        Route("/static/{file}", static),
    ]
    return Guard(Starlette(routes=[Mount(secret_path(token), routes=routes)]), token, port)
