"""The core never imports Streamlit; only the view modules and app.py do."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "runners_face"
CORE = sorted(p for p in PACKAGE.glob("*.py"))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_modules_exist() -> None:
    names = {p.stem for p in CORE}
    assert {"model", "content", "charts", "state", "pace", "units", "exports"} <= names


def test_no_core_module_imports_streamlit_in_its_source() -> None:
    offenders = [p.name for p in CORE if "streamlit" in _imports(p)]
    assert offenders == []


def test_importing_the_whole_core_loads_no_streamlit() -> None:
    # Also catches an indirect import through another library.
    modules = ", ".join(f"runners_face.{p.stem}" for p in CORE if p.stem != "__init__")
    code = f"import sys, {modules}; print('streamlit' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent
    )
    assert result.stdout.strip() == "False"


def test_no_code_uses_pickle_or_unsafe_html() -> None:
    root = PACKAGE.parent
    files = [*PACKAGE.rglob("*.py"), root / "app.py"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "import pickle" not in text, path
        assert "unsafe_allow_html=True" not in text, path


def test_the_config_keeps_readers_private_and_safe() -> None:
    config = tomllib.loads((PACKAGE.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False  # no usage statistics to Streamlit
    assert config["browser"]["serverAddress"] == "localhost"  # no public-IP lookup at start-up
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["toolbarMode"] == "minimal"  # readers see no developer menu
    assert config["client"]["showErrorDetails"] == "none"
