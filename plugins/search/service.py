"""Pagefind's indexing service, answered as soon as it answers.

The `pagefind` wrapper (1.5.2, pinned) reads the indexer's answers in a loop that sleeps
0.1 s before reading each one: every page or record added costs 0.1 s, 5 s for the demo's
fifty pages and minutes for a faculty's site, while the indexer itself takes 0.07 s for
them all. This service reads each answer when it arrives; the messages are the wrapper's
own (base64 JSON, each followed by a comma).

It also lets the indexer finish. Pagefind answers that the files are written while the last
bytes may still be on their way to the disk (seen under load: `pagefind.js` cut at 32 KiB);
the wrapper's close() then kills it. Here its input is closed instead, and the indexer
exits once it has written everything.
"""

import asyncio
import base64
import json

from pagefind.service import PagefindService


class Service(PagefindService):
    async def close(self) -> None:
        self._poll_task.cancel()
        self._backend.stdin.close()
        try:
            await asyncio.wait_for(self._backend.wait(), timeout=60)
        except TimeoutError:
            self._backend.kill()
            await self._backend.wait()

    async def _wait_for_responses(self) -> None:
        while True:
            output = await self._backend.stdout.readuntil(b",")
            response = json.loads(base64.b64decode(output[:-1]))
            if response is None:
                continue
            future = self._responses.get(_message_id(response))
            if future is None or future.done():
                continue
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
