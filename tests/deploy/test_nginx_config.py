"""The nginx config the launcher renders: nginx itself accepts every variant, bad values never reach it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cluster_helpers import nginx_binary
from streamlit import config as streamlit_config

from deploy.serve import Settings, check_nginx_conf, render_nginx_conf

VARIANTS = {
    "defaults": Settings(),
    "four replicas, any address": Settings(replicas=4, listen_host="0.0.0.0", port=80),
    "embedded by a publisher, behind HTTPS": Settings(
        frame_ancestors="'self' https://news.example.com https://*.example.org", behind_https=True
    ),
    "no connection limit (load tests)": Settings(max_conns_per_client=0),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_nginx_accepts_the_rendered_config(name: str, tmp_path: Path) -> None:
    settings = VARIANTS[name]
    result = check_nginx_conf(Settings(**{**settings.__dict__, "nginx": nginx_binary()}), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@pytest.mark.parametrize(
    "ancestors",
    [
        "'self'; add_header X-Evil 1",
        "https://a.example\n}",
        '"https://a.example"',
        "'none' https://a.example",
        "",
        "javascript:alert(1) ${x}",
    ],
)
def test_a_frame_ancestors_value_that_is_not_plain_csp_sources_is_refused(ancestors: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="frame-ancestors"):
        render_nginx_conf(Settings(frame_ancestors=ancestors), tmp_path)


def test_a_cookie_name_or_limit_that_could_break_the_config_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cookie name"):
        render_nginx_conf(Settings(cookie_name="route; x"), tmp_path)
    with pytest.raises(ValueError, match="max-conns"):
        render_nginx_conf(Settings(max_conns_per_client=-1), tmp_path)


def test_proxy_timeouts_outlast_streamlits_websocket_ping(tmp_path: Path) -> None:
    ping_s = streamlit_config.get_option("server.websocketPingInterval") or 30
    text = render_nginx_conf(Settings(), tmp_path)
    for directive in ("proxy_read_timeout", "proxy_send_timeout"):
        (seconds,) = re.findall(rf"^\s*{directive} (\d+)s;", text, re.M)
        assert int(seconds) >= 2 * ping_s, f"{directive} {seconds}s must outlast two missed pings"


def test_every_replica_is_an_upstream_hashed_on_the_sticky_route(tmp_path: Path) -> None:
    text = render_nginx_conf(Settings(replicas=3, replica_ports=(9001, 9002, 9003)), tmp_path)
    assert re.findall(r"server 127\.0\.0\.1:(\d+)", text) == ["9001", "9002", "9003"]
    assert "hash $route_key consistent;" in text
    assert re.search(r'map \$cookie_stroute \$route_key \{\s*""\s+\$request_id;', text)
