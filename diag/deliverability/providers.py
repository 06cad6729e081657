"""Mail providers: how to recognise them from MX hosts or domain, and their IMAP facts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from diag.i18n import Text


class Auth(StrEnum):
    PASSWORD = "password"
    APP_PASSWORD = "app_password"  # the normal password is refused; an app password works
    OAUTH2 = "oauth2"  # passwords are refused over IMAP altogether


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    imap_host: str | None
    auth: Auth
    folders: Text  # where spam and promotions live, for the agent
    mx_suffixes: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    username_is_local_part: bool = False


GMAIL = Provider(
    "gmail", "Gmail / Google Workspace", "imap.gmail.com", Auth.APP_PASSWORD,
    Text("El spam está en «[Gmail]/Spam»; Promociones es una pestaña de la bandeja de entrada.",
         "Spam is in '[Gmail]/Spam'; Promotions is a tab of the inbox."),
    ("google.com", "googlemail.com"), ("gmail.com", "googlemail.com"),
)
MICROSOFT = Provider(
    "microsoft", "Microsoft Outlook / Hotmail / 365", "outlook.office365.com", Auth.OAUTH2,
    Text("El spam está en «Correo no deseado» (Junk Email); «Otros» es una vista de la bandeja "
         "de entrada.",
         "Spam is in 'Junk Email' (Correo no deseado); 'Other' is a view of the inbox."),
    ("protection.outlook.com", "outlook.com", "hotmail.com"),
    ("hotmail.com", "hotmail.es", "outlook.com", "outlook.es", "live.com", "live.com.mx",
     "msn.com"),
)
YAHOO = Provider(
    "yahoo", "Yahoo Mail", "imap.mail.yahoo.com", Auth.APP_PASSWORD,
    Text("El spam está en la carpeta «Spam» («Bulk Mail» por IMAP).",
         "Spam is in the 'Spam' folder ('Bulk Mail' over IMAP)."),
    ("yahoodns.net",), ("yahoo.com", "yahoo.es", "ymail.com", "rocketmail.com"),
)
ICLOUD = Provider(
    "icloud", "Apple iCloud Mail", "imap.mail.me.com", Auth.APP_PASSWORD,
    Text("El spam está en la carpeta «Junk» (Correo no deseado).",
         "Spam is in the 'Junk' folder."),
    ("icloud.com", "me.com"), ("icloud.com", "me.com", "mac.com"), username_is_local_part=True,
)
ZOHO = Provider(
    "zoho", "Zoho Mail", "imap.zoho.com", Auth.APP_PASSWORD,
    Text("El spam está en la carpeta «Spam». El acceso IMAP debe activarse en la configuración.",
         "Spam is in the 'Spam' folder. IMAP access must be enabled in the settings."),
    ("zoho.com", "zoho.eu", "zoho.in", "zohomail.com"), ("zoho.com", "zohomail.com"),
)
OTHER = Provider(
    "other", "other", None, Auth.PASSWORD,
    Text("Busque las carpetas «Spam», «Junk» o «Correo no deseado».",
         "Look for the 'Spam', 'Junk' or 'Correo no deseado' folders."),
)
PROVIDERS = (GMAIL, MICROSOFT, YAHOO, ICLOUD, ZOHO)
_UNRECOGNISED = Text("un proveedor que no se reconoce", "a provider that is not recognised")


def label(provider: Provider) -> Text:
    return _UNRECOGNISED if provider is OTHER else Text(provider.name, provider.name)


def _under(host: str, suffix: str) -> bool:
    return host == suffix or host.endswith("." + suffix)


def from_mx(mx_hosts: Iterable[str]) -> Provider:
    """The provider whose servers receive this domain's mail; OTHER when none is known."""
    hosts = [h.lower().rstrip(".") for h in mx_hosts]
    for provider in PROVIDERS:
        if any(_under(h, s) for h in hosts for s in provider.mx_suffixes):
            return provider
    return OTHER


def by_key(key: str) -> Provider:
    return next((p for p in PROVIDERS if p.key == key), OTHER)


def from_domain(domain: str) -> Provider | None:
    """The provider of a well-known consumer domain, known without any DNS lookup."""
    domain = domain.lower().rstrip(".")
    return next((p for p in PROVIDERS if domain in p.domains), None)


def imap_host_for(provider: Provider, mx_hosts: Iterable[str]) -> str | None:
    """Zoho's IMAP host follows the data centre its MX points to (zoho.eu → imap.zoho.eu)."""
    if provider is ZOHO:
        for host in mx_hosts:
            for suffix in ("zoho.eu", "zoho.in", "zoho.com.au"):
                if _under(host.lower().rstrip("."), suffix):
                    return "imap." + suffix
    return provider.imap_host
