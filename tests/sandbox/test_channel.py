"""The trusted end of the worker's pipes, fed frames directly: a reply counts only when it is one
whole JSON value of the protocol."""

from __future__ import annotations

import os
import time

from execbench.sandbox import CallStatus
from execbench.sandbox.channel import WorkerChannel, session_socketpairs
from execbench.sandbox.inside.frames import write_frame


def test_only_a_reply_that_is_one_whole_json_value_counts() -> None:
    (request_write, request_read), (reply_read, reply_write) = session_socketpairs()
    deadline = time.monotonic() + 10
    channel = WorkerChannel(request_write, reply_read, deadline, exited=lambda: False)
    frames = [b'["ok", ["L", 1, 2.5]]', b'["ok", 1] ["ok", 2]', b'["ok", [1', b"\xff", b"[]"]
    for frame in frames:
        write_frame(reply_write, frame)
    outcomes = [channel.call_reply(deadline) for _ in frames]
    channel.close()
    for fd in (request_read, reply_write):
        os.close(fd)
    assert outcomes[0] is not None and outcomes[0].value == [1, 2.5]
    for outcome in outcomes[1:]:
        assert outcome is not None and outcome.status is CallStatus.BAD_VALUE
        assert outcome.error_type == "malformed reply"
