"""Markdown for tickets: received text stays text, and no host in it becomes a link."""

from __future__ import annotations

import pytest

from diag.i18n import Lang, Text
from diag.render import Format, render
from tests.fixtures.cases import case, finding, spam_case


@pytest.mark.parametrize(("title", "place"), [
    ("www.evil.example/recuperar", "[Gmail]/Spam"),
    ("Clave: https://evil.example/login", "[Gmail]/Spam"),
    ("Recuperación de clave", "Junk/www.evil.example"),
])
def test_hosts_in_received_text_are_defanged(title: str, place: str) -> None:
    """Issue 11: a reduced subject or a folder name with a host was a clickable link. GitHub
    autolinks www.host, scheme://host and user@host (others any bare host); a defanged host,
    evil[.]example, none of them."""
    report = case("ana.perez@gmail.com", finding("mail.found_spam", title=title, place=place,
                                                  when="hace 2 minutos"))
    out = render([report], Format.MARKDOWN, Lang.ES)
    assert "evil\\[.\\]example" in out
    assert "evil.example" not in out


def test_the_persons_address_is_not_a_mailto_link() -> None:
    out = render([spam_case()], Format.MARKDOWN, Lang.EN)
    assert "ana.perez@gmail.com" not in out and "ana.perez@gmail\\[.\\]com" in out


def test_details_are_labelled_for_their_own_code() -> None:
    """provider.detected's `auth` is the IMAP sign-in, not a receiver's verdict; its "?" (no
    IMAP server known) is said in words."""
    from diag.codes import make
    from diag.i18n import Lang
    from diag.render.details import detail_lines

    found = make("provider.detected", texts={"folders": Text("", ""),
                                             "provider_label": Text("x", "x"),
                                             "imap": Text("", "")},
                 domain="andinanet.net", provider="other", provider_name="other",
                 imap_host="?", auth="password", source="mx")
    lines = dict(detail_lines(found.details, Lang.ES, found.code))
    assert lines["Inicio de sesión IMAP"] == "password"
    assert lines["Servidor IMAP"] == "no se conoce"
    assert "Autenticación según el receptor" not in lines
