"""The files `iess-diag batch` writes (issue 11): --resume and --summary never destroy another
file, every file is 0600 and never written through a link, CSV cells never run as formulas,
and a full disk is said in one line with its own exit status."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.cli import invoke

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
ENV.pop("IESS_DIAG_LANG", None)
# No lookup is needed to test files; should one happen, it stays on this machine.
NO_DNS = ["--nameserver", "127.0.0.1:9", "--dns-timeout", "0.3"]
INPUT = "email\nana@x.ec\n"


def _batch(tmp_path: Path, *args: str, stdin: str = INPUT) -> tuple[int, str]:
    out = invoke(["batch", "-", *args, *NO_DNS], stdin=stdin)
    return out.code, out.stderr


# -- --resume: only what this run would write -------------------------------------------------


@pytest.mark.parametrize(("fmt", "existing"), [
    ("csv", b"my notes\nline two\n"),  # first line ends in LF
    ("csv", b"email,iess_row,iess_address\n"),  # our header's start, but LF
    ("csv", b"email\n"),
    ("jsonl", b'{"token":"abc"}'),  # one line, no final newline
    ("jsonl", b"refresh-token-1234"),
    ("jsonl", b'{"row": 2, "verdict": "ok"'),  # a record, but not the next one
    ("jsonl", b'{"row": 1, "columns": {"email": "other@x.ec"}}'),  # not what this run writes
])
def test_resume_leaves_a_file_that_is_not_ours_untouched(tmp_path: Path, fmt: str,
                                                         existing: bytes) -> None:
    target = tmp_path / "precious"
    target.write_bytes(existing)
    code, err = _batch(tmp_path, "-o", str(target), "--resume", "--output-format", fmt)
    assert code == 2, err
    assert target.read_bytes() == existing
    assert len(err.splitlines()) == 1 and "untouched" in err


@pytest.mark.parametrize(("fmt", "cut"), [
    ("csv", b"email,iess_r"), ("jsonl", b'{"row": 1, "sch'), ("jsonl", b'{"ro'),
    ("jsonl", b'{"row": 1, "schema": "iess-diag/1", "command": "batch", "input": "ana@')])
def test_resume_still_accepts_a_cut_short_start_of_this_run(tmp_path: Path, fmt: str,
                                                            cut: bytes) -> None:
    target = tmp_path / "out"
    target.write_bytes(cut)
    code, err = _batch(tmp_path, "-o", str(target), "--resume", "--output-format", fmt)
    assert code == 3, err  # the row is inconclusive (no DNS here), not refused
    assert b"ana@x.ec" in target.read_bytes()


def test_resume_through_a_link_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b'{"row": 1, ')
    (tmp_path / "out").symlink_to(victim)
    code, _ = _batch(tmp_path, "-o", str(tmp_path / "out"), "--resume")
    assert code == 2 and victim.read_bytes() == b'{"row": 1, '


# -- --summary --------------------------------------------------------------------------------


def test_summary_cannot_be_the_input_or_the_output(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    src.write_text(INPUT)
    for summary in (src, out, tmp_path / "." / "in.csv"):
        result = invoke(["batch", str(src), "-o", str(out), "--summary", str(summary),
                         "--force", *NO_DNS])
        assert result.code == 2, result.stderr
        assert "--summary" in result.stderr
        assert src.read_text() == INPUT and not out.exists()  # refused before the run


def test_an_existing_summary_is_refused_before_the_run(tmp_path: Path) -> None:
    summary, out = tmp_path / "notes.json", tmp_path / "out.jsonl"
    summary.write_text("mine\n")
    code, err = _batch(tmp_path, "-o", str(out), "--summary", str(summary))
    assert code == 2 and "--force" in err
    assert summary.read_text() == "mine\n" and not out.exists()
    code, err = _batch(tmp_path, "-o", str(out), "--summary", str(summary), "--force")
    assert code == 3, err
    assert '"rows": 1' in summary.read_text()


def test_resume_may_replace_the_summary_its_earlier_run_wrote(tmp_path: Path) -> None:
    summary, out = tmp_path / "summary.json", tmp_path / "out.jsonl"
    args = ["-o", str(out), "--summary", str(summary)]
    assert _batch(tmp_path, *args)[0] == 3
    out.write_bytes(b"")  # as if interrupted before any record
    code, err = _batch(tmp_path, *args, "--resume")
    assert code == 3, err
    assert '"rows": 1' in summary.read_text()
    summary.write_text("mine\n")  # not a summary: --resume does not make it replaceable
    code, err = _batch(tmp_path, *args, "--resume")
    assert code == 2 and summary.read_text() == "mine\n"


def test_a_summary_in_a_missing_folder_is_refused_before_the_run(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, err = _batch(tmp_path, "-o", str(out), "--summary", str(tmp_path / "no" / "s.json"))
    assert code == 2 and "s.json" in err and not out.exists()


# -- modes and links --------------------------------------------------------------------------


def test_output_and_summary_are_private_under_a_permissive_umask(tmp_path: Path) -> None:
    out, summary = tmp_path / "out.csv", tmp_path / "summary.json"
    old = os.umask(0o022)
    try:
        code, err = _batch(tmp_path, "-o", str(out), "--summary", str(summary),
                           "--output-format", "csv")
    finally:
        os.umask(old)
    assert code == 3, err
    for path in (out, summary):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("force", [False, True])
def test_a_planted_link_is_never_followed(tmp_path: Path, force: bool) -> None:
    for name in ("out.jsonl", "summary.json"):
        (tmp_path / f"victim-{name}").write_text("victim\n")
        (tmp_path / name).symlink_to(tmp_path / f"victim-{name}")
    args = ["-o", str(tmp_path / "out.jsonl"), "--summary", str(tmp_path / "summary.json")]
    code, _ = _batch(tmp_path, *args, *(["--force"] if force else []))
    for name in ("out.jsonl", "summary.json"):
        assert (tmp_path / f"victim-{name}").read_text() == "victim\n"
    if force:  # --force replaces the link itself, with a private file
        assert code == 3 and not (tmp_path / "out.jsonl").is_symlink()
        assert stat.S_IMODE((tmp_path / "out.jsonl").stat().st_mode) == 0o600
    else:
        assert code == 2


# -- formulas ---------------------------------------------------------------------------------

HOSTILE_CELLS = ["=HYPERLINK(\"http://evil.example\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx",
                 "\uff1dcmd", "\uff0b1", "\uff0d1", "\uff20x"]


def _csv_rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_csv_cells_that_start_like_a_formula_are_neutralised() -> None:
    lines = ["email," + ",".join(f"c{i}" for i in range(len(HOSTILE_CELLS)))]
    quoted = ",".join('"' + c.replace('"', '""') + '"' for c in HOSTILE_CELLS)
    lines.append(f"=1+1@gmail.com,{quoted}")
    out = invoke(["batch", "-", "--output-format", "csv", *NO_DNS], stdin="\n".join(lines))
    header, row = _csv_rows(out.stdout)
    record = dict(zip(header, row, strict=True))
    assert record["email"] == "'=1+1@gmail.com" and record["iess_address"] == "'=1+1@gmail.com"
    for i, cell in enumerate(HOSTILE_CELLS):
        assert record[f"c{i}"] == "'" + cell
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_keep_formulas_writes_cells_verbatim_for_programs() -> None:
    out = invoke(["batch", "-", "--output-format", "csv", "--keep-formulas", *NO_DNS],
                 stdin="email,nota\n=1+1@gmail.com,=2+2\n")
    row = _csv_rows(out.stdout)[1]
    assert row[:2] == ["=1+1@gmail.com", "=2+2"] and row[3] == "=1+1@gmail.com"


def test_a_neutralised_csv_can_be_resumed(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    stdin = "email,nota\n=1@x.ec,+1\n-2@x.ec,@3\n"
    assert _batch(tmp_path, "-o", str(target), "--output-format", "csv", stdin=stdin)[0] == 3
    whole = target.read_bytes()
    target.write_bytes(whole[:whole.index(b"-2@x.ec") - 1] + b"'-2@x")
    code, err = _batch(tmp_path, "-o", str(target), "--output-format", "csv", "--resume",
                       stdin=stdin)
    assert code == 3, err
    assert target.read_bytes() == whole


# -- the machine fails ------------------------------------------------------------------------


def _cli(*args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "diag", *args], input=INPUT.encode(),
                          stdout=stdout, stderr=subprocess.PIPE, env=ENV, timeout=120,
                          check=False)


def full_disk(tmp_path: Path) -> Path:
    """/dev/full through a link: were a regression to replace the file instead of writing to it,
    only the link would go, never the machine's device."""
    (tmp_path / "full").symlink_to("/dev/full")
    return tmp_path / "full"


