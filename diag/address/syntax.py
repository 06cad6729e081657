"""The address as typed: invisible characters, syntax (via email-validator), typos, throwaways."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diag.address import typos
from diag.address.characters import code_name, describe
from diag.address.pasted import unwrap
from diag.codes import make
from diag.findings import Finding, Status
from diag.i18n import Text, listed

if TYPE_CHECKING:
    from email_validator import ValidatedEmail

# Longer than any valid address (RFC 5321 caps a path at 256 octets); past this the input is
# not an address at all, and we refuse to spend time on it.
MAX_INPUT = 1024

_REASONS: tuple[tuple[str, str, Text], ...] = (
    # (substring of email-validator's message, reason slug, plain words)
    ("must have an @-sign", "missing_at",
     Text("le falta la arroba (@).", "the @ sign is missing.")),
    ("at-sign (@) character instead", "lookalike_at",
     Text("usa un carácter parecido a la arroba en lugar de «@».",
          "it uses a look-alike of the @ sign instead of '@'.")),
    ("something before the @-sign", "empty_local",
     Text("no hay nada antes de la arroba.", "there is nothing before the @ sign.")),
    ("something after the @-sign", "empty_domain",
     Text("no hay nada después de la arroba.", "there is nothing after the @ sign.")),
    ("two periods in a row", "double_dot",
     Text("tiene un punto repetido (dos puntos «..» seguidos).", "it has two dots in a row.")),
    ("should have a period", "domain_without_dot",
     Text("el dominio (después de la @) no tiene punto, p. ej. falta «.com».",
          "the domain (after the @) has no dot, e.g. '.com' is missing.")),
    ("special-use or reserved name", "special_use_domain",
     Text("el dominio está reservado y no puede recibir correo.",
          "the domain is reserved and cannot receive mail.")),
    ("too long", "too_long", Text("es demasiado larga.", "it is too long.")),
    ("Internationalized characters before the @-sign", "non_ascii_local",
     Text("tiene letras con tilde o ñ antes de la arroba, que este tipo de dirección no admite.",
          "it has accented letters or ñ before the @ sign, which are not allowed here.")),
    ("cannot have a period and a hyphen", "dot_hyphen",
     Text("tiene un punto y un guion juntos.", "it has a dot next to a hyphen.")),
    ("period", "dot_position",
     Text("tiene un punto al principio o al final de una parte.",
          "it has a dot at the start or end of a part.")),
    ("anything after the email address", "trailing_text",
     Text("hay texto después de la dirección.", "there is text after the address.")),
    ("display name", "display_name",
     Text("incluye un nombre o corchetes angulares; escriba solo la dirección.",
          "it includes a name or angle brackets; type only the address.")),
    ("angle bracket", "display_name",
     Text("incluye un nombre o corchetes angulares; escriba solo la dirección.",
          "it includes a name or angle brackets; type only the address.")),
    ("after the @-sign", "bad_domain_characters",
     Text("el dominio (después de la @) tiene caracteres no permitidos.",
          "the domain (after the @) has characters that are not allowed.")),
    ("before the @-sign", "bad_local_characters",
     Text("la parte antes de la arroba tiene caracteres no permitidos (espacios, comas...).",
          "the part before the @ sign has characters that are not allowed (spaces, commas...).")),
)
_INVISIBLE_SPACES = "\u00a0\u2007\u202f\u3000"  # no-break and ideographic spaces
# Bytes that were no text where the address came from (a file in another encoding): U+FFFD,
# or the surrogate escapes Python reads them as.
_DAMAGED = re.compile("[\ufffd\ud800-\udfff]")
_DAMAGED_TEXT = Text("tiene caracteres dañados («�»): no llegó como texto.",
                     "it holds damaged characters ('�'): it did not arrive as text.")
_SEPARATORS = re.compile(r"[,;\s]+")
_SEVERAL = Text("hay {n} direcciones, no una; revise cada una por separado.",
                "there are {n} addresses, not one; check each one on its own.")
_OTHER_REASON = Text("no cumple las reglas de las direcciones de correo.",
                     "it does not follow the rules for email addresses.")
_EMPTY = Text("está vacía.", "it is empty.")
# RFC 5321 §4.5.3.1.1: servers may refuse a longer local part, and many do.
MAX_LOCAL_OCTETS = 64
_LOCAL_TOO_LONG = Text(
    "la parte antes de la arroba es demasiado larga: se admiten 64 caracteres como máximo "
    "(las letras con tilde y la ñ cuentan doble).",
    "the part before the @ sign is too long: at most 64 characters are allowed (accented "
    "letters and ñ count double).")


@dataclass(frozen=True)
class AddressResult:
    findings: tuple[Finding, ...]
    address: str | None  # normalized, or None when invalid
    ascii_domain: str | None  # what DNS is asked about

    @property
    def valid(self) -> bool:
        return self.address is not None


@dataclass(frozen=True)
class Invisible:
    position: int  # 1-based, in the text as typed
    name: str  # Unicode's own name, for the details
    described: Text  # what a person calls it


# What a domain typed with a slip looks like: letters, digits, dots, dashes; no brackets.
_PLAIN_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*")


def check_address(typed: str) -> AddressResult:
    """Everything that can be said about an address without the network."""
    if len(typed) > MAX_INPUT:
        return _invalid(typed[:60] + "…", "too_long", _REASONS[7][2])
    findings: list[Finding] = []
    # Printable ASCII, by far the common case, holds no invisible character: skip the scan.
    plain = typed.isascii() and typed.isprintable()
    invisible = [] if plain else find_invisible(typed)
    cleaned = typed if plain else "".join(c for c in typed if not _is_invisible(c))
    if invisible:
        described = list(dict.fromkeys(i.described for i in invisible))
        findings.append(make(
            "address.invisible_characters", texts={"described": listed(described)},
            count=len(invisible),
            names=sorted({i.name for i in invisible}),
            positions=[i.position for i in invisible], cleaned=cleaned.strip(),
        ))
    stripped = cleaned.strip()
    if not stripped:
        return _invalid(typed, "empty", _EMPTY, findings)
    if _DAMAGED.search(stripped):
        return _unread(stripped, "undecodable", _DAMAGED_TEXT, findings)
    inner = _unwrapped(stripped, findings)
    several = [part for part in _SEPARATORS.split(inner) if "@" in part]
    if len(several) > 1:
        return _unread(inner, "several_addresses", _SEVERAL.format(n=len(several)), findings)
    from email_validator import EmailNotValidError

    try:
        valid, quoted = _validate(inner)
    except EmailNotValidError as error:
        slug, reason = explain_syntax_error(str(error))
        local, at, domain = inner.rpartition("@")
        # ana@hotmailcom is invalid, and plainly hotmail.com; but `ana@gmail..com` or a
        # domain with brackets is not a typo of a provider's domain.
        if at and local and domain and slug != "display_name" and _PLAIN_DOMAIN.fullmatch(domain):
            findings.extend(_typo_findings(local, domain))
        return _invalid(inner, slug, reason, findings, detail=str(error))
    octets = len(valid.local_part.encode("utf-8"))
    if octets > MAX_LOCAL_OCTETS:  # email-validator checks this only in strict mode
        return _invalid(inner, "local_too_long", _LOCAL_TOO_LONG, findings,
                        detail=f"local part of {octets} octets; RFC 5321 4.5.3.1.1 allows 64")
    findings.extend([make("address.valid", address=valid.normalized), *quoted])
    changes = _changes(cleaned, stripped, inner, valid.normalized)
    if changes:
        findings.append(make(
            "address.normalized", texts={"changes": Text.join("; ", changes)},
            address=valid.normalized, typed=typed, changes=[c.en for c in changes],
        ))
    findings.extend(_domain_findings(valid.local_part, valid.ascii_domain))
    return AddressResult(tuple(findings), valid.normalized, valid.ascii_domain)


def _unwrapped(stripped: str, findings: list[Finding]) -> str:
    """The address inside what a paste wraps around it (`mailto:`, `Name <...>`, a final
    dot...), said in a finding: the person must type it without."""
    unwrapped = unwrap(stripped)
    if unwrapped.removed:
        findings.append(make("address.extra_characters", texts={"fixes": unwrapped.fixes()},
                             typed=stripped, cleaned=unwrapped.address,
                             removed=list(unwrapped.removed)))
    return unwrapped.address


def _validate(address: str) -> tuple[ValidatedEmail, list[Finding]]:
    """email-validator's verdict; a quoted local part that needs its quotes (`"ana perez"@...`)
    is valid under RFC 5321, so it is a warning (forms refuse it), not an invalid address."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(address, check_deliverability=False), []
    except EmailNotValidError:
        if not address.startswith('"'):
            raise
        quoted = validate_email(address, check_deliverability=False, allow_quoted_local=True)
    return quoted, [make("address.quoted_local", address=quoted.normalized,
                         local_part=quoted.local_part)]


