"""Pagefind's indexing service, answered as soon as it answers.

The `pagefind` wrapper (1.5.2, pinned) reads the indexer's answers in a loop that sleeps
0.1 s before reading each one: every page or record added costs 0.1 s, 5 s for the demo's
fifty pages and minutes for a faculty's site, while the indexer itself takes 0.07 s for
them all. This service reads each answer when it arrives; the messages are the wrapper's
own (base64 JSON, each followed by a comma).

The index's files come back in one answer (see index.py): the wrapper's 2 MiB cap on an
answer would stop a faculty's index, so this one reads answers of up to 512 MiB. If the
indexer stops answering (it died, or wrote something unreadable), every request waiting
for it fails instead of waiting forever.
"""

import asyncio
import base64
import json
import os

from pagefind.service import PagefindService

ANSWER_LIMIT = 2**29


class Service(PagefindService):
    async def launch(self) -> "Service":
        self._backend = await asyncio.create_subprocess_exec(
            self._bin,
            "--service",
            cwd=os.getcwd(),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            limit=ANSWER_LIMIT,
        )
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def close(self) -> None:
        """Stops the indexer. Every request was awaited in turn, so none is pending (the
        wrapper's close waits for them, and raises again a failure already raised)."""
        self._poll_task.cancel()
        if self._backend.returncode is None:
            self._backend.terminate()
        await self._backend.wait()

    async def _wait_for_responses(self) -> None:
        try:
            while True:
                self._answer(await self._backend.stdout.readuntil(b","))
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as error:
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(RuntimeError(f"Pagefind stopped answering: {error!r}"))

    def _answer(self, output: bytes) -> None:
        response = json.loads(base64.b64decode(output[:-1]))
        if response is None:
            return
        future = self._responses.get(_message_id(response))
        if future is None or future.done():
            return
        payload = response["payload"]
        if payload["type"] == "Error":
            future.set_exception(Exception(payload["message"], payload.get("original_message")))
        else:
            future.set_result(payload)


def _message_id(response: dict) -> int | None:
    """The id of the request answered. An answer to a request the indexer could not parse
    has none, but carries that request."""
    if response.get("message_id") is not None:
        return response["message_id"]
    original = response.get("payload", {}).get("original_message")
    return json.loads(original).get("message_id") if original else None