def test_a_full_disk_is_one_line_and_exit_74(tmp_path: Path) -> None:
    result = _cli("batch", "-", "-o", str(full_disk(tmp_path)), "--lang", "es", *NO_DNS)
    err = result.stderr.decode()
    assert result.returncode == 74, err
    assert err.splitlines() == [err.strip()] and "no queda espacio en el disco" in err
    assert "--resume" in err and "interno" not in err


@pytest.mark.parametrize("argv", [["advice"], ["batch", "-", *NO_DNS],
                                  ["explain", "domain.null_mx"]])
def test_a_full_stdout_is_one_line_and_exit_74(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = _cli(*argv, "--lang", "en", stdout=full)
    err = result.stderr.decode()
    assert result.returncode == 74, err
    assert err.strip() == "iess-diag: error: no space left on the disk to write the output."


@pytest.mark.parametrize("argv", [["advice"], ["batch", "-", *NO_DNS]])
def test_a_closed_stdout_is_one_line_and_exit_74(argv: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "diag", *argv, "--lang", "en"],
                            input=INPUT.encode(), stderr=subprocess.PIPE, env=ENV, timeout=120,
                            check=False, preexec_fn=lambda: os.close(1))  # the shell's >&-
    err = result.stderr.decode()
    assert result.returncode == 74, err
    assert err.strip() == ("iess-diag: error: standard output is closed: there is nowhere to "
                           "write the result.")
