"""The HTTP API (`execbench serve`): the CLI's sandbox and judges behind FastAPI.

`create_app(ServerConfig(...))` gives the ASGI application; `serve(config)` runs it with uvicorn.
docs/server.md describes the endpoints.
"""

from execbench.server.app import create_app, serve
from execbench.server.config import ServerConfig

__all__ = ["ServerConfig", "create_app", "serve"]
