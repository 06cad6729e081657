"""`iess-diag analyze-headers`: formats, languages, stdin, options and exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import default
from pathlib import Path

import pytest

from diag.cli import run
from diag.cli.analyze_cmd import MAX_FILE_BYTES
from diag.cli.environment import Environment
from diag.render import Format
from tests.fixtures import messages as mf
from tests.fixtures.cli import Outcome, invoke
from tests.fixtures.sender_zones import LISTED_IP, REFUSED_IP, SENDER_FAULTS, SENDER_ZONE
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.truth import sending_ip

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GENUINE = EXAMPLES / "iess-recovery.eml"
PHISHING = EXAMPLES / "phishing-lookalike.eml"
SECRETS = ("EJEMPLO-TOKEN-FALSO", "token=", "recuperarClave", "://", "cedula=")


def analyze(*args: str, stdin: str = "", lang: str = "es") -> Outcome:
    return invoke(["analyze-headers", *args, "--lang", lang], stdin=stdin)


def fresh_mail(tmp_path: Path, minutes_ago: float = 1, **kw: object) -> Path:
    """The genuine mail as it arrives now, so that its link has not expired yet."""
    now = datetime.now(UTC)
    raw = mf.iess_reset_mail("ana@hotmail.com", sent_at=now - timedelta(minutes=minutes_ago),
                             received_at=now - timedelta(minutes=minutes_ago), **kw)  # type: ignore[arg-type]
    path = tmp_path / "reciente.eml"
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("path", [GENUINE, PHISHING], ids=["genuine", "phishing"])
def test_every_format_and_language(fmt: Format, lang: str, path: Path) -> None:
    out = analyze(str(path), "-f", fmt.value, lang=lang)
    assert out.code == 0, out.stderr
    assert out.stderr == ""
    assert out.stdout.strip()
    for secret in SECRETS:
        assert secret not in out.stdout


@pytest.mark.parametrize(("path", "codes", "address"), [
    (GENUINE, ["message.from_iess", "mail.expired", "origin.server", "origin.not_checked"],
     "notificaciones@iess.gob.ec"),
    (PHISHING, ["mail.lookalike_sender"], "notificaciones@iess.gob.ec.verificar-cuenta.com"),
])
def test_json_report(path: Path, codes: list[str], address: str) -> None:
    out = analyze(str(path), "-f", "json")
    report = json.loads(out.stdout)
    assert report["command"] == "analyze-headers"
    assert report["input"] == str(path)
    assert report["address"] == address
    assert [f["code"] for f in report["findings"]] == codes
    assert report["verdict"] == "warning"


def test_spanish_table_reads_well(tmp_path: Path) -> None:
    out = analyze(str(fresh_mail(tmp_path, minutes_ago=2)), "-f", "table")
    assert out.code == 0
    assert "Correo auténtico del IESS" in out.stdout
    assert "hace 2 min" in out.stdout
    assert "www.iess.gob.ec" in out.stdout


def test_english_markdown(tmp_path: Path) -> None:
    out = analyze(str(PHISHING), "-f", "markdown", lang="en")
    assert out.stdout.startswith("## iess-diag analyze-headers:")
    assert "Suspicious message posing as IESS" in out.stdout


def test_fresh_genuine_mail_is_ok(tmp_path: Path) -> None:
    report = json.loads(analyze(str(fresh_mail(tmp_path)), "-f", "json").stdout)
    assert report["verdict"] == "ok"
    assert [f["code"] for f in report["findings"]] == ["message.from_iess", "origin.unknown"]


def test_stdin_text() -> None:
    out = analyze("-", "-f", "json", stdin=PHISHING.read_text(encoding="utf-8"))
    assert out.code == 0
    report = json.loads(out.stdout)
    assert report["input"] == "<stdin>"
    assert report["findings"][0]["code"] == "mail.lookalike_sender"


def test_stdin_binary_with_non_utf8_bytes() -> None:
    raw = ("From: IESS <a@iess-gob.ec>\r\nSubject: Recuperación de contraseña\r\n\r\nhola\r\n"
           ).encode("latin-1")
    out, err = io.StringIO(), io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    env = Environment(stdin=stdin, stdout=out, stderr=err, environ={"LANG": "C"})
    code = run(["analyze-headers", "-", "-f", "json"], env)
    assert code == 0, err.getvalue()
    report = json.loads(out.getvalue())
    assert report["findings"][0]["details"]["subject"] == "Recuperación de contraseña"


def test_several_files_give_json_lines() -> None:
    out = analyze(str(GENUINE), str(PHISHING), "-f", "json")
    lines = out.stdout.splitlines()
    assert [json.loads(line)["input"] for line in lines] == [str(GENUINE), str(PHISHING)]


def test_language_from_the_environment() -> None:
    out = invoke(["analyze-headers", str(PHISHING), "-f", "json"],
                 environ={"IESS_DIAG_LANG": "es"})
    assert json.loads(out.stdout)["lang"] == "es"


@pytest.mark.parametrize(("args", "expected"), [
    (["--link-validity", "3m"], ["message.from_iess", "mail.expired", "origin.unknown"]),
    (["--link-validity", "1h"], ["message.from_iess", "origin.unknown"]),
    (["--delay-threshold", "30s"], ["message.from_iess", "mail.delayed", "origin.unknown"]),
])
def test_timing_options(tmp_path: Path, args: list[str], expected: list[str]) -> None:
    now = datetime.now(UTC)
    raw = mf.slow_iess_mail("ana@hotmail.com", sent_at=now - timedelta(minutes=6),
                            delay=timedelta(minutes=1))
    path = tmp_path / "m.eml"
    path.write_bytes(raw)
    out = analyze(str(path), "-f", "json", *args)
    assert [f["code"] for f in json.loads(out.stdout)["findings"]] == expected


@pytest.mark.parametrize(("args", "code"), [
    ([], "mail.lookalike_sender"),
    (["--sender-domain", "example.org"], "message.from_iess"),
    (["--sender-domain", "@EXAMPLE.ORG", "--sender-domain", "iess.gob.ec"], "message.from_iess"),
])
def test_sender_domain_option(tmp_path: Path, args: list[str], code: str) -> None:
    path = tmp_path / "m.eml"
    path.write_bytes(b"From: Clave IESS <avisos@correo.example.org>\r\nSubject: Su clave\r\n"
                     b"\r\nhttps://portal.example.org/x\r\n")
    out = analyze(str(path), "-f", "json", *args)
    assert json.loads(out.stdout)["findings"][0]["code"] == code


def test_keyword_option(tmp_path: Path) -> None:
    path = tmp_path / "m.eml"
    path.write_bytes(b"From: a@iess.gob.ec\r\nSubject: Aviso importante\r\n\r\nhola\r\n")
    codes = [json.loads(analyze(str(path), "-f", "json", *extra).stdout)["findings"][0]["code"]
             for extra in ([], ["--keyword", "aviso"])]
    assert codes == ["message.iess_other", "message.from_iess"]


def test_unrelated_message(tmp_path: Path) -> None:
    path = tmp_path / "n.eml"
    path.write_bytes(mf.newsletters("ana@hotmail.com", 1)[0])
    out = analyze(str(path), "-f", "json")
    report = json.loads(out.stdout)
    assert out.code == 0 and report["findings"][0]["code"] == "message.unrelated"
    assert report["findings"][0]["status"] == "info"


def test_junk_verdict_mail(tmp_path: Path) -> None:
    path = tmp_path / "j.eml"
    path.write_bytes(mf.junk_verdict_iess_mail("ana@hotmail.com", sent_at=datetime.now(UTC)))
    report = json.loads(analyze(str(path), "-f", "json").stdout)
    found = {f["code"]: f for f in report["findings"]}
    assert found["message.from_iess"]["status"] == "warn"
    assert found["mail.auth_failed"]["details"]["results"][:3] == [
        "SPF fail", "DKIM fail", "DMARC fail"]


def _big(tmp_path: Path) -> Path:
    path = tmp_path / "big.eml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 25 MB written to disk
    return path


@pytest.mark.parametrize(("make", "words"), [
    (lambda tmp: tmp / "no-existe.eml", ("no existe el archivo",)),
    (lambda tmp: tmp, ("es una carpeta",)),
    (_big, ("pesa más de 25 MB",)),
    (lambda tmp: (tmp / "vacio.eml", (tmp / "vacio.eml").write_bytes(b" \n"))[0], ("vacío",)),
    (lambda tmp: (tmp / "t.txt", (tmp / "t.txt").write_bytes(b"solo texto"))[0],
     ("no parece un mensaje de correo",)),
])
def test_unusable_files_exit_2_with_one_line(tmp_path: Path, make: object,
                                             words: tuple[str]) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    out = analyze(str(path))
    assert out.code == 2
    assert out.stdout == ""
    assert out.stderr.startswith("iess-diag: error: ") and out.stderr.count("\n") == 1
    assert all(w in out.stderr for w in words)


def test_big_stdin_is_refused() -> None:
    out = analyze("-", stdin="x" * (MAX_FILE_BYTES + 1), lang="en")
    assert out.code == 2 and "larger than 25 MB" in out.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["--link-validity", "10"], "--link-validity: «10» no es una duración válida"),
    (["--delay-threshold", "pronto"], "--delay-threshold: «pronto»"),
    (["--sender-domain", "no es dominio"], "no es un dominio"),
    (["-"], "solo se puede leer una vez"),
    (["--format", "pdf"], "pdf"),
])
def test_bad_options_exit_2(args: list[str], words: str) -> None:
    out = analyze(str(GENUINE), *args, stdin="x")
    if args == ["-"]:
        out = analyze("-", "-")
    assert out.code == 2
    assert out.stdout == ""
    assert words in out.stderr and out.stderr.count("\n") == 1


def test_missing_argument_exits_2() -> None:
    assert analyze().code == 2


def test_english_error() -> None:
    out = analyze("/no/such/file.eml", lang="en")
    assert out.stderr == "iess-diag: error: the file '/no/such/file.eml' does not exist.\n"


def test_help_has_an_example() -> None:
    out = subprocess.run([sys.executable, "-m", "diag", "analyze-headers", "--help"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())  # the help is wrapped to the terminal width
    assert "Example: iess-diag analyze-headers" in text
    for option in ("--sender-domain", "--link-validity", "--format", "--output", "--lang"):
        assert option in text


def test_debug_is_accepted() -> None:
    assert analyze(str(GENUINE), "--debug", "-f", "json").code == 0


@pytest.mark.parametrize("path", [GENUINE, PHISHING], ids=["genuine", "phishing"])
def test_examples_carry_only_a_fake_token(path: Path) -> None:
    msg = BytesParser(policy=default).parsebytes(path.read_bytes())
    bodies = [part.get_content() for part in msg.walk() if part.get_content_maintype() == "text"]
    assert bodies and all("token=EJEMPLO-TOKEN-FALSO-" in body for body in bodies)


# -- the server that delivered the mail, and its blocklists (issue 14) -------------------------

@pytest.fixture(scope="module")
def world() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(SENDER_ZONE, **SENDER_FAULTS) as server:
        yield server


def _delivered_by(tmp_path: Path, address: str) -> Path:
    """A fresh genuine mail as Gmail delivers it from `address`, with Gmail's aligned pass."""
    path = tmp_path / "gmail.eml"
    path.write_bytes(sending_ip.mail(sending_ip.received(
        sending_ip.GMAIL_TOP, sending_ip.gmail_edge(f"(mail.iess.gob.ec. [{address}])"))))
    return path


