"""Colour on stdout: rich decides, honouring a non-empty NO_COLOR and FORCE_COLOR."""

from __future__ import annotations

import io

import pytest

from diag.cli.environment import Environment

ESC = "\x1b["


@pytest.mark.parametrize(("tty", "environ", "coloured", "why"), [
    (True, {"TERM": "xterm-256color"}, True, "a colour terminal"),
    (False, {"TERM": "xterm-256color"}, False, "a pipe or file"),
    (True, {"TERM": "xterm-256color", "NO_COLOR": "1"}, False, "NO_COLOR set"),
    (True, {"TERM": "xterm-256color", "NO_COLOR": ""}, True, "an empty NO_COLOR means unset"),
    (False, {"TERM": "xterm-256color", "FORCE_COLOR": "1"}, True, "FORCE_COLOR on a pipe"),
    (False, {"TERM": "xterm-256color", "FORCE_COLOR": ""}, False, "an empty FORCE_COLOR"),
    (True, {"TERM": "dumb"}, False, "a terminal without colours"),
])
def test_colour_follows_the_terminal_and_the_conventions(tty: bool, environ: dict[str, str],
                                                          coloured: bool, why: str) -> None:
    env = Environment(stdout=io.StringIO(), environ=environ, stdout_isatty=tty)
    assert env.color() is coloured, why


def test_a_table_is_written_in_colour_only_when_wanted() -> None:
    from diag.cli.output import show
    from diag.i18n import Lang
    from diag.render import Format
    from tests.fixtures.cases import address_report

    for environ, expected in (({"TERM": "xterm"}, True), ({"TERM": "xterm", "NO_COLOR": "x"},
                                                          False)):
        out = io.StringIO()
        env = Environment(stdout=out, environ=environ, stdout_isatty=True)
        show(env, [address_report("ana@gmail.com")], Format.TABLE, Lang.ES)
        assert (ESC in out.getvalue()) is expected
