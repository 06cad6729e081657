"""Running the CLI in-process with a swapped Environment, stdout and stderr kept apart."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from diag.cli import run
from diag.cli.environment import Environment


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def invoke(argv: Sequence[str], *, stdin: str = "", environ: Mapping[str, str] | None = None,
           tty: bool = False) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdin=io.StringIO(stdin), stdout=out, stderr=err,
                      environ=dict(environ or {"LANG": "C.UTF-8"}), stdout_isatty=tty,
                      stderr_isatty=False)
    code = run(list(argv), env)
    return Outcome(code, out.getvalue(), err.getvalue())
