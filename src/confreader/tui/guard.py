"""Keep the reader running when a handler, action or worker raises.

Textual's default is to stop the app on any unhandled exception and print a
traceback. For a reader that is the wrong trade: one broken article or one
bug in a rarely used key would end the session. Our screens, widgets and the
app catch what their handlers raise and report it as a notification naming
what failed; whatever still reaches Textual's handler (a worker, a timer, a
callback, a Textual widget) is reported the same way. Only a storm of errors
(a redraw that fails on every frame) ends the app, with the terminal restored.
"""
from __future__ import annotations

from asyncio import CancelledError
from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.worker import WorkerFailed

from confreader.sources.names import one_line

# More failures than this in one session is a loop (a redraw failing every frame), not a slip.
FAILURE_LIMIT = 50


@dataclass(frozen=True)
class Failure:
    """One exception the reader survived: what it was doing, and the error."""

    doing: str
    error: BaseException

    @property
    def line(self) -> str:
        # An error's text can quote article data: one line, controls escaped.
        detail = one_line(" ".join(str(self.error).split()))
        name = type(self.error).__name__
        return f"{self.doing} failed: {name}: {detail}" if detail else f"{self.doing} failed: {name}"


def describe(where: object, message: Message) -> str:
    """What the user was doing when `message` was handled by `where`, in words."""
    place = type(where).__name__
    if isinstance(message, events.Key):
        return f"the key {message.key!r} ({place})"
    if isinstance(message, events.MouseEvent):
        return f"a mouse {type(message).__name__.lower()} ({place})"
    if isinstance(message, events.Resize):
        return f"resizing ({place})"
    return f"{type(message).__name__} ({place})"


def describe_error(error: BaseException) -> tuple[str, BaseException]:
    """(what failed, the real error) for an exception that reached Textual's handler."""
    if isinstance(error, WorkerFailed):
        return "a background task", error.error
    return "the reader", error


class Guarded:
    """Mixin for a screen, widget or the app: a handler that raises becomes a reported failure.

    Without it, Textual stops the message loop of the node that raised (the
    node stops handling keys and clicks) and then ends the app.
    """

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except CancelledError:
            raise
        except Exception as error:
            self.app.report_failure(Failure(describe(self, message), error))  # type: ignore[attr-defined]
