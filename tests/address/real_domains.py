"""Real mail domains, Ecuadorian and foreign: a typo suggestion on any of them is a false alarm."""

from __future__ import annotations

UNIVERSITIES = (
    "puce.edu.ec", "espol.edu.ec", "epn.edu.ec", "uce.edu.ec", "usfq.edu.ec", "ucuenca.edu.ec",
    "ups.edu.ec", "espe.edu.ec", "utpl.edu.ec", "uide.edu.ec", "udla.edu.ec", "ute.edu.ec",
    "ucsg.edu.ec", "ug.edu.ec", "uleam.edu.ec", "utm.edu.ec", "uta.edu.ec", "espoch.edu.ec",
    "unl.edu.ec", "utn.edu.ec", "uasb.edu.ec", "flacso.edu.ec", "uees.edu.ec", "uartes.edu.ec",
    "ikiam.edu.ec", "yachaytech.edu.ec", "utc.edu.ec", "unach.edu.ec", "uteq.edu.ec",
    "upse.edu.ec", "utmachala.edu.ec", "ueb.edu.ec", "uazuay.edu.ec", "ucacue.edu.ec",
    "uisek.edu.ec", "uhemisferios.edu.ec", "uniandes.edu.ec", "pucesa.edu.ec", "unemi.edu.ec",
    "ecotec.edu.ec", "uteg.edu.ec", "unesum.edu.ec", "uea.edu.ec", "iaen.edu.ec",
)
GOVERNMENT = (
    "iess.gob.ec", "mies.gob.ec", "seps.gob.ec", "ieps.gob.ec", "iepi.gob.ec", "senadi.gob.ec",
    "sri.gob.ec", "msp.gob.ec", "educacion.gob.ec", "trabajo.gob.ec", "cancilleria.gob.ec",
    "finanzas.gob.ec", "produccion.gob.ec", "ambiente.gob.ec", "turismo.gob.ec", "mag.gob.ec",
    "obraspublicas.gob.ec", "defensa.gob.ec", "cultura.gob.ec", "deporte.gob.ec",
    "registrocivil.gob.ec", "cne.gob.ec", "ant.gob.ec", "isspol.gob.ec", "presidencia.gob.ec",
    "asambleanacional.gob.ec", "funcionjudicial.gob.ec", "fiscalia.gob.ec",
    "contraloria.gob.ec", "supercias.gob.ec", "superbancos.gob.ec", "arcotel.gob.ec",
    "senescyt.gob.ec", "inec.gob.ec", "aduana.gob.ec", "quito.gob.ec", "guayaquil.gob.ec",
    "cuenca.gob.ec", "compraspublicas.gob.ec", "dpe.gob.ec", "igm.gob.ec", "inamhi.gob.ec",
    "ecu911.gob.ec", "policia.gob.ec", "snai.gob.ec", "senae.gob.ec", "secap.gob.ec",
    "inpc.gob.ec", "telecomunicaciones.gob.ec", "cnt.gob.ec", "issfa.mil.ec", "armada.mil.ec",
    "ejercito.mil.ec", "fae.mil.ec", "biess.fin.ec", "bce.fin.ec", "cfn.fin.ec",
    "banecuador.fin.ec", "gob.ec",
)
BANKS = (
    "pichincha.com", "bancoguayaquil.com", "produbanco.com.ec", "bancointernacional.com.ec",
    "bancodelaustro.com", "bancobolivariano.com", "bancodelpacifico.com", "bgr.com.ec",
    "bancoamazonas.com", "bancodeloja.fin.ec", "bancomachala.com", "coopjep.fin.ec",
    "cooprogreso.fin.ec", "jardinazuayo.fin.ec", "bancodesarrollo.fin.ec", "diners.com.ec",
    "mutualistapichincha.com", "bancosolidario.com", "bancoprocredit.com.ec", "citibank.com",
)
ISPS = (
    "cnt.com.ec", "claro.com.ec", "movistar.com.ec", "netlife.net.ec", "puntonet.ec",
    "telconet.net", "tvcable.com.ec", "grupotvcable.com", "satnet.net", "uio.satnet.net",
    "gye.satnet.net", "cue.satnet.net", "andinanet.net", "etapa.net.ec", "etapanet.net",
    "pacifictel.net", "xtrim.com.ec", "nedetel.net", "easynet.net.ec", "interactive.net.ec",
    "porta.net", "impsat.net.ec", "celerity.ec", "netlife.ec", "cnt.net.ec",
)
FOREIGN = (
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.es", "outlook.com", "outlook.es",
    "live.com", "msn.com", "yahoo.com", "yahoo.es", "ymail.com", "rocketmail.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "protonmail.com", "protonmail.ch",
    "proton.me", "pm.me", "zoho.com", "zohomail.com", "gmx.com", "gmx.de", "gmx.net", "gmx.es",
    "web.de", "mail.com", "email.com", "yandex.com", "yandex.ru", "mail.ru", "tutanota.com",
    "tuta.com", "fastmail.com", "hey.com", "hushmail.com", "inbox.com", "mailbox.org",
    "posteo.de", "qq.com", "163.com", "126.com", "naver.com", "comcast.net", "verizon.net",
    "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net", "earthlink.net",
    "orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr", "libero.it", "virgilio.it",
    "tiscali.it", "terra.com.br", "uol.com.br", "bol.com.br", "telefonica.net", "movistar.es",
    "terra.es", "ono.com", "hotmail.fr", "hotmail.it", "hotmail.co.uk", "outlook.fr",
    "outlook.de", "live.cl", "live.com.mx", "live.com.ar", "yahoo.com.mx", "yahoo.com.ar",
    "yahoo.co.uk", "yahoo.fr", "btinternet.com", "sky.com", "virginmedia.com", "t-online.de",
    "freenet.de", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "rediffmail.com", "lycos.com",
    "juno.com", "optonline.net", "frontier.com", "shaw.ca", "rogers.com", "sympatico.ca",
    "bigpond.com", "optusnet.com.au", "xtra.co.nz", "yahoo.co.jp", "daum.net", "hanmail.net",
)
COMPANIES = (
    "corporacionfavorita.com", "pronaca.com", "elcomercio.com", "eluniverso.com",
    "expreso.ec", "primicias.ec", "tia.com.ec", "deprati.com.ec", "etafashion.com",
    "holcim.com", "nestle.com", "empresa-andina.com.ec", "importadora-guayas.ec",
)
REAL_DOMAINS: tuple[str, ...] = (
    *UNIVERSITIES, *GOVERNMENT, *BANKS, *ISPS, *FOREIGN, *COMPANIES)
