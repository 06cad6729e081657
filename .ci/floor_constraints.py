"""Print a pip constraints file pinning every runtime dependency to its lower bound.

Read from pyproject.toml each time, so the floor CI step cannot drift from the declared ranges.
`--check FILE` reads `pip freeze` on stdin and fails unless each pin of FILE is what is installed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

# "name>=1.2,<3" -> ("name", "1.2"); an exact pin "name==1.2" is its own floor; a dependency
# without either is an error, not a guess.
_FLOOR = re.compile(
    r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*[^;]*?(?:>=|==)\s*([^,;\s]+)")


def floors(pyproject: Path) -> list[str]:
    """`name==lower` for each entry of [project] dependencies."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins = []
    for spec in project["dependencies"]:
        match = _FLOOR.match(spec)
        if match is None:
            raise SystemExit(f"no lower bound (>=) in dependency {spec!r}")
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def _key(name: str, version: str) -> tuple[str, str]:
    """PEP 503 name, and the version without trailing zero parts (2.7 == 2.7.0)."""
    return re.sub(r"[-_.]+", "-", name).lower(), re.sub(r"(\.0)+$", "", version)


def check(pins: list[str], freeze: str) -> list[str]:
    """The pins that `pip freeze` output does not show installed."""
    installed = {_key(*line.split("==", 1)) for line in freeze.splitlines() if "==" in line}
    return [pin for pin in pins if _key(*pin.split("==", 1)) not in installed]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        lines = Path(sys.argv[2]).read_text(encoding="utf-8").split()
        missing = check(lines, sys.stdin.read())
        if missing:
            raise SystemExit(f"floor versions not installed: {', '.join(missing)}")
        sys.exit(0)
    print("\n".join(floors(Path(__file__).resolve().parent.parent / "pyproject.toml")))
