"""Serving the editor (``briefing edit``): write and review briefings in the browser.

The server is uvicorn on 127.0.0.1, on the port asked for or one the system picks; its address
holds a new secret each time (see :mod:`generator.editor.app`). Ctrl+C (or a signal to stop)
ends it within a second or two: requests still open are given a second to finish, the pack
being built is stopped, the port is free again at once, and the command exits with status 0.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable
from pathlib import Path

from generator.errors import UserError

GRACE = 1  # seconds open requests are given when the editor stops


def open_socket(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (never another interface), or a located message. The port
    can be listened on again as soon as the editor stops (on Windows, where reusing an address
    means sharing it, it is kept to this process alone)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name == "nt":
        sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_EXCLUSIVEADDRUSE", socket.SO_REUSEADDR), 1)
    else:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as error:
        sock.close()
        raise UserError.at("briefing edit", 0, 0, f"port {port} cannot be used: {error.strerror or error}",
                           "choose another with --port, or leave --port out to have a free one picked") from None
    sock.listen(64)
    return sock


def make_server(folder: Path | None, theme_path: Path | None, output: Path | None, sock: socket.socket, token: str):
    """The server, and the workspace it serves (to be closed when it stops)."""
    import uvicorn

    from generator.editor.app import make_app
    from generator.editor.session import Workspace

    port = sock.getsockname()[1]
    workspace = Workspace(folder, theme_path, output)
    config = uvicorn.Config(make_app(workspace, token, port), log_level="warning", lifespan="off",
                            access_log=False, server_header=False, date_header=False,
                            timeout_graceful_shutdown=GRACE)
    server = uvicorn.Server(config)
    server.workspace = workspace
    return server


def address(sock: socket.socket, token: str) -> str:
    from generator.editor.app import secret_path

    return f"http://127.0.0.1:{sock.getsockname()[1]}{secret_path(token)}/"


def run_editor(folder: Path | None, theme_path: Path | None, output: Path | None, port: int, open_browser: bool,
               say: Callable[[str], None]) -> None:
    """The editor on ``folder``'s briefings (None: the project's), until Ctrl+C."""
    if folder is not None and not folder.is_dir():
        raise UserError.at(str(folder), 0, 0, "no such folder",
                           "give the folder that holds your briefings, for example: briefing edit briefings")
    token = secrets.token_urlsafe(32)
    sock = open_socket(port)
    try:
        server = make_server(folder, theme_path, output, sock, token)
    except BaseException:
        sock.close()
        raise
    where = address(sock, token)
    from generator.commands.said import theme_line

    say(theme_line(server.workspace.theme.file))
    say(f"editing the briefings in {server.workspace.folder} at {where}")
    say("keep this window open while you work; press Ctrl+C to stop")
    opener = None
    if open_browser:
        import webbrowser

        opener = redirect_file(where)
        webbrowser.open(opener.as_uri())
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops on Ctrl+C, then raises it again for the caller
        pass
    finally:
        server.workspace.close()
        sock.close()
        if opener is not None:
            import shutil

            shutil.rmtree(opener.parent, ignore_errors=True)
    say("stopped")


def redirect_file(where: str) -> Path:
    """A page that sends the browser on to the editor's address, in a folder only this user may
    read: the browser is started with the page's path, so the secret in the address never
    appears on a command line (which every user of a shared computer can list), as Jupyter does."""
    import html
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="briefing-edit-"))  # made readable by this user alone
    page = folder / "open-editor.html"
    shown = html.escape(where, quote=True)
    handle = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                     f'<meta http-equiv="refresh" content="0;url={shown}"><title>Opening the editor</title>'
                     f'</head><body><p><a href="{shown}">Open the briefing editor</a></p></body></html>\n')
    return page
