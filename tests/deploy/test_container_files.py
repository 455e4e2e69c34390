"""The Dockerfile and the Kubernetes example: files that cannot run here are still checked.

No Docker or cluster is needed: YAML is parsed and validated against Kubernetes' own schemas
(kubernetes-validate), linted (yamllint), the Dockerfile is linted (hadolint) and what it
copies is started as a server the way its ENTRYPOINT starts it.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from cluster_helpers import nginx_binary, run_async
from yamllint import config as yamllint_config
from yamllint import linter

from deploy.serve import ROOT, free_port
from loadgen.protocol import Collector, StreamlitSession
from runners_face.views.pace_commit import COMPONENT_KEY

K8S = ROOT / "deploy" / "k8s"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
YAMLLINT = yamllint_config.YamlLintConfig(
    "extends: default\nrules:\n  line-length: {max: 120}\n  document-start: disable\n"
)


def k8s_documents() -> list[dict[str, object]]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        docs += [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]
    return docs


def by_kind(kind: str) -> dict[str, object]:
    (doc,) = [d for d in k8s_documents() if d.get("kind") == kind]
    return doc


def test_every_yaml_file_passes_yamllint() -> None:
    files = sorted(K8S.glob("*.yaml"))
    assert len(files) == 4
    problems = [f"{path.name}:{p.line}: {p.message}" for path in files for p in linter.run(path.open(), YAMLLINT)]
    assert problems == []


def test_the_kubernetes_resources_are_valid_against_kubernetes_schemas() -> None:
    resources = [doc for doc in k8s_documents() if doc.get("kind") != "Kustomization"]
    assert sorted(str(doc["kind"]) for doc in resources) == ["Deployment", "Ingress", "Service"]
    for doc in resources:
        kubernetes_validate.validate(doc, "1.37.0", strict=True)  # raises on an unknown or wrong field
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))["resources"]
    assert sorted(listed) == ["deployment.yaml", "ingress.yaml", "service.yaml"]


def pod_spec() -> dict[str, Any]:
    spec: dict[str, Any] = by_kind("Deployment")["spec"]["template"]["spec"]  # type: ignore[index]
    return spec


def containers() -> dict[str, dict[str, Any]]:
    pod = pod_spec()
    return {c["name"]: c for c in pod["containers"] + pod["initContainers"]}


def test_pods_are_probed_on_streamlit_health_and_the_ingress_keeps_a_reader_on_one_pod() -> None:
    pod = pod_spec()
    container = containers()["app"]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health"
        assert container[probe]["httpGet"]["port"] == "app"
    env = {e["name"]: e for e in container["env"]}
    assert "secretKeyRef" in env["STREAMLIT_SERVER_COOKIE_SECRET"]["valueFrom"], "one cookie secret for all pods"
    assert pod["securityContext"]["runAsNonRoot"] is True
    annotations = by_kind("Ingress")["metadata"]["annotations"]  # type: ignore[index]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert annotations["nginx.ingress.kubernetes.io/affinity-mode"] == "persistent"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) > 30, "above Streamlit's 30 s ping"


def test_readers_reach_each_pod_through_its_nginx_whose_files_come_from_the_app_image() -> None:
    found = containers()
    app, nginx, files = found["app"], found["nginx"], found["nginx-files"]
    assert files["image"] == app["image"], "Streamlit's files come from the app's own image (its version)"
    assert files["command"][:3] == ["python", "deploy/serve.py", "--pod-sidecar"]
    (service_port,) = by_kind("Service")["spec"]["ports"]  # type: ignore[index]
    assert {p["name"] for p in nginx["ports"]} == {service_port["targetPort"]}, "the Service sends readers to nginx"
    assert nginx["readinessProbe"]["httpGet"]["port"] == service_port["targetPort"]
    mounts = {c["name"]: {m["name"]: m["mountPath"] for m in c["volumeMounts"]} for c in (nginx, files)}
    assert mounts["nginx"]["nginx"] == mounts["nginx-files"]["nginx"] == files["command"][3]
    assert nginx["command"][nginx["command"].index("-p") + 1] == files["command"][3]
    args = files["command"]
    assert args[args.index("--base-port") + 1] == str(app["ports"][0]["containerPort"])
    assert args[args.index("--port") + 1] == str(nginx["ports"][0]["containerPort"])


def entrypoint(port: int) -> list[str]:
    """The image's ENTRYPOINT, on 127.0.0.1:port and with this Python."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    entry = json.loads(re.search(r"^ENTRYPOINT (\[.*?\])$", text, re.M | re.S).group(1).replace("\\\n", ""))  # type: ignore[union-attr]
    command = [sys.executable if arg == "python" else arg for arg in entry]
    command = [f"--server.port={port}" if a.startswith("--server.port") else a for a in command]
    return ["--server.address=127.0.0.1" if a.startswith("--server.address") else a for a in command]


