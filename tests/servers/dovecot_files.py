"""What the private Dovecot runs on: a per-run CA and certificates, its config, passwd-file
and maildirs."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from imapclient.imap_utf7 import encode as imap_utf7_encode

from tests.servers.dovecot_setup import (
    _MAILDIR_FLAGS,
    LOCAL_HOSTNAME,
    LOOPBACK,
    OPENSSL_BIN,
    VMAIL_GID,
    VMAIL_UID,
    DovecotError,
    MailUser,
)


def _openssl(*args: str) -> None:
    proc = subprocess.run([OPENSSL_BIN, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise DovecotError(f"openssl {args[0]} failed: {proc.stderr.strip()}")


def _make_ca(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "ca.pem", directory / "ca.key"
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-days", "2", "-subj", "/CN=iess-diag test CA",
        "-keyout", str(key), "-out", str(cert),
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    )  # fmt: skip
    return cert, key


def _subject_alt_name(hostname: str, host: str) -> str:
    if hostname == LOCAL_HOSTNAME:
        return ",".join(dict.fromkeys([f"DNS:{LOCAL_HOSTNAME}", f"IP:{LOOPBACK}", f"IP:{host}"]))
    return f"DNS:{hostname}"


def _make_server_cert(
    directory: Path, ca: tuple[Path, Path], hostname: str, host: str
) -> tuple[Path, Path]:
    """A leaf for `hostname` signed by the per-run CA (strict X.509 checks accept it)."""
    cert, key, csr = (directory / f"{hostname}{ext}" for ext in (".pem", ".key", ".csr"))
    extfile = directory / f"{hostname}.ext"
    extfile.write_text(
        f"subjectAltName={_subject_alt_name(hostname, host)}\n"
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\n"
        "authorityKeyIdentifier=keyid\n"
    )
    _openssl(
        "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-subj", f"/CN={hostname}", "-keyout", str(key), "-out", str(csr),
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", str(csr), "-CA", str(ca[0]), "-CAkey", str(ca[1]),
        "-CAcreateserial", "-days", "2", "-extfile", str(extfile), "-out", str(cert),
    )  # fmt: skip
    return cert, key


def _scratch_parent() -> str | None:
    """$IESS_DOVECOT_TMPDIR, else tmpfs: creating files there is ~50x faster than on ext4."""
    for candidate in (os.environ.get("IESS_DOVECOT_TMPDIR"), "/dev/shm"):
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK):
            return candidate
    return None




def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _passwd_line(user: MailUser, home: Path) -> str:
    for text in (user.name, user.password):
        if any(ch in text for ch in ":\n\r"):
            raise ValueError(f"passwd-file cannot hold ':' or newlines: {text!r}")
    extra = f"userdb_quota_rule=*:storage={user.quota_kib}K" if user.quota_kib else ""
    return f"{user.name}:{{PLAIN}}{user.password}:{VMAIL_UID}:{VMAIL_GID}::{home}::{extra}\n"


def _mailbox_block(name: str, special_use: str | None) -> str:
    special = f"    special_use = {special_use}\n" if special_use else ""
    return f"  mailbox {_quote(name)} {{\n    auto = subscribe\n{special}  }}\n"


def maildir_folder_dir(maildir: Path, folder: str) -> Path:
    """Maildir++ directory of `folder` ('/' separator, names in modified UTF-7 on disk)."""
    if folder.upper() == "INBOX":
        return maildir
    parts = [imap_utf7_encode(part).decode("ascii") for part in folder.split("/")]
    return maildir / ("." + ".".join(parts))


def _make_maildir(path: Path, is_subfolder: bool) -> None:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    if is_subfolder:
        (path / "maildirfolder").touch()


def _chown_tree(root: Path) -> None:
    os.chown(root, VMAIL_UID, VMAIL_GID)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            os.chown(os.path.join(dirpath, name), VMAIL_UID, VMAIL_GID)


def _maildir_info(flags: Iterable[str]) -> str:
    letters = set()
    for flag in flags:
        letter = _MAILDIR_FLAGS.get(flag.lower())
        if letter is None:
            raise ValueError(f"deliver() supports only system flags, not {flag!r}")
        letters.add(letter)
    return ":2," + "".join(sorted(letters))


def _virtual_size(raw: bytes) -> int:
    """Size with every bare LF counted as CRLF, as IMAP RFC822.SIZE reports it."""
    return len(raw) + raw.count(b"\n") - raw.count(b"\r\n")


def _log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log written)"


CONFIG_TEMPLATE = """\
# Generated by tests/servers/dovecot.py; nothing from /etc/dovecot is included.
base_dir = {root}/run
state_dir = {root}/state
instance_name = iess-diag-test-{instance}
protocols = imap
listen = {addresses}
log_path = {log_path}
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
first_valid_uid = {uid}
last_valid_uid = {uid}

ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = {disable_plaintext}

auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
auth_verbose = yes
auth_debug = {auth_debug}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN {passwd}
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {oauth2_conf}
}}
# Reached only after the others failed. auth_failure_delay = 0 still queues failures for a
# 500 ms timer; a passdb that matches, sets nodelay and then fails skips that queue.
passdb {{
  driver = static
  mechanisms = plain login xoauth2 oauthbearer
  args = nopassword=yes nodelay=yes
  result_success = return-fail
}}
userdb {{
  driver = passwd-file
  args = {passwd}
}}

mail_location = maildir:~/Maildir
mail_plugins = quota
mailbox_idle_check_interval = 1 secs
namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}}}
plugin {{
  quota = maildir:User quota
}}
protocol imap {{
  mail_plugins = $mail_plugins imap_quota
  mail_max_userip_connections = 1000
}}

service imap-login {{
  inet_listener imap {{
    address = {addresses}
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = {addresses}
    port = {imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  # Without this anvil doubles the delay after each failed login, up to 15 s.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


OAUTH2_TEMPLATE = """\
introspection_mode = post
introspection_url = {url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 5000
debug = {debug}
"""
