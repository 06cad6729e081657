"""Codes of cédula and RUC checks (diag.identity)."""

from __future__ import annotations

from diag.codes.model import FAIL, INFO, OK, WARN, CodeInfo, entry

CODES: list[CodeInfo] = [
    entry("id.valid", OK,
          ("El número de cédula o RUC es válido: tiene la forma correcta (longitud, provincia, "
           "tercer dígito, establecimiento) y su dígito verificador cuadra.",
           "The cédula or RUC number is valid: right shape (length, province, third digit, "
           "establishment) and its check digit matches."),
          ("{number} es válido: {description}.", "{number} is valid: {description}.")),
    entry("id.invalid", FAIL,
          ("El número no puede ser una cédula ni un RUC: el portal del IESS lo rechazará. Suele "
           "ser un dígito mal escrito, cambiado de lugar, o que falta o sobra.",
           "The number cannot be a cédula or a RUC: the IESS portal will reject it. Usually a "
           "digit is mistyped, swapped, missing or extra."),
          ("«{number}» no es válido: {reason}", "'{number}' is not valid: {reason}"),
          ("check_id_digits",)),
    entry("id.check_digit_unconfirmed", WARN,
          ("RUC de sociedad o de entidad pública cuyo dígito verificador no sigue la regla clásica "
           "del módulo 11. El SRI no asigna todos esos RUC con esa regla, así que no prueba que el "
           "número esté mal: hay que confirmarlo en la consulta de RUC del SRI.",
           "A company or public-entity RUC whose check digit does not follow the classic modulo-11 "
           "rule. The SRI does not issue all such RUCs with that rule, so this does not prove the "
           "number wrong: confirm it in the SRI's RUC look-up."),
          ("{number}: {description}, pero su dígito verificador ({check_digit}) no cumple la "
           "regla clásica ({rule}). Puede ser correcto igualmente: confírmelo en el SRI.",
           "{number}: {description}, but its check digit ({check_digit}) breaks the classic rule "
           "({rule}). It may still be right: confirm it with the SRI."),
          ("verify_ruc_at_sri",)),
    entry("id.normalized", INFO,
          ("El número traía separadores (espacios, guiones, puntos) o dígitos de otro alfabeto; se "
           "revisó solo con los dígitos 0-9. En el portal hay que escribir solo los dígitos.",
           "The number came with separators (spaces, dashes, dots) or digits from another script; "
           "it was checked with the digits 0-9 only. The portal needs the bare digits."),
          ("Se revisó como {number} ({changes}).", "Checked as {number} ({changes})."),
          ("type_id_digits_only",)),
]

