"""One error shape for every 4xx and 5xx: JSON under /api, a readable page elsewhere."""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge


def error_payload(status: int, title: str, message: str) -> dict:
    """Return the JSON body of an error response."""
    return {"ok": False, "status": status, "title": title, "error": message}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/api" or request.accept_mimetypes.best == "application/json"


def _respond(status: int, title: str, message: str) -> Response:
    if _wants_json():
        response = jsonify(error_payload(status, title, message))
    else:
        response = Response(render_template("error.html", status=status, title=title, message=message))
    response.status_code = status
    return response


def handle_http_error(e: HTTPException) -> Response:
    """Render an HTTP error in the shared shape."""
    message = e.description or e.name
    if e.code == 413 and e.description == RequestEntityTooLarge.description:  # the body, not one field
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        message = "The request body is too large" + (f": the limit is {limit:,} bytes." if limit else ".")
    response = _respond(e.code or 500, e.name, message)
    if e.code == 405 and e.valid_methods:
        response.headers["Allow"] = ", ".join(e.valid_methods)
    return response


def handle_unexpected(e: Exception) -> Response:
    """Log an unexpected exception and answer 500 without leaking its details."""
    current_app.logger.exception("unhandled error")
    return _respond(500, "Internal Server Error", "The server met an unexpected error; nothing was changed.")


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
