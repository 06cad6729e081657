"""The command line as a whole: every command documented, a fast --help, one error boundary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from diag.cli import app
from tests.fixtures.cli import invoke

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("dns", "email_validator", "imapclient", "msal")  # dns is dnspython's package


def commands() -> dict[str, typer.core.TyperCommand]:
    """Every command on the app (the root group loads command modules on demand)."""
    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    ctx = typer.Context(root)
    found = {name: root.get_command(ctx, name) for name in root.list_commands(ctx)}
    return {name: cmd for name, cmd in found.items() if cmd is not None}  # type: ignore[misc]


COMMANDS = sorted(commands())


def python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60,
                          check=False, cwd=ROOT, env=environ)


def test_there_are_commands() -> None:
    assert {"check-email", "check-id", "explain"} <= set(COMMANDS)


# --- documentation ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_an_example(name: str) -> None:
    command = commands()[name]
    assert (command.help or "").strip(), f"{name}: no help text (give the function a docstring)"
    assert "Example" in (command.epilog or ""), (
        f"{name}: the epilog must show an example ('Example / Ejemplo: iess-diag {name} ...')")
    assert f"iess-diag {name}" in (command.epilog or ""), f"{name}: the example is not of {name}"


@pytest.mark.parametrize("name", COMMANDS)
def test_the_help_summary_is_the_commands_own_first_line(name: str) -> None:
    from diag.cli import COMMANDS as TABLE

    help_text = " ".join((commands()[name].help or "").split())
    assert help_text.startswith(TABLE[name][1]), (name, help_text)


def test_every_registered_command_is_in_the_table() -> None:
    from diag.cli import COMMANDS as TABLE
    from diag.cli import load_all

    load_all()
    assert {c.name for c in app.registered_commands} == set(TABLE)


def test_main_help_lists_every_command() -> None:
    out = python("-m", "diag", "--help")
    assert out.returncode == 0, out.stderr
    missing = [name for name in COMMANDS if name.split()[0] not in out.stdout]
    assert not missing, f"iess-diag --help does not list {missing}"
    assert out.stderr == ""


def test_every_command_appears_in_the_readme() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"iess-diag {name}" not in text]
    assert not missing, f"README.md shows no 'iess-diag NAME' example for {missing}"


# --- start-up cost ---------------------------------------------------------------------------

# Runs the real entry point, then names the heavy packages it left in sys.modules.
PROBE = """
import sys
heavy = set(sys.argv.pop(1).split(","))
sys.argv[0] = "iess-diag"
from diag.cli import main
try:
    main()
except SystemExit:
    pass
print("HEAVY=" + ",".join(sorted({m.split(".")[0] for m in sys.modules} & heavy)), file=sys.stderr)
"""


def imported_heavy(*argv: str) -> tuple[subprocess.CompletedProcess[str], str]:
    out = python("-c", PROBE, ",".join(HEAVY), *argv)
    last = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else ""
    assert last.startswith("HEAVY="), out.stderr
    return out, last.removeprefix("HEAVY=")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["-h"],
                                  *([name, "--help"] for name in COMMANDS)],
                         ids=lambda argv: " ".join(argv))
def test_help_and_version_do_not_import_heavy_libraries(argv: list[str]) -> None:
    out, heavy = imported_heavy(*argv)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip()
    assert heavy == "", (f"iess-diag {' '.join(argv)} imported {heavy}: import them inside the "
                         "functions that need them")


def test_the_probe_sees_heavy_imports() -> None:
    _, heavy = imported_heavy("check-email", "ana@gmail", "-f", "json")  # syntax check only
    assert "email_validator" in heavy


def test_version() -> None:
    out = python("-m", "diag", "--version")
    from diag import __version__

    assert out.returncode == 0 and out.stdout == f"iess-diag {__version__}\n"


# --- the error boundary ----------------------------------------------------------------------

@pytest.mark.parametrize("argv", [["--bogus"], ["no-such-command"], ["check-id", "--bogus", "1"],
                                  ["check-email", "a@b.ec", "--format", "xml"]])
def test_usage_errors_are_one_line_and_exit_2(argv: list[str]) -> None:
    result = invoke(argv)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("iess-diag: error:"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_usage_errors_follow_the_language() -> None:
    result = invoke(["check-id", "--bogus", "1", "--lang", "es"])
    assert result.code == 2 and "no existe la opción --bogus" in result.stderr
    assert "se ven con --help" in result.stderr


@pytest.mark.parametrize(("argv", "module", "function"), [
    (["check-id", "1714307103"], "diag.identity.numbers", "check_ids"),
    (["check-email", "ana@hotmail.com"], "diag.deliverability.check", "check_emails"),
])
def test_a_bug_is_exit_70_one_line_and_a_traceback_only_with_debug(
        monkeypatch: pytest.MonkeyPatch, argv: list[str], module: str, function: str) -> None:
    import importlib

    def broken(*args: object, **kwargs: object) -> None:
        secret = "hunter2"  # noqa: F841 - a local that must never be shown
        raise KeyError("boom")

    monkeypatch.setattr(importlib.import_module(module), function, broken)
    plain = invoke(argv)
    assert plain.code == 70 and plain.stdout == ""
    assert plain.stderr.startswith("iess-diag: error:") and plain.stderr.count("\n") == 1
    assert "KeyError" in plain.stderr and "Traceback" not in plain.stderr
    debug = invoke([*argv, "--debug"])
    assert debug.code == 70
    assert "Traceback" in debug.stderr and "boom" in debug.stderr
    assert "hunter2" not in debug.stderr.replace('secret = "hunter2"', "")
    assert debug.stderr.splitlines()[-1].startswith("iess-diag: error:")


def test_a_bug_in_a_real_process_shows_no_locals() -> None:
    probe = """
