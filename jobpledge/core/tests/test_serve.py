"""`jobpledge serve` stops cleanly on Ctrl-C and keeps its runtime files under var/run."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

JOBPLEDGE = Path(sys.executable).parent / "jobpledge"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.skipif(not JOBPLEDGE.exists(), reason="the jobpledge script is installed by make setup")
def test_serve_stops_on_ctrl_c_and_keeps_runtime_files_under_var(tmp_path: Path) -> None:
    var = tmp_path / "var"
    home = tmp_path / "home"
    home.mkdir()
    port = _free_port()
    env = {**os.environ, "JOBPLEDGE_VAR_DIR": str(var), "HOME": str(home), "DATABASE_URL": f"sqlite:///{tmp_path}/db"}
    server = subprocess.Popen(  # noqa: S603 - our own command
        [str(JOBPLEDGE), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/static/jobpledge/app.css", timeout=1)  # noqa: S310
                break
            except OSError:
                if server.poll() is not None:
                    break
                subprocess.run(["sleep", "0.1"], check=True)  # noqa: S607
        assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
        assert (var / "run" / f"gunicorn-{port}.pid").exists()
        assert (var / "run" / f"gunicorn-{port}.ctl").exists()
        assert not (home / ".gunicorn").exists()
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=25)[0].decode()  # a guard against a hang, not a measurement
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert "SIGKILL" not in output
    assert "Shutting down" in output or "Handling signal" in output