def _codes(out: Outcome) -> list[str]:
    return [f["code"] for f in json.loads(out.stdout)["findings"]]


def test_a_listed_sending_server_is_a_problem(tmp_path: Path, world: FixtureDNSServer) -> None:
    out = analyze(str(_delivered_by(tmp_path, LISTED_IP)), "-f", "json", "--nameserver",
                  world.nameserver, "--dns-timeout", str(ANSWERS))
    assert out.code == 1, out.stderr
    report = json.loads(out.stdout)
    listed = next(f for f in report["findings"] if f["code"] == "blocklist.listed")
    assert listed["details"]["address"] == LISTED_IP
    assert listed["details"]["source"] == "received"
    assert "origin.server" in _codes(out)


def test_a_refusing_list_is_inconclusive(tmp_path: Path, world: FixtureDNSServer) -> None:
    out = analyze(str(_delivered_by(tmp_path, REFUSED_IP)), "-f", "json", "--nameserver",
                  world.nameserver, "--dns-timeout", str(ANSWERS))
    report = json.loads(out.stdout)
    assert report["verdict"] == "inconclusive"
    assert "blocklist.listed" not in _codes(out)
    clean = [f for f in report["findings"] if f["code"] == "blocklist.clean"]
    assert all("Spamhaus ZEN" not in f["details"]["lists"] for f in clean)


def test_no_blocklist_asks_no_dns(tmp_path: Path, world: FixtureDNSServer) -> None:
    world.reset_log()
    out = analyze(str(_delivered_by(tmp_path, LISTED_IP)), "-f", "json", "--no-blocklist",
                  "--nameserver", world.nameserver)
    assert out.code == 0, out.stderr
    assert _codes(out)[-2:] == ["origin.server", "origin.not_checked"]
    assert json.loads(out.stdout)["findings"][-1]["details"]["reason"] == "offline"
    assert world.count("9.9.152.190.zen.spamhaus.org", "A") == 0


def test_a_bad_nameserver_is_a_usage_error_even_for_a_look_alike() -> None:
    out = analyze(str(PHISHING), "--nameserver", "dns.example")
    assert out.code == 2
    assert "dns.example" in out.stderr