def _domain_findings(local_part: str, domain: str) -> list[Finding]:
    # Typo-squatted provider domains sit on throwaway lists too; the typo is the better story.
    findings = _typo_findings(local_part, domain)
    if not findings and is_disposable(domain):
        findings.append(make("address.disposable", domain=domain))
    return findings


def _typo_findings(local_part: str, domain: str) -> list[Finding]:
    suggestion = typos.suggest(domain)
    if suggestion is None:
        return []
    return [make("address.typo_suspected", domain=domain, suggestion=suggestion.domain,
                 suggested_address=f"{local_part}@{suggestion.domain}")]


def is_disposable(domain: str) -> bool:
    from disposable_email_domains import blocklist

    labels = domain.lower().split(".")
    return any(".".join(labels[i:]) in blocklist for i in range(len(labels) - 1))


def explain_syntax_error(message: str) -> tuple[str, Text]:
    """email-validator's English sentence, turned into a slug and plain words in both languages."""
    for needle, slug, reason in _REASONS:
        if needle in message:
            return slug, reason
    return "other", _OTHER_REASON


def find_invisible(text: str) -> list[Invisible]:
    return [Invisible(i, code_name(c), describe(c))
            for i, c in enumerate(text, 1) if _is_invisible(c)]



def _is_invisible(char: str) -> bool:
    # Cf: zero-width spaces and joiners, BOM, bidi marks, soft hyphen; Cc: control characters.
    # Ordinary spaces are not here: surrounding ones are stripped as a normalization.
    if char in _INVISIBLE_SPACES:
        return True
    return unicodedata.category(char) in ("Cf", "Cc") and char not in "\t\n\r"


