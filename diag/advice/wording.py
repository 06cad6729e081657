"""The words a plan's placeholders take for one case: times, folders as each provider names them."""

from __future__ import annotations

from datetime import datetime, timedelta

from diag.address import pasted
from diag.advice.case import Case, Mail
from diag.findings import Report
from diag.i18n import Text

# Folder and button names as each provider's Spanish interface shows them (see webmail.py).
_SPAM = {"gmail": Text("Spam", "Spam"), "microsoft": Text("Correo no deseado", "Junk Email"),
         "yahoo": Text("Spam", "Spam"), "icloud": Text("Correo no deseado", "Junk")}
_NOT_SPAM = {"gmail": Text("No es spam", "Not spam"),
             "microsoft": Text("No es correo no deseado", "Not junk"),
             "yahoo": Text("No es spam", "Not spam"),
             "icloud": Text("No es correo no deseado", "Not junk")}
_TRASH = {"microsoft": Text("Elementos eliminados", "Deleted Items")}
_WHY = {
    "address.invalid": Text("no está bien escrita", "it is not well formed"),
    "domain.not_found": Text("su dominio no existe", "its domain does not exist"),
    "domain.no_mail_server": Text("su dominio no tiene servidor de correo",
                                  "its domain has no mail server"),
    "domain.null_mx": Text("su dominio declara que no acepta correo",
                           "its domain declares that it accepts no mail"),
    "mx.unresolvable": Text("sus servidores de correo no tienen dirección en internet",
                            "its mail servers have no internet address"),
    "mx.non_public_address": Text("sus servidores de correo no se alcanzan desde internet",
                                  "its mail servers cannot be reached from the internet"),
}
_EXISTS = Text(" Ese dominio parecido existe y recibe correo: puede ser de otra persona.",
               " That look-alike domain exists and receives mail: it may belong to someone "
               "else.")


def about(span: timedelta) -> Text:
    """A duration as a person says it: "unos 9 minutos", "unas 2 horas"."""
    minutes = round(abs(span).total_seconds() / 60)
    if minutes < 1:
        return Text("menos de un minuto", "less than a minute")
    if minutes == 1:
        return Text("un minuto", "a minute")
    if minutes < 90:
        return Text(f"unos {minutes} minutos", f"about {minutes} minutes")
    hours = round(minutes / 60)
    if hours < 36:
        return Text(f"unas {hours} horas", f"about {hours} hours")
    days = round(hours / 24)
    return Text(f"unos {days} días", f"about {days} days")


def exactly(span: timedelta) -> Text:
    minutes = round(span.total_seconds() / 60)
    if minutes % 60 == 0 and minutes >= 60:
        hours = minutes // 60
        return Text(f"{hours} hora{'s' * (hours != 1)}", f"{hours} hour{'s' * (hours != 1)}")
    many = "s" * (minutes != 1)
    return Text(f"{minutes} minuto{many}", f"{minutes} minute{many}")


def values(report: Report, case: Case, validity: timedelta) -> dict[str, Text]:
    """Every placeholder any step uses, in both languages."""
    mail = case.newest
    return {
        **_phishing(case.phishing), **_mail(mail, case.provider, report),
        "count": Text(str(len(case.mails)), str(len(case.mails))),
        "validity": exactly(validity), **_address(report), **_mailbox(report),
        "provider": _provider_name(report),
        "not_spam": _NOT_SPAM.get(case.provider or "", Text("No es spam", "Not spam")),
        **_then(case),
    }


def _then(case: Case) -> dict[str, Text]:
    """After freeing space: a new link, unless a mail that did arrive still has a live one."""
    mail = case.newest
    alive = mail is not None and not mail.expired and (mail.link_left or timedelta()) > timedelta()
    if alive:
        return {"then_agent": _plain(""), "then_person": _plain("")}
    return {"then_agent": Text("; solo después, que pida un enlace nuevo",
                               "; only then should they request a new link"),
            "then_person": Text("; solo después, pida un enlace nuevo",
                                "; only then request a new link")}


def _plain(text: str) -> Text:
    return Text(text, text)


def _phishing(n: int) -> dict[str, Text]:
    if n <= 1:
        words = ("ese mensaje", "that message", "viene", "it is", "it", "lo elimine",
                 "lo denuncie", "elimínelo", "denúncielo")
    else:
        words = (f"esos {n} mensajes", f"those {n} messages", "vienen", "they are", "them",
                 "los elimine", "los denuncie", "elimínelos", "denúncielos")
    es, en, come, it_is, them, it_del, it_rep, del_you, rep_you = words
    return {"those": Text(es, en), "come": _plain(come), "it_is": _plain(it_is),
            "them": _plain(them), "it_del": _plain(it_del), "it_rep": _plain(it_rep),
            "it_del_you": _plain(del_you), "it_rep_you": _plain(rep_you)}


