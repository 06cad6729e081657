"""The report file of `iess-diag diagnose -o` (issue 11): `-` is stdout, 0600, never through a
link, never over an existing file without --force, a full disk said in one line."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.cli import invoke

ROOT = Path(__file__).resolve().parents[2]
NO_DNS = ["--nameserver", "127.0.0.1:9", "--dns-timeout", "0.3"]
ARGS = ["diagnose", "ana@x.ec", *NO_DNS]


def test_dash_means_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = invoke([*ARGS, "-o", "-", "-f", "json"])
    assert out.code == 3, out.stderr
    assert json.loads(out.stdout)["command"] == "diagnose"
    assert list(tmp_path.iterdir()) == []


def test_an_existing_report_is_replaced_only_with_force(tmp_path: Path) -> None:
    report = tmp_path / "caso.md"
    report.write_text("otro caso\n")
    refused = invoke([*ARGS, "-o", str(report)])
    assert refused.code == 2 and "--force" in refused.stderr
    assert report.read_text() == "otro caso\n"
    forced = invoke([*ARGS, "-o", str(report), "--force"])
    assert forced.code == 3 and report.read_text().startswith("## iess-diag diagnose")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


def test_a_planted_link_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("victim\n")
    (tmp_path / "caso.html").symlink_to(victim)
    out = invoke([*ARGS, "-o", str(tmp_path / "caso.html")])
    assert out.code == 2 and victim.read_text() == "victim\n"


def test_a_full_disk_is_one_line_and_exit_74(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    full = tmp_path / "full"
    full.symlink_to("/dev/full")  # a regression would replace the link, never the device
    result = subprocess.run([sys.executable, "-m", "diag", *ARGS, "-o", str(full), "-f",
                             "json", "--lang", "es"], capture_output=True, env=env,
                            timeout=120, check=False)
    err = result.stderr.decode()
    assert result.returncode == 74, err
    assert err.strip() == "iess-diag: error: no queda espacio en el disco para escribir la salida."