import sys
import diag.identity.numbers
def broken(numbers):
    password = "hunter2-" + "secret"
    raise RuntimeError("boom")
diag.identity.numbers.check_ids = broken
sys.argv = ["iess-diag", "check-id", "1714307103", *sys.argv[1:]]
from diag.cli import main
main()
"""
    plain = python("-c", probe)
    assert plain.returncode == 70 and plain.stderr.count("\n") == 1
    debug = python("-c", probe, "--debug")
    assert debug.returncode == 70 and "Traceback" in debug.stderr
    assert "hunter2-secret" not in debug.stderr


def test_typer_never_shows_locals() -> None:
    assert app.pretty_exceptions_show_locals is False


# --- shell completion (the commands documented in README) -------------------------------------

@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_for_each_shell(shell: str) -> None:
    out = python("-m", "diag", env={"_IESS_DIAG_COMPLETE": f"source_{shell}"})
    assert out.returncode == 0, out.stderr
    assert "_IESS_DIAG_COMPLETE=complete_" in out.stdout and "iess-diag" in out.stdout


def test_bash_completion_completes_command_names() -> None:
    out = python("-m", "diag", env={"_IESS_DIAG_COMPLETE": "complete_bash",
                                    "COMP_WORDS": "iess-diag check-i", "COMP_CWORD": "1"})
    assert out.returncode == 0 and out.stdout.split() == ["check-id"]


def test_version_fast_path_says_what_typer_says() -> None:
    """main() answers a lone --version before Typer loads; run() answers through Typer, into
    the Environment's stdout. Both say the same."""
    result = invoke(["--version"])
    assert result.code == 0
    assert result.stdout == python("-m", "diag", "--version").stdout


def test_debug_is_a_root_option_and_still_works_after_a_command() -> None:
    assert "--debug" in python("-m", "diag", "--help").stdout
    assert "--debug" not in python("-m", "diag", "check-id", "--help").stdout  # once, at the root
    assert invoke(["--debug", "check-id", "1714307103"]).code == 0
    assert invoke(["check-id", "1714307103", "--debug"]).code == 0  # the old place, for scripts


@pytest.mark.parametrize("name", ["check-email", "check-id", "analyze-headers",
                                  "find-reset-mail", "diagnose", "batch", "explain", "advice"])
def test_every_report_command_takes_format_and_output(name: str) -> None:
    text = python("-m", "diag", name, "--help").stdout
    assert "-f, --format" in text and "-o, --output" in text, text


def test_dash_output_is_stdout() -> None:
    to_stdout = invoke(["check-id", "1714307103", "-f", "json", "-o", "-"])
    assert to_stdout.code == 0 and '"id.valid"' in to_stdout.stdout


def test_output_file_follows_its_suffix(tmp_path: Path) -> None:
    target = tmp_path / "caso.md"
    result = invoke(["check-id", "1714307103", "-o", str(target), "--lang", "es"])
    assert result.code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("## iess-diag check-id")
    assert "guardado" in result.stderr
