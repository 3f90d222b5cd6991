"""Serving the editor (``briefing edit``): write and review briefings in the browser.

The server is uvicorn on 127.0.0.1, on the port asked for or one the system picks; its address
holds a new secret token each time. Ctrl+C stops it cleanly (uvicorn finishes the requests in
hand and returns).
"""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable
from pathlib import Path

from generator.errors import UserError


def open_socket(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (never another interface), or a located message."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as error:
        sock.close()
        raise UserError.at("briefing edit", 0, 0, f"port {port} cannot be used: {error.strerror or error}",
                           "choose another with --port, or leave --port out to have a free one picked") from None
    sock.listen(64)
    return sock


def make_server(folder: Path, theme_path: Path | None, output: Path, sock: socket.socket, token: str):
    import uvicorn

    from generator.editor.app import make_app
    from generator.editor.session import Workspace

    port = sock.getsockname()[1]
    app = make_app(Workspace(folder, theme_path, output), token, port)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False, server_header=False,
                            date_header=False)
    return uvicorn.Server(config)


def run_editor(folder: Path, theme_path: Path | None, output: Path, port: int, open_browser: bool,
               say: Callable[[str], None]) -> None:
    if not folder.is_dir():
        raise UserError.at(str(folder), 0, 0, "no such folder",
                           "give the folder that holds your briefings, for example: briefing edit briefings")
    token = secrets.token_urlsafe(32)
    sock = open_socket(port)
    server = make_server(folder, theme_path, output, sock, token)
    address = f"http://127.0.0.1:{sock.getsockname()[1]}/?token={token}"
    say(f"editing the briefings in {folder} at {address}")
    say("keep this window open while you work; press Ctrl+C to stop")
    if open_browser:
        import webbrowser

        webbrowser.open(address)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops on Ctrl+C, then raises it again for the caller
        pass
    finally:
        sock.close()
    say("stopped")
