"""A loopback TCP proxy that adds a fixed delay each way: a hosted reader's network, on one machine.

    with DelayProxy(target_port=8501, delay_ms=100) as proxy:
        page.goto(proxy.url)          # every byte, both ways, arrives 100 ms later

Each chunk read from one side is written to the other ``delay_ms`` after it arrived, in order,
so a request and its answer cost ``2 x delay_ms`` more (the round trip), as over a long network
path; bandwidth is not limited. HTTP requests and Streamlit's websocket both pass through it.
It runs its own event loop in a thread, so the sync Playwright benchmarks can use it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from typing import Any

from deploy.serve import free_port

HOST = "127.0.0.1"


class DelayProxy:
    def __init__(self, target_port: int, delay_ms: float, host: str = HOST) -> None:
        self.target_port = target_port
        self.delay_s = delay_ms / 1000
        self.host = host
        self.port = free_port(host)
        self.url = f"http://{host}:{self.port}/"
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="delay-proxy", daemon=True)
        self._server: asyncio.base_events.Server | None = None

    def start(self) -> DelayProxy:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._serve(), self._loop)
        self._server = future.result(10)
        return self

    async def _serve(self) -> asyncio.base_events.Server:
        return await asyncio.start_server(self._handle, self.host, self.port)

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(self.host, self.target_port)
        except OSError:
            client_writer.close()
            return
        try:
            await asyncio.gather(
                self._pipe(client_reader, server_writer),
                self._pipe(server_reader, client_writer),
                return_exceptions=True,
            )
        except asyncio.CancelledError:
            # stop() cancels open connections. Returning (not re-raising) keeps asyncio's
            # start_server callback from logging the cancellation as an error (Python 3.11).
            return

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Copy ``reader`` to ``writer``, each chunk ``delay_s`` after it arrived, in order."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, chunk = await queue.get()
                wait = due - time.perf_counter()
                if wait > 0:
                    await asyncio.sleep(wait)  # the added network delay
                if not chunk:
                    break
                try:
                    writer.write(chunk)
                    await writer.drain()
                except (ConnectionError, OSError):
                    return  # the other side went away (a page closed): nothing left to deliver

        sender = asyncio.create_task(deliver())
        try:
            while True:
                chunk = await reader.read(65536)
                queue.put_nowait((time.perf_counter() + self.delay_s, chunk))
                if not chunk:
                    break
            await sender
        except (ConnectionError, OSError):
            sender.cancel()
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    def stop(self) -> None:
        async def shut() -> None:
            if self._server is not None:
                self._server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(shut(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def __enter__(self) -> DelayProxy:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
