"""Every file iess-diag writes: mode 0600, created without following links, replaced atomically,
never over a file it did not create unless the caller was told to (--force, --resume)."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import TextIO

MODE = 0o600
# O_NOFOLLOW: a planted symlink at the path (or at our temporary name) is refused, not followed.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class NotOurs(Exception):
    """The path holds something the tool must not write over (a file, a link, a directory)."""


def write_text(path: Path, text: str, *, replace: bool) -> None:
    """Write the whole file at once: a reader sees the old file or the new one, never half."""
    if is_device(path):
        with open(path, "w", encoding="utf-8", newline="") as device:
            device.write(text)
        return
    fd, temporary = _temporary(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        _install(temporary, path, replace=replace)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def create_stream(path: Path, *, replace: bool, first: str = "") -> TextIO:
    """A new file to write as it goes (batch output); `first` is in it before it has the name."""
    fd, temporary = _temporary(path)
    try:
        stream = os.fdopen(fd, "w", encoding="utf-8", newline="")
        stream.write(first)
        stream.flush()
        _install(temporary, path, replace=replace)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return stream


def reopen_own(path: Path, *, keep: int) -> TextIO:
    """An earlier run's output, cut to its first `keep` bytes and opened for appending: only a
    regular file of this user, never through a link."""
    fd = os.open(path, os.O_RDWR | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        owner = getattr(os, "geteuid", lambda: info.st_uid)()  # no owners to compare on Windows
        if not stat.S_ISREG(info.st_mode) or info.st_uid != owner:
            raise NotOurs(str(path))
        os.fchmod(fd, MODE)
        os.ftruncate(fd, keep)
        return os.fdopen(fd, "a", encoding="utf-8", newline="")
    except BaseException:
        os.close(fd)
        raise


def is_device(path: Path) -> bool:
    """/dev/stdout, /dev/full, a named pipe: a stream with nothing in it to protect."""
    with contextlib.suppress(OSError):
        mode = os.stat(path).st_mode
        return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)
    return False


def check_writable(path: Path, *, replace: bool) -> None:
    """Before a long run: refuse now what `write_text` would refuse at the end."""
    if is_device(path):
        return
    if os.path.lexists(path) and not (replace and _replaceable(path)):
        raise NotOurs(str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))


def _replaceable(path: Path) -> bool:
    """--force replaces a file or a link (the link itself, never what it points to)."""
    info = os.lstat(path)
    return stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)


def _temporary(path: Path) -> tuple[int, str]:
    """A fresh name next to the target (so the rename is atomic), created exclusively."""
    for _ in range(100):
        name = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(name, _CREATE, MODE)
        except FileExistsError:
            continue
        os.fchmod(fd, MODE)  # the umask may only narrow it; make it exactly 0600
        return fd, str(name)
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def _install(temporary: str, path: Path, *, replace: bool) -> None:
    """Give the finished file its name: over the old one if allowed, else only if none is there."""
    if replace:
        if os.path.lexists(path) and not _replaceable(path):
            raise NotOurs(str(path))
        os.replace(temporary, path)
        return
    if os.path.lexists(path) and not empty_regular(path):
        raise NotOurs(str(path))
    try:
        os.link(temporary, path, follow_symlinks=False)  # fails if the name exists: no clobber
    except FileExistsError:
        if not empty_regular(path):
            raise NotOurs(str(path)) from None
        os.replace(temporary, path)
        return
    except OSError as error:  # a file system without hard links (FAT, some shares)
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP):
            raise
        os.replace(temporary, path)  # checked just above: nothing of value was there
        return
    os.unlink(temporary)


def empty_regular(path: Path) -> bool:
    """An empty regular file holds nothing to lose (a `touch`ed output name)."""
    with contextlib.suppress(OSError):
        info = os.lstat(path)
        return stat.S_ISREG(info.st_mode) and info.st_size == 0
    return False
