"""What the receiving provider wrote about a message: SPF/DKIM/DMARC results and spam verdicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from diag.i18n import Text, listed
from diag.message.receivers import aligned_methods, receiver_results

_METHODS = ("spf", "dkim", "dmarc", "compauth")
# Microsoft's SFV values that put a message in Junk (learn.microsoft.com, "Anti-spam message
# headers"); SCL 5-9 is spam; CAT names the protection that acted.
_SPAM_SFV = {"SPM", "SKS", "SKB", "BLK"}
_SPAM_CAT = {"SPM", "HSPM", "PHSH", "HPHSH", "HPHISH", "SPOOF", "BULK", "MALW", "GIMP", "UIMP",
             "DIMP", "OSPM", "AMP", "SAP"}
FAILING = {"fail", "softfail", "permerror"}
BULK_LEVEL = 7  # Microsoft's default bulk threshold: from BCL 7 mail goes to Junk as bulk


def _summary(found: Sequence[tuple[str, str, Mapping[str, str]]]) -> dict[str, str]:
    summary: dict[str, str] = {}
    for method, result, _ in found:
        # Several DKIM signatures: one that passes is enough for the receiver.
        if method not in summary or (method == "dkim" and result == "pass"):
            summary[method] = result
    return summary


def _pairs(value: str) -> dict[str, str]:
    pairs = (item.partition(":") for item in value.split(";"))
    return {key.strip().upper(): val.strip().upper() for key, _, val in pairs if key.strip()}


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _microsoft(headers: Sequence[tuple[str, str]]) -> tuple[list[str], str | None]:
    verdict: list[str] = []
    bcl: str | None = None
    for name, value in headers:
        if name == "x-forefront-antispam-report":
            pairs = _pairs(value)
            if pairs.get("SFV") in _SPAM_SFV:
                verdict.append(f"SFV:{pairs['SFV']}")
            scl = _int(pairs.get("SCL"))
            if scl is not None and scl >= 5:
                verdict.append(f"SCL:{scl}")
            if pairs.get("CAT") in _SPAM_CAT:
                verdict.append(f"CAT:{pairs['CAT']}")
        elif name == "x-ms-exchange-organization-scl":
            scl = _int(value.strip())
            if scl is not None and scl >= 5:
                verdict.append(f"SCL:{scl}")
        elif name == "x-microsoft-antispam" and bcl is None:
            bcl = _pairs(value).get("BCL") or None
    return verdict, bcl


def _generic(headers: Sequence[tuple[str, str]]) -> list[str]:
    verdict = []
    for name, value in headers:
        word = value.strip().split(None, 1)[0].rstrip(",;").lower() if value.strip() else ""
        if name in ("x-spam-flag", "x-spam") and word in ("yes", "true"):
            verdict.append(f"{name.title()}:YES")
        elif name == "x-spam-status" and word == "yes":
            verdict.append("X-Spam-Status:Yes")
    return verdict


def auth_summary(headers: Sequence[tuple[str, str]], from_domain: str | None = None,
                 roots: Sequence[str] = ()) -> dict[str, str]:
    """The receiver's own results and spam verdict, nothing a sender could have written.

    Keys: spf, dkim, dmarc, compauth (lower-case results), receiver (the trusted authserv-id,
    only when it matches the provider the mail reached), aligned (the methods whose pass is
    aligned with `from_domain`, only with a known receiver), bcl (Microsoft bulk level) and spam.
    """
    summary: dict[str, str] = {}
    trusted = receiver_results(headers)
    if trusted is not None:
        authserv, found = trusted
        summary.update(_summary(found))
        if authserv is not None:
            summary["receiver"] = authserv
            aligned = aligned_methods(found, from_domain, roots)
            if aligned:
                summary["aligned"] = " ".join(aligned)
    elif not any(name == "authentication-results" for name, _ in headers):
        for name, value in headers:
            if name == "received-spf" and value.strip():
                summary["spf"] = value.split(None, 1)[0].lower().rstrip(";")
                break
    verdict, bcl = _microsoft(headers)
    verdict += _generic(headers)
    if bcl is not None:
        summary["bcl"] = bcl
    if verdict:
        summary["spam"] = " ".join(dict.fromkeys(verdict))
    return {key: summary[key] for key in (*_METHODS, "receiver", "aligned", "bcl", "spam")
            if key in summary}


def auth_failures(auth: Mapping[str, str]) -> list[str]:
    """The results worth telling an agent: `SPF fail`, `DMARC fail`, `spam: SFV:SPM SCL:9`."""
    failures = [f"{method.upper()} {auth[method]}" for method in ("spf", "dkim", "dmarc")
                if auth.get(method) in FAILING]
    if auth.get("spam"):
        failures.append(f"spam: {auth['spam']}")
    bcl = _int(auth.get("bcl"))
    if bcl is not None and bcl >= BULK_LEVEL:
        failures.append(f"BCL {bcl}")
    return failures


def vouches(auth: Mapping[str, str]) -> bool:
    """The receiver's own pass is aligned with the From domain, and its DMARC did not fail."""
    return bool(auth.get("aligned")) and auth.get("dmarc") not in FAILING


_METHOD_WORDS = {
    "spf": Text("la prueba de servidor autorizado (SPF)", "the authorized-server check (SPF)"),
    "dkim": Text("la firma digital del remitente (DKIM)", "the sender's digital signature (DKIM)"),
    "dmarc": Text("la protección contra suplantación del remitente (DMARC)",
                  "the sender's anti-spoofing protection (DMARC)"),
}
_RESULT_WORDS = {
    "fail": Text("falló", "failed"),
    "softfail": Text("no lo confirmó", "did not confirm it"),
    "permerror": Text("no se pudo aplicar (el remitente la publicó mal)",
                      "could not be applied (the sender published it wrongly)"),
}
_SPAM_WORDS = Text("el filtro del proveedor lo clasificó como correo no deseado",
                   "the provider's filter classified it as junk")
_BULK_WORDS = Text("el proveedor lo considera correo masivo (nivel {bcl} de 9)",
                   "the provider rates it as bulk mail (level {bcl} of 9)")


def explain_failures(auth: Mapping[str, str]) -> Text:
    """`auth_failures` in words a help desk can read out; the raw values stay in the details."""
    parts = [Text(f"{_METHOD_WORDS[m].es} {_RESULT_WORDS[auth[m]].es}",
                  f"{_METHOD_WORDS[m].en} {_RESULT_WORDS[auth[m]].en}")
             for m in ("spf", "dkim", "dmarc") if auth.get(m) in FAILING]
    if auth.get("spam"):
        parts.append(_SPAM_WORDS)
    bcl = _int(auth.get("bcl"))
    if bcl is not None and bcl >= BULK_LEVEL:
        parts.append(_BULK_WORDS.format(bcl=bcl))
    return listed(parts)
