"""The nginx config the launcher renders: nginx itself accepts every variant, bad values never reach it;
Streamlit's web files are prepared for it from the installed wheel."""

from __future__ import annotations

import gzip
import inspect
import re
from pathlib import Path

import pytest
import streamlit
import uvicorn
from cluster_helpers import nginx_binary
from streamlit import config as streamlit_config
from streamlit.web.server.starlette import starlette_server

from deploy.serve import (
    COMPRESSIBLE,
    Settings,
    check_nginx_conf,
    prepare_static_files,
    render_nginx_conf,
    streamlit_static_dir,
)

VARIANTS = {
    "defaults": Settings(),
    "four replicas, any address": Settings(replicas=4, listen_host="0.0.0.0", port=80),
    "embedded by a publisher, behind HTTPS": Settings(
        frame_ancestors="'self' https://news.example.com https://*.example.org", behind_https=True
    ),
    "no connection limit (load tests)": Settings(max_conns_per_client=0),
    "beside one replica in a Kubernetes pod": Settings(
        replicas=1, replica_ports=(8501,), listen_host="0.0.0.0", pod_sidecar=True, behind_https=True
    ),
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


def test_streamlits_web_files_are_found_in_the_installed_wheel() -> None:
    folder = streamlit_static_dir()
    assert folder == Path(streamlit.__file__).parent / "static"
    assert (folder / "index.html").is_file() and any((folder / "static" / "js").glob("index.*.js"))


def test_every_kind_of_file_in_the_wheel_has_its_type_in_the_config(tmp_path: Path) -> None:
    text = render_nginx_conf(Settings(), tmp_path)
    block = re.search(r"types \{(.*?)\}", text, re.S).group(1)  # type: ignore[union-attr]
    typed = {ext for line in block.strip().splitlines() for ext in line.split(";")[0].split()[1:]}
    kinds = {path.suffix.lstrip(".") for path in streamlit_static_dir().rglob("*") if path.is_file()}
    assert kinds - typed == set(), "nginx would send these as application/octet-stream, which browsers refuse"


def test_the_files_are_linked_to_the_wheel_with_gzipped_copies_and_made_once(tmp_path: Path) -> None:
    source = streamlit_static_dir()
    dest = tmp_path / "static"
    counts = prepare_static_files(source, dest)
    files = [p for p in source.rglob("*") if p.is_file()]
    assert counts["files"] == len(files)
    for path in files:
        mirror = dest / path.relative_to(source)
        assert mirror.is_symlink() and mirror.resolve() == path.resolve()
        packed = mirror.with_name(mirror.name + ".gz")
        if packed.exists():
            assert path.suffix in COMPRESSIBLE and gzip.decompress(packed.read_bytes()) == path.read_bytes()
        else:
            assert path.suffix not in COMPRESSIBLE or len(gzip.compress(path.read_bytes(), 9)) >= path.stat().st_size
    texts = [p for p in files if p.suffix in COMPRESSIBLE]
    assert counts["gzipped"] >= 0.9 * len(texts) and counts["gzipped_bytes"] < 0.4 * counts["bytes"]
    index = dest / "index.html.gz"
    before = index.stat().st_mtime_ns
    assert prepare_static_files(source, dest) == counts
    assert index.stat().st_mtime_ns == before, "the same wheel: the folder is kept as it is"


def test_copies_are_real_files_and_a_folder_not_made_here_is_left_alone(tmp_path: Path) -> None:
    source = streamlit_static_dir()
    dest = tmp_path / "export"
    prepare_static_files(source, dest, copy=True)
    assert not any(p.is_symlink() for p in dest.rglob("*"))
    assert (dest / "index.html").read_bytes() == (source / "index.html").read_bytes()
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "photo.jpg").write_bytes(b"not ours")
    with pytest.raises(RuntimeError, match="not empty"):
        prepare_static_files(source, theirs, copy=True)
    assert (theirs / "photo.jpg").read_bytes() == b"not ours"


def test_in_a_pod_nginx_sets_no_cookie_and_no_limit_and_logs_to_the_containers_output(tmp_path: Path) -> None:
    text = render_nginx_conf(VARIANTS["beside one replica in a Kubernetes pod"], tmp_path)
    assert 'set $sticky_cookie "";' in text and "stroute=" not in text, "the Ingress's cookie keeps readers on a pod"
    assert not re.search(r"^\s*limit_conn per_client", text, re.M), "every reader comes from the Ingress's address"
    assert "access_log /dev/stdout routes;" in text and "error_log stderr warn;" in text
    assert "server 127.0.0.1:8501 " in text and "listen 0.0.0.0:8080;" in text


def test_nginx_drops_idle_connections_to_a_replica_before_the_replica_does(tmp_path: Path) -> None:
    assert "timeout_keep_alive" not in starlette_server._get_uvicorn_config_kwargs(), "Streamlit keeps uvicorn's"
    replica_s = inspect.signature(uvicorn.Config.__init__).parameters["timeout_keep_alive"].default
    text = render_nginx_conf(Settings(), tmp_path)
    upstream = re.search(r"upstream streamlit \{(.*?)\}", text, re.S).group(1)  # type: ignore[union-attr]
    (seconds,) = re.findall(r"^\s*keepalive_timeout (\d+)s;", upstream, re.M)
    assert int(seconds) < replica_s, "a request on a connection the replica is closing counts as a failure"
