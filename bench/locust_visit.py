"""The visit of ``bench_loadgen.py`` as a Locust User: Streamlit's protocol on gevent.

Run by ``bench_loadgen.py`` in a virtual environment that has Locust (it is not one of the
project's requirements; see bench/README.md):

    locust -f bench/locust_visit.py --headless -u 40 -r 2 --run-time 60s --host http://127.0.0.1:8080

Each user does one visit, the same one as ``bench_loadgen.fixed_visit`` (the web files over
Locust's FastHttpUser, gevent's HTTP client; the websocket with ``websocket-client``, which
gevent makes cooperative; Streamlit's protobufs), reports each request to Locust's statistics,
and stops. The static paths come from the ``STATIC_LIST`` file (one path a line).
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

import gevent
import websocket
from locust import FastHttpUser, task
from locust.exception import StopUser
from streamlit.proto.BackMsg_pb2 import BackendOperationRequest, BackMsg, DeferredFileRequestPayload
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

LINK = os.environ.get("VISIT_LINK", "units=lb&weight=200&goal=170&pace=1")
STATIC = Path(os.environ["STATIC_LIST"]).read_text().split() if os.environ.get("STATIC_LIST") else []
NOOP = bool(os.environ.get("VISIT_NOOP"))
"""A run without visits: Locust's own cost for as long (subtracted as the baseline)."""
VISITS = int(os.environ.get("VISITS", "0"))
"""How many visits in all: Locust starts a stopped user again, so a user past this idles."""
started = 0
FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


class StreamlitUser(FastHttpUser):  # type: ignore[misc]
    """One reader's visit, then stop."""

    connection_timeout = 30.0
    network_timeout = 30.0

    def on_start(self) -> None:
        self.widgets: dict[str, tuple[str, str, Any]] = {}  # id -> (type, fragment id, proto)
        self.query = LINK
        self.page_hash = ""
        self.session_id = ""
        self.hashes: set[str] = set()
        self.ws: websocket.WebSocket | None = None

    # --- the wire (names start st_: Locust's User has private attributes of its own) ---------

    def st_handle(self, msg: ForwardMsg) -> str:
        if msg.metadata.cacheable and msg.hash:
            self.hashes.add(msg.hash)
        kind = msg.WhichOneof("type") or ""
        if kind == "delta":
            delta = msg.delta
            if delta.WhichOneof("type") == "add_block" and delta.add_block.WhichOneof("type") == "expandable":
                block = delta.add_block.expandable
                if block.id.startswith("$$ID-"):
                    self.widgets[block.id] = ("expandable", delta.fragment_id, block)
            elif delta.WhichOneof("type") == "new_element":
                element = delta.new_element
                element_type = element.WhichOneof("type") or ""
                inner = getattr(element, element_type, None)
                widget_id = getattr(inner, "id", "")
                if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
                    self.widgets[widget_id] = (element_type, delta.fragment_id, inner)
        elif kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash
            self.session_id = msg.new_session.initialize.session_id or self.session_id
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "script_finished" and msg.script_finished == FINISHED_EARLY:
            return ""
        return kind

    def st_until(self, wanted: str) -> ForwardMsg:
        assert self.ws is not None
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(self.ws.recv())
            if self.st_handle(msg) == wanted:
                return msg

    def st_run(self, name: str, state: ClientState) -> None:
        assert self.ws is not None
        start = time.perf_counter()
        error = None
        try:
            self.ws.send_binary(BackMsg(rerun_script=state).SerializeToString())
            self.st_until("script_finished")
        except Exception as exc:
            error = exc
        self.environment.events.request.fire(
            request_type="WS",
            name=name,
            response_time=(time.perf_counter() - start) * 1000,
            response_length=0,
            exception=error,
        )

    def st_state(self, widget: WidgetState | None = None, fragment_id: str = "") -> ClientState:
        state = ClientState(query_string=self.query, page_script_hash=self.page_hash, fragment_id=fragment_id)
        state.context_info.CopyFrom(ContextInfo(timezone="UTC", locale="en-US", url=self.host + "/"))
        if widget is not None:
            state.widget_states.widgets.append(widget)
        state.cached_message_hashes.extend(sorted(self.hashes))
        return state

    def st_find(self, suffix: str) -> tuple[str, str, Any]:
        for widget_id, (_kind, fragment, proto) in self.widgets.items():
            if widget_id.endswith(suffix):
                return widget_id, fragment, proto
        raise LookupError(suffix)

    # --- the visit ------------------------------------------------------------------------

    @task  # type: ignore[untyped-decorator]
    def visit(self) -> None:
        global started
        if NOOP or (VISITS and started >= VISITS):
            gevent.sleep(3600)  # idle until the run ends (a user that stops is started again)
            raise StopUser()
        started += 1
        self.client.get("/?" + LINK, name="/ (document)")
        for path in STATIC:
            self.client.get(path, name="static", headers={"Accept-Encoding": "gzip"})
        self.client.get("/_stcore/health")
        self.client.get("/_stcore/host-config")
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.client.cookiejar)
        url = self.host.replace("http://", "ws://") + "/_stcore/stream"
        xsrf = next((c.value for c in self.client.cookiejar if c.name == "_streamlit_xsrf"), "none")
        self.ws = websocket.create_connection(
            url, subprotocols=["streamlit", xsrf], origin=self.host, cookie=cookies or None, timeout=30
        )
        try:
            first = ClientState(query_string=self.query, context_info=ContextInfo(timezone="UTC"))
            self.st_run("open (first run)", first)
            widget_id, fragment, proto = self.st_find("-pace_control")
            data = json.loads(proto.json)
            keys = data["scale"]["keys"]
            step = min(len(keys) - 1, int(data["step"]) + 1)
            commit = WidgetState(id=widget_id)
            commit.json_value = json.dumps({"pace": {"key": keys[step], "count": 1}})
            self.st_run("commit", self.st_state(commit, fragment))
            for tip in [w for w in self.widgets if "-tip_" in w][:2]:
                tick = WidgetState(id=tip)
                tick.bool_value = True
                self.st_run("tick", self.st_state(tick, self.widgets[tip][1]))
            share_id, share_fragment, _ = self.st_find("-share_box")
            share = WidgetState(id=share_id)
            share.bool_value = True
            self.st_run("share", self.st_state(share, share_fragment))
            self.st_download()
        except Exception as error:  # a visit that went wrong is counted once, and ends
            self.environment.events.request.fire(
                request_type="WS", name="visit failed", response_time=0, response_length=0, exception=error
            )
        finally:
            self.ws.close()
        raise StopUser()

    def st_download(self) -> None:
        assert self.ws is not None
        _, _, button = self.st_find("-download_csv")
        start = time.perf_counter()
        request_id = uuid.uuid4().hex
        request = BackendOperationRequest(
            request_id=request_id,
            session_id=self.session_id,
            deferred_file=DeferredFileRequestPayload(file_id=button.deferred_file_id),
        )
        self.ws.send_binary(BackMsg(backend_operation_request=request).SerializeToString())
        answer = self.st_until("backend_operation_response").backend_operation_response
        self.client.get(answer.deferred_file.url, name="download file")
        self.environment.events.request.fire(
            request_type="WS",
            name="download",
            response_time=(time.perf_counter() - start) * 1000,
            response_length=0,
            exception=None,
        )
