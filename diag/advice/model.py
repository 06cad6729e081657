"""What one piece of advice is: its texts in both voices, its source, its place in a plan."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from diag.i18n import Lang, Text


class Source(StrEnum):
    ARTICLE = "article"  # "Recuperar Clave IESS Con Correo" (web article), reworded
    IESS = "iess"  # IESS press release of 15 Nov 2024 on unlocking the password
    PROVIDER = "provider"  # the mail provider's own documentation
    PRACTICE = "practice"  # sound practice where the article is silent


SOURCE_NAMES = {
    Source.ARTICLE: Text(
        "Artículo «Recuperar Clave IESS Con Correo» (sección de problemas con el correo)",
        "Article 'Recuperar Clave IESS Con Correo' (troubleshooting section)",
    ),
    Source.IESS: Text(
        "Boletín oficial del IESS «¿Cómo desbloquear la clave de afiliado?» (15-11-2024)",
        "Official IESS press release on unlocking the affiliate password (2024-11-15)",
    ),
    Source.PROVIDER: Text(
        "Documentación del proveedor de correo", "The mail provider's documentation"
    ),
    Source.PRACTICE: Text("Buena práctica de soporte", "Sound support practice"),
}


@dataclass(frozen=True)
class Advice:
    id: str
    text: Text
    source: Source
    priority: int  # lower is done first in an action plan
    person: Text | None = None  # said to the affiliate (usted); `text` speaks to the agent
    url: str = ""  # the page it rests on, when there is one
    verified: bool = True  # False: the page did not confirm every word (see the module)

    def get(self, lang: Lang) -> str:
        return self.text.get(lang)

    def voice(self, audience: str) -> Text:
        """The text for `audience` ("agent" or "person")."""
        return self.person if audience == "person" and self.person is not None else self.text


