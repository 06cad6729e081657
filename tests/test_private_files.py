"""diag.private_files, the one writer of every file: 0600, no link followed, nothing replaced
that the caller did not allow, no temporary file left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from diag import private_files
from diag.private_files import NotOurs


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_text_creates_a_private_file_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        private_files.write_text(tmp_path / "r.json", "{}\n", replace=False)
    finally:
        os.umask(old)
    assert _mode(tmp_path / "r.json") == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


@pytest.mark.parametrize("replace", [False, True])
def test_an_existing_file_is_replaced_only_when_allowed(tmp_path: Path, replace: bool) -> None:
    target = tmp_path / "r.json"
    target.write_text("old\n")
    if replace:
        private_files.write_text(target, "new\n", replace=True)
        assert target.read_text() == "new\n" and _mode(target) == 0o600
    else:
        with pytest.raises(NotOurs):
            private_files.write_text(target, "new\n", replace=False)
        assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_an_empty_file_holds_nothing_to_lose(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.touch()
    stream = private_files.create_stream(target, replace=False, first="head\n")
    stream.write("row\n")
    stream.close()
    assert target.read_text() == "head\nrow\n" and _mode(target) == 0o600


@pytest.mark.parametrize("replace", [False, True])
def test_a_link_is_never_followed(tmp_path: Path, replace: bool) -> None:
    victim = tmp_path / "victim"
    victim.write_text("victim\n")
    (tmp_path / "out").symlink_to(victim)
    if replace:
        private_files.write_text(tmp_path / "out", "new\n", replace=True)
        assert not (tmp_path / "out").is_symlink()
    else:
        with pytest.raises(NotOurs):
            private_files.write_text(tmp_path / "out", "new\n", replace=False)
    assert victim.read_text() == "victim\n"


def test_a_folder_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(NotOurs):
        private_files.write_text(tmp_path / "out", "x", replace=True)
    assert (tmp_path / "out").is_dir()


def test_reopen_own_cuts_and_appends(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("keep|drop")
    target.chmod(0o644)
    with private_files.reopen_own(target, keep=5) as stream:
        stream.write("more")
    assert target.read_text() == "keep|more" and _mode(target) == 0o600


def test_reopen_own_refuses_a_link(tmp_path: Path) -> None:
    (tmp_path / "victim").write_text("victim")
    (tmp_path / "out").symlink_to(tmp_path / "victim")
    with pytest.raises(OSError):
        private_files.reopen_own(tmp_path / "out", keep=0)
    assert (tmp_path / "victim").read_text() == "victim"


def test_reopen_own_refuses_another_users_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root may open anything: the owner check is what refuses
        target = tmp_path / "out"
        target.write_text("theirs")
        os.chown(target, 65534, 65534)
    else:  # anyone else is refused by the system already
        target = Path("/etc/passwd")
    before = target.read_bytes()
    with pytest.raises((NotOurs, PermissionError)):
        private_files.reopen_own(target, keep=0)
    assert target.read_bytes() == before


def test_check_writable_refuses_now_what_the_end_would_refuse(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text("x")
    with pytest.raises(NotOurs):
        private_files.check_writable(tmp_path / "s.json", replace=False)
    private_files.check_writable(tmp_path / "s.json", replace=True)
    with pytest.raises(OSError):
        private_files.check_writable(tmp_path / "missing" / "s.json", replace=False)


def test_a_device_is_written_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "null").symlink_to(os.devnull)
    private_files.write_text(tmp_path / "null", "x", replace=False)
    assert (tmp_path / "null").is_symlink() and private_files.is_device(tmp_path / "null")
