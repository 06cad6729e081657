"""`iess-diag serve`: the help desk's local web page, a thin layer over the same library calls
and report renderers as the CLI (needs the `web` extra: starlette, jinja2, uvicorn)."""
