"""When the mailbox cannot be searched: what to type and where to look in each provider's webmail.

Each entry names the provider's help page it rests on; `verified=False` marks what the page did
not confirm (folder and box names as the Spanish interface shows them, seen in use).
"""

from __future__ import annotations

from diag.advice.model import Advice, Source
from diag.i18n import Text

GMAIL_HELP = "https://support.google.com/mail/answer/7190"  # search operators
# Microsoft: the Junk Email folder, "mark as not junk"; the search scope is not on that page.
OUTLOOK_HELP = ("http://office.microsoft.com/en-us/office-online-help/"
                "learn-about-junk-email-and-phishing-HA102917781.aspx")
YAHOO_HELP = ""  # no Yahoo help page was found to confirm the `from:` search: unverified
ICLOUD_HELP = "https://support.apple.com/en-us/HT202315"  # the Junk folder; search scope is not


def _w(id_: str, url: str, verified: bool, agent: tuple[str, str],
       person: tuple[str, str]) -> Advice:
    return Advice(id_, Text(*agent), Source.PROVIDER, 40, person=Text(*person), url=url,
                  verified=verified)


_AGENT = ("Como el buzón no se revisó, busque el correo con la persona en {0}",
          "As the mailbox was not searched, look for the mail with the person in {0}")
_PERSON = ("Busque el correo usted mismo en {0}", "Look for the mail yourself in {0}")


def _pair(where: tuple[str, str], how: tuple[str, str],
          yours: tuple[str, str] | None = None) -> tuple[tuple[str, str], tuple[str, str]]:
    """Both voices from one set of steps: the usted imperative ("escriba", "abra") is the
    subjunctive the agent's "que escriba" needs, so the Spanish is shared word for word."""
    mine = yours or where
    agent = (_AGENT[0].format(where[0]) + ": que " + how[0],
             _AGENT[1].format(where[1]) + ": have them " + how[1])
    person = (_PERSON[0].format(mine[0]) + ": " + how[0],
              _PERSON[1].format(mine[1]) + ": " + how[1])
    return agent, person


ENTRIES = [
    _w("step_webmail_gmail", GMAIL_HELP, True, *_pair(
        ("Gmail", "Gmail"), (
        "escriba en el cuadro «Buscar correo» in:anywhere from:iess.gob.ec newer_than:1d (así "
        "la búsqueda incluye «Spam» y «Papelera») y, si no aparece, abra la pestaña "
        "«Promociones» de «Recibidos».",
        "type in:anywhere from:iess.gob.ec newer_than:1d in the search box (the search then "
        "covers Spam and Trash too) and, if it is not there, open the Promotions tab of the "
        "inbox."))),
    _w("step_webmail_outlook", OUTLOOK_HELP, False, *_pair(
        ("Outlook.com", "Outlook.com"), (
        "escriba iess.gob.ec en el cuadro «Buscar», elija buscar en «Todas las carpetas» y "
        "abra también «Correo no deseado», «Elementos eliminados» y la pestaña «Otros» de la "
        "«Bandeja de entrada».",
        "type iess.gob.ec in the search box, choose to search all folders, and also open "
        "Junk Email, Deleted Items and the Other tab of the inbox."))),
    _w("step_webmail_yahoo", YAHOO_HELP, False, *_pair(
        ("Yahoo Mail", "Yahoo Mail"), (
        "escriba from:iess.gob.ec en el cuadro de búsqueda y abra también las carpetas «Spam» "
        "y «Papelera».",
        "type from:iess.gob.ec in the search box and also open the Spam and Trash folders."))),
    _w("step_webmail_icloud", ICLOUD_HELP, False, *_pair(
        ("icloud.com/mail", "icloud.com/mail"), (
        "busque iess.gob.ec en «Recibidos», en «Correo no deseado» y en «Papelera», una por "
        "una: la búsqueda solo cubre la carpeta elegida.",
        "search for iess.gob.ec in the Inbox, Junk and Trash, one by one: the search only "
        "covers the chosen folder."))),
    _w("step_webmail_other", "", False, *_pair(
        ("su correo web", "their webmail"), (
        "busque iess.gob.ec y abra también las carpetas de spam («Spam» o «Correo no deseado») "
        "y la papelera.",
        "search for iess.gob.ec and also open the spam folder ('Spam' or 'Junk') and the "
        "trash."), ("su correo web", "your webmail"))),
]
BY_PROVIDER = {"gmail": "step_webmail_gmail", "microsoft": "step_webmail_outlook",
               "yahoo": "step_webmail_yahoo", "icloud": "step_webmail_icloud"}