def _changes(cleaned: str, stripped: str, inner: str, normalized: str) -> list[Text]:
    changes: list[Text] = []
    if stripped != cleaned:
        changes.append(Text("se quitaron espacios al inicio o al final",
                            "surrounding spaces were removed"))
    stripped = inner  # what a paste wrapped around it has its own finding
    local, _, domain = stripped.rpartition("@")
    n_local, _, n_domain = normalized.rpartition("@")
    if unicodedata.normalize("NFC", stripped) != stripped:
        changes.append(Text("se normalizó la forma Unicode (NFC)",
                            "the Unicode form was normalized (NFC)"))
    if domain != n_domain and domain.lower() == n_domain.lower():
        changes.append(Text("el dominio se pasó a minúsculas", "the domain was lower-cased"))
    elif unicodedata.normalize("NFC", domain).lower() != n_domain:
        changes.append(Text(f"el dominio se escribió como {n_domain}",
                            f"the domain was written as {n_domain}"))
    if local != n_local and unicodedata.normalize("NFC", local) == n_local and not changes:
        changes.append(Text("se normalizó la forma Unicode (NFC)",
                            "the Unicode form was normalized (NFC)"))
    return changes


def _unread(shown: str, slug: str, reason: Text, findings: list[Finding]) -> AddressResult:
    """Not one readable address: what the person's address is, is not known (never a fail)."""
    finding = make("address.invalid", Status.UNKNOWN, texts={"reason": reason},
                   input=shown[:80], reason=slug, validator_message=None)
    return AddressResult((*findings, finding), None, None)


def _invalid(shown: str, slug: str, reason: Text, findings: list[Finding] | None = None,
             detail: str | None = None) -> AddressResult:
    finding = make("address.invalid", texts={"reason": reason}, input=shown, reason=slug,
                   validator_message=detail)
    return AddressResult((*(findings or []), finding), None, None)
