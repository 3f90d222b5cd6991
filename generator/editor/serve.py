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
    if open_browser:
        import webbrowser

        webbrowser.open(where)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops on Ctrl+C, then raises it again for the caller
        pass
    finally:
        server.workspace.close()
        sock.close()
    say("stopped")
