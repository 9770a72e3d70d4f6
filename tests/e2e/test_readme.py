"""The README's pysnc steps, followed literally: its server command and its Python, on a
machine where requests would otherwise trust another bundle (REQUESTS_CA_BUNDLE and
CURL_CA_BUNDLE set), beside a server on port 8000 as make demo runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import free_port, start, stop

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def block(language: str, containing: str) -> str:
    for found in re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL):
        if containing in found:
            return str(found)
    raise AssertionError(f"no ```{language} block with {containing!r} in the README")


def test_the_readme_pysnc_steps_work_as_written(tmp_path: Path) -> None:
    server_command = block("sh", "--tls").strip().split()
    assert server_command[:4] == [".venv/bin/frontdesk", "serve", "--demo", "--tls"]
    assert server_command[-2:] == ["--port", "8443"]  # not make demo's 8000
    snippet = block("python", "pysnc.ServiceNowClient")
    port = free_port()
    process, _ = start(f"sqlite:///{tmp_path / 'frontdesk.db'}", tmp_path, "--tls", port=port)
    try:
        env = {
            **os.environ,
            "FRONTDESK_DATA_DIR": str(tmp_path),
            "REQUESTS_CA_BUNDLE": "/etc/ssl/certs/ca-certificates.crt",
            "CURL_CA_BUNDLE": "/etc/ssl/certs/ca-certificates.crt",
        }
        ran = subprocess.run(
            [sys.executable, "-c", snippet.replace("8443", str(port))],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        stop(process)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["Harding Asher"]