def _mail(mail: Mail | None, provider: str | None, report: Report) -> dict[str, Text]:
    folder = _folder_name(mail, provider, report)
    filled = {"folder": folder, "where": _where(mail, folder)}
    if mail is None:
        return filled | {"left": _plain(""), "ago": _plain(""), "age": _plain("")}
    left = mail.link_left or timedelta()
    remaining = about(left)
    verb = ("queda", "left") if remaining.es.startswith(("un ", "menos")) else ("quedan", "left")
    filled["left"] = Text(f"{verb[0]} {remaining.es}", f"{remaining.en} {verb[1]}")
    filled["ago"] = Text(f"hace {about(left).es}", f"{about(left).en} ago") if left < timedelta() \
        else Text("hace poco", "a moment ago")
    filled["age"] = (Text("en un momento que no se conoce", "at an unknown time")
                     if mail.age is None else Text(f"hace {about(mail.age).es}",
                                                   f"{about(mail.age).en} ago"))
    return filled


def _folder_name(mail: Mail | None, provider: str | None, report: Report) -> Text:
    if mail is None:
        return _plain("")
    if mail.role == "junk" and provider in _SPAM:
        return _SPAM[provider]
    if mail.role == "trash":
        return _TRASH.get(provider or "", Text("Papelera", "Trash"))
    if mail.role == "promotions":
        return Text("Promociones", "Promotions")
    found = next((f for f in report.findings if f.code.startswith("mail.found_")), None)
    name = str(found.details.get("folder") or "") if found is not None else ""
    return _plain(name)


def _where(mail: Mail | None, folder: Text) -> Text:
    if mail is None:
        return _plain("")
    if mail.role == "inbox":
        return Text("de la bandeja de entrada", "in the inbox")
    if mail.role == "message":
        return Text("que se analizó", "that was analysed")
    if mail.role == "promotions":
        return Text("en la pestaña «Promociones»", "in the Promotions tab")
    return Text(f"en la carpeta «{folder.es}»", f"in the '{folder.en}' folder")


def _address(report: Report) -> dict[str, Text]:
    typo = report.find("address.typo_suspected")
    domain = str(typo.details.get("domain", "")) if typo else ""
    suggestion = str(typo.details.get("suggestion", "")) if typo else ""
    if not domain:
        domain = (report.address or report.input).rpartition("@")[2]
    exists = typo is not None and report.find("domain.accepts_mail") is not None
    whys = [_WHY[c] for c in report.codes() if c in _WHY]
    why = Text.join("; ", whys) if whys else Text("vea los hallazgos", "see the findings")
    return {"domain": _plain(domain), "suggestion": _plain(suggestion),
            "exists": _EXISTS if exists else _plain(""), "why": why, **_extras(report)}


def _extras(report: Report) -> dict[str, Text]:
    """What a paste wrapped around the address, and the address without it."""
    extra = report.find("address.extra_characters")
    if extra is None:
        return {"fixes": _plain(""), "cleaned": _plain("")}
    removed = [str(slug) for slug in extra.details.get("removed", ()) if slug in pasted.WORDS]
    fixes = Text.join("; ", [pasted.WORDS[slug] for slug in removed])
    return {"fixes": fixes, "cleaned": _plain(str(extra.details.get("cleaned", "")))}


def _mailbox(report: Report) -> dict[str, Text]:
    absent = report.find("mail.not_found")
    since = _moment(str(absent.details.get("since", ""))) if absent else ""
    gap = report.find("mail.search_incomplete")
    names = [str(n) for n in (gap.details.get("folders_left_out") or [])] if gap else []
    left_out = (Text("«" + "», «".join(names[:5]) + "»", "'" + "', '".join(names[:5]) + "'")
                if names else Text("parte del buzón", "part of the mailbox"))
    return {"since": _plain(since), "left_out": left_out}


def _moment(value: str) -> str:
    try:
        return f"{datetime.fromisoformat(value):%Y-%m-%d %H:%M}"
    except ValueError:
        return value


def _provider_name(report: Report) -> Text:
    detected = report.find("provider.detected")
    if detected is not None and detected.details.get("provider_name"):
        return _plain(str(detected.details["provider_name"]).split(" / ")[0])
    return Text("El proveedor", "The provider")