def copy_image_files(dest: Path) -> None:
    """What the Dockerfile COPYs, into ``dest`` (as /app in the image)."""
    for line in re.findall(r"^COPY (.+)$", DOCKERFILE.read_text(encoding="utf-8"), re.M):
        *sources, _dest = line.split()
        for source in sources:
            path = ROOT / source.rstrip("/")
            target = dest / source.rstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                shutil.copytree(path, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(path, target)


@pytest.mark.deploy
def test_a_pod_serves_streamlits_files_from_nginx_and_the_rest_from_the_app(tmp_path: Path) -> None:
    """The pod's three commands, run here as the YAML gives them (ports and folder moved)."""
    image, volume = tmp_path / "app", tmp_path / "nginx"
    copy_image_files(image)
    found = containers()
    app_port, nginx_port = free_port(), free_port()

    def moved(command: list[str]) -> list[str]:
        swap = {
            "/srv/nginx": str(volume),
            "/srv/nginx/nginx.conf": str(volume / "nginx.conf"),
            "python": sys.executable,
        }
        swap |= {"nginx": nginx_binary(), "8501": str(app_port), "8080": str(nginx_port), "0.0.0.0": "127.0.0.1"}
        return [swap.get(arg, arg) for arg in command]

    init = subprocess.run(
        moved(found["nginx-files"]["command"]), cwd=image, capture_output=True, text=True, timeout=120
    )
    assert init.returncode == 0, init.stderr
    assert not any(volume.rglob("*.py")), "only the config and Streamlit's web files"
    conf = (volume / "nginx.conf").read_text(encoding="utf-8")
    assert "access_log /dev/stdout" in conf and 'set $sticky_cookie "";' in conf
    log = (tmp_path / "pod.log").open("w")
    procs = [
        subprocess.Popen(
            entrypoint(app_port), cwd=image, stdout=log, stderr=subprocess.STDOUT, env={"HOME": str(tmp_path)}
        ),
        subprocess.Popen(moved(found["nginx"]["command"]), stdout=log, stderr=subprocess.STDOUT),
    ]
    url = f"http://127.0.0.1:{nginx_port}/"
    try:
        session = StreamlitSession(url, "units=kg&weight=90&goal=84", Collector(), timeout_s=30)

        async def visit() -> None:
            for _ in range(300):  # the app starts: poll the page through nginx (0.2 s apart)
                try:
                    await session.open()
                    await session.close()
                    return
                except Exception:
                    assert all(p.poll() is None for p in procs), (tmp_path / "pod.log").read_text()
                    await asyncio.sleep(0.2)
            raise AssertionError("the pod never answered")

        run_async(visit())
        assert session.runs == 1, "the page's first run went through nginx to the app"
        script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', (volume / "static" / "index.html").read_text())
        request = urllib.request.Request(url + script.group(1), headers={"Accept-Encoding": "gzip"})  # type: ignore[union-attr]
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10) as answer:
            assert answer.headers["Content-Encoding"] == "gzip"
            assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert answer.headers["Set-Cookie"] is None, "the Ingress sets the sticky cookie, not the pod"
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(10)
        log.close()


def test_the_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run([hadolint, str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_as_a_non_root_user_checks_its_health_and_installs_only_pinned_packages() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim", text, re.M)
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*CMD .*/_stcore/health", text, re.M | re.S)
    assert "pip install --no-cache-dir -r requirements.txt" in text
    pins = [ln for ln in (ROOT / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")]
    # name==version, optionally for some platforms only ('; sys_platform != "win32"')
    pin = r'[A-Za-z0-9_.\-\[\]]+==[0-9][^\s;]*(?:; sys_platform [!=]= "\w+")?'
    assert pins and all(re.fullmatch(pin, ln) for ln in pins), pins


@pytest.mark.deploy
def test_the_files_the_image_copies_are_enough_to_serve_a_reader(tmp_path: Path) -> None:
    copy_image_files(tmp_path)
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        entrypoint(port), cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, env={"HOME": str(tmp_path)}
    )
    try:
        session = StreamlitSession(f"http://127.0.0.1:{port}/", "units=kg&weight=90&goal=84", Collector(), timeout_s=30)

        async def visit() -> None:
            for _ in range(300):  # the server starts: poll its page (0.2 s apart)
                try:
                    await session.open()
                    await session.close()
                    return
                except Exception:
                    assert proc.poll() is None, (tmp_path / "server.log").read_text()
                    await asyncio.sleep(0.2)
            raise AssertionError("the server never answered")

        run_async(visit())
        assert session.runs == 1
        assert any(w.id.endswith(f"-{COMPONENT_KEY}") for w in session.widgets.values()), "the planner was drawn"
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
