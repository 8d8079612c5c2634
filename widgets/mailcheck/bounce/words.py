"""The one table of words by which servers say why they refused a message, per reason.

Servers send a bare 550, or a code that contradicts their own text (``550 5.1.1 …
account administratively disabled``): the words decide then (RFC 3463 §1 says the
text is for humans, but humans wrote it for humans). Each reason has the phrases
real bounces use, in English first, then German, French, Italian and Spanish (the
languages of the hoster's readers and of the providers they write to), matched
case-insensitively with any run of blanks between words.

Order matters: the first reason whose phrases match wins, so the narrower reasons
come first (a HELO or SPF refusal often also says "rejected" or "policy"; a
blocklist named "Spamhaus" holds the word "spam"; "account disabled" beats the
5.1.1 that comes with it). Every phrase is a literal or a short bounded pattern, so
one search stays linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORDS: dict[str, Sequence[str]] = {
    "bogus-helo": (
        r"bogus HELO", r"Helo command rejected", r"invalid (?:HELO|EHLO)", r"(?:HELO|EHLO) rejected",
        r"bad (?:HELO|EHLO)", r"need fully-qualified hostname", r"syntactically invalid argument", r"HELO hostname",
        r"EHLO hostname", r"ungültiger HELO", r"HELO non valide", r"HELO non valido", r"HELO no válido",
    ),
    "delivery-expired": (
        r"retry timeout exceeded", r"message expired", r"QUEUE\.Expired", r"delivery time expired",
        r"could not be delivered within", r"tiempo de entrega vencido", r"did not accept our requests to connect",
        r"non ha accettato le nostre richieste", r"has been in the queue too long", r"too long in (?:the )?queue",
        r"maximum queue lifetime", r"we['\u2019]ve been trying to deliver", r"gave up", r"giving up",
        r"Zustellung (?:wurde )?aufgegeben", r"Zustellversuche (?:wurden )?eingestellt",
        r"Zeitlimit .{0,20}überschritten", r"délai (?:de (?:livraison|remise) )?(?:a )?expiré",
        r"abandon de la remise", r"tempo (?:massimo )?scaduto", r"consegna .{0,20}scadut",
        r"tiempo de entrega .{0,20}(?:agotado|expirado)", r"ha caducado",
    ),
    "authentication-policy": (
        r"\bSPF\b", r"\bDKIM\b", r"\bDMARC\b", r"Sender Policy Framework", r"DomainKeys",
        r"unauthenticated (?:e-?mail|mail|message)", r"does not designate", r"not designated as permitted sender",
        r"authentication checks", r"not pass authentication", r"invalid sender", r"[EÉ]metteur invalide",
        r"nicht authentifiziert", r"non authentifié", r"non autenticat", r"no autenticad",
    ),
    "too-many-recipients": (
        r"too many recipients", r"TooManyRecipients", r"recipient limit", r"per transaction", r"separate transaction",
        r"maximum number of recipients", r"Recipient count", r"zu viele Empfänger", r"trop de destinataires",
        r"troppi destinatari", r"demasiados destinatarios",
    ),
    "mailbox-full": (
        r"mailbox (?:is )?full", r"mailbox (?:size|quota)", r"inbox is full", r"over (?:its |their )?quota",
        r"(?<!sending\x20)(?<!queue\x20)quota exceeded", r"overquota", r"quota violation", r"disk quota",
        r"too many messages on the server", r"storage space", r"Speichervolumen", r"zu ?viele Mails auf dem Server",
        r"correo lleno", r"exceeded (?:its |the |their )?(?:storage|quota)", r"out of storage", r"storage allocation",
        r"error writing message: File too large", r"insufficient storage", r"MailboxFull", r"OverQuota",
        r"mailbox exceeds", r"Postfach (?:ist )?voll", r"Mailbox (?:ist )?voll", r"Postfach .{0,20}überschritten",
        r"Speicherplatz", r"Quota überschritten", r"Kontingent",
        r"bo[iî]te (?:aux lettres |de réception )?(?:est )?pleine", r"quota (?:dépassé|atteint|excédé)",
        r"espace de stockage", r"casella (?:di posta )?(?:è )?piena", r"quota (?:superata|esaurita)",
        r"spazio esaurito", r"buz[oó]n (?:de correo )?(?:está )?lleno", r"cuota (?:excedida|superada)",
        r"sin espacio",
    ),
    "message-too-large": (
        r"message size exceeds", r"exceeds (?:the )?(?:\w+ )?size limit", r"size limit", r"message too (?:large|big)",
        r"(?:message|body) is too (?:large|big)", r"message file too big",
        r"exceeds (?:the )?maximum (?:message )?size", r"maximum message size", r"was too large", r"mail size",
        r"Nachricht (?:ist )?zu groß", r"Größenbeschränkung", r"maximale (?:Nachrichten)?größe",
        r"message trop (?:volumineux|gros|grand)", r"taille maximale", r"dépasse la taille",
        r"messaggio troppo grande", r"dimensione massima", r"supera (?:la )?dimensione", r"mensaje demasiado grande",
        r"tamaño máximo", r"excede el tamaño",
    ),
    "rate-limited": (
        r"rate limit", r"sending quota", r"sending limit", r"receiving mail at a rate", r"too quickly",
        r"excessive volume", r"too many recent messages", r"frequency limit", r"queue quota",
        r"max(?:imum)? (?:number of )?messages? per connection", r"limit for the number of messages",
        r"rate that prevents", r"too many (?:messages|mails|e-?mails|connections|concurrent)", r"message rate",
        r"unexpected volume", r"RecipientThrottled", r"throttl", r"too much mail", r"exceeded the rate",
        r"zu viele (?:Nachrichten|Verbindungen|E-?Mails)", r"Sendelimit",
        r"trop de (?:messages|connexions|courriels)", r"limite d['\u2019]envoi", r"troppi messaggi",
        r"troppe connessioni", r"limite di invio", r"demasiados (?:mensajes|correos)", r"demasiadas conexiones",
        r"límite de envío",
    ),
    "mailbox-disabled": (

        r"(?:account|mailbox|user|address)(?: has been| is)? (?:administratively )?"
        r"(?:disabled|deactivated|suspended|inactive|blocked|locked)",
        r"administratively disabled", r"no longer (?:active|in use|available)", r"inactive (?:account|mailbox|user)",
        r"AccountDisabled", r"\binactiv", r"rejected: (?:Inactive|Blocked|Disabled)", r"account (?:has been )?closed",
        r"n['\u2019]accepte plus de messages", r"casilla ha expirado", r"por falta de uso",
        r"(?:Konto|Postfach|Benutzer|Mailbox)(?: ist| wurde)? (?:deaktiviert|gesperrt|inaktiv|stillgelegt)",
        r"(?:compte|bo[iî]te|adresse|utilisateur)(?: a été| est)? (?:désactivée?|suspendue?|inactive?|bloquée?)",
        r"(?:account|casella|utente|indirizzo)(?: è stat[oa]| è)? (?:disattivat|sospes|disabilitat|inattiv|bloccat)",
        r"(?:cuenta|buz[oó]n|usuario)(?: ha sido| está)? (?:desactivad|suspendid|inactiv|deshabilitad|bloquead)",
    ),
    "host-unknown": (
        r"Host or domain name not found", r"Name service error", r"domain (?:name )?not found", r"no such domain",
        r"domain (?:does not|doesn['\u2019]t) exist", r"Host not found", r"host unknown", r"unknown host",
        r"Unrout(?:e)?able (?:address|domain)", r"routing server failure", r"Invalid DNS MX", r"NXDOMAIN",
        r"DNS Error", r"no MX", r"no mail exchanger", r"no valid MX", r"Recipient address rejected: Domain not found",
        r"Domain (?:wurde )?nicht gefunden", r"Domain existiert nicht", r"Domäne (?:existiert nicht|nicht gefunden)",
        r"domaine (?:introuvable|inexistant|inconnu)", r"dominio (?:inesistente|non trovato|sconosciuto)",
        r"dominio (?:no existe|inexistente|no encontrado|desconocido)",
    ),
    "recipient-unknown": (
        r"user unknown", r"unknown user", r"no such (?:user|recipient|mailbox|address)", r"user not found",
        r"recipient not found", r"address not found", r"RecipientNotFound", r"unknown recipient",
        r"invalid recipient", r"recipient (?:address )?(?:is )?invalid",
        r"(?:mailbox|account|address|user|recipient)(?: \S+)? (?:does not|doesn['\u2019]t) exist",
        r"does not exist", r"mailbox not found", r"mailbox unavailable", r"mailbox (?:is )?not available",
        r"no mailbox", r"invalid mailbox", r"bad destination mailbox", r"unknown local part", r"addressee unknown",
        r"invalid address", r"could not be found", r"no longer valid", r"not a valid (?:RFC[- ]?5321 )?address",
        r"bad (?:address|recipient) syntax", r"no se encuentra en (?:el Directorio|la Libreta)",
        r"not a valid mailbox", r"address couldn['\u2019]t be found", r"wasn['\u2019]t found at",
        r"doesn['\u2019]t have an? \S+ account", r"not listed in", r"unknown or illegal alias", r"no such person",
        r"Benutzer unbekannt", r"unbekannter (?:Benutzer|Empfänger)", r"Empfänger (?:ist )?unbekannt",
        r"Empfängeradresse (?:wurde )?(?:abgelehnt|nicht gefunden)", r"existiert nicht", r"Adresse nicht gefunden",
        r"kein solcher Benutzer", r"utilisateur inconnu", r"destinataire (?:inconnu|introuvable)",
        r"adresse (?:inconnue|introuvable|inexistante)", r"n['\u2019]existe pas",
        r"bo[iî]te (?:aux lettres )?inexistante", r"compte inexistant", r"utente (?:sconosciuto|inesistente)",
        r"destinatario (?:sconosciuto|inesistente)", r"indirizzo (?:inesistente|non trovato|sconosciuto)",
        r"non esiste", r"casella (?:di posta )?inesistente", r"usuario (?:desconocido|inexistente|no existe)",
        r"destinatario (?:desconocido|inexistente)", r"no existe", r"direcci[oó]n no encontrada",
        r"no se ha encontrado la direcci[oó]n", r"buz[oó]n (?:de correo )?inexistente",
    ),
    "auth-required": (
        r"relay access denied", r"relay(?:ing)? disallowed", r"relay disabled", r"does not have permissions? to send",
        r"Anonymous client", r"authentication failure", r"relaying denied",
        r"relay(?:ing)? (?:is )?not (?:permitted|allowed)", r"unable to relay", r"not permitted to relay",
        r"we do not relay", r"relaying (?:mail )?(?:is )?prohibited", r"authentication (?:is )?required",
        r"must authenticate", r"SMTP AUTH", r"not authenticated", r"Client was not authenticated", r"SendAsDenied",
        r"not authorized to send (?:as|on behalf)", r"not owned by (?:the )?(?:auth(?:enticated)? )?user",
        r"not allowed to send as", r"isn['\u2019]t in my list of allowed rcpthosts",
        r"Relaying (?:nicht erlaubt|verweigert)", r"Authentifizierung (?:ist )?erforderlich",
        r"relais (?:refusé|interdit|non autorisé)", r"authentification (?:est )?(?:requise|obligatoire|nécessaire)",
        r"relay (?:non (?:permesso|consentito)|negato)", r"autenticazione (?:è )?(?:richiesta|obbligatoria)",
        r"relay denegado", r"retransmisi[oó]n denegada",
        r"autenticaci[oó]n (?:es )?(?:requerida|obligatoria|necesaria)",
    ),
    "sender-blocked": (
        r"blacklist", r"blocklist", r"block list", r"black list", r"blocked using", r"listed (?:in|on|at) ",
        r"Spamhaus", r"spamcop", r"barracuda", r"\bsorbs\b", r"\bRBL\b", r"\bDNSBL\b", r"reputation",
        r"banned sending IP", r"banned sender", r"sending IP .{0,40}blocked",
        r"IP(?: address)?(?: \S+){0,3} (?:blocked|banned)", r"host blocked", r"IP source bloqu", r"reverse DNS",
        r"\bPTR\b", r"reverse hostname", r"cannot find your hostname", r"spam sender", r"block for spam",
        r"not allowed to connect", r"policy restrictions \((?:IP|domain) based\)", r"Client host rejected",
        r"poor reputation", r"\(S3\d{3}\)", r"Sperrliste", r"schwarze(?:n)? Liste", r"liste noire",
        r"mauvaise réputation", r"lista nera", r"lista negra", r"mala reputaci[oó]n",
    ),
    "spam-or-content": (
        r"spam", r"virus", r"malware", r"phishing", r"unsolicited", r"junk", r"content (?:rejected|filter)",
        r"message content", r"suspicious", r"infected", r"prohibited attachment", r"banned attachment",
        r"attachment (?:type )?(?:is )?not allowed", r"illegal attachment", r"content denied",
        r"policy restrictions \(header based\)", r"rejected by (?:\w+ )?(?:headers )?rule filter", r"\bAV:",
        r"unerwünscht", r"Inhalt (?:abgelehnt|nicht erlaubt)", r"pourriel", r"indésirable",
        r"contenu (?:refusé|interdit|non autorisé)", r"posta indesiderata", r"contenuto (?:rifiutato|non consentito)",
        r"correo no deseado", r"contenido (?:rechazado|no permitido)",
    ),
    "temporary": (
        r"greylist", r"graylist", r"try again later", r"try later", r"temporar", r"deferred", r"please retry",
        r"will (?:be )?retr", r"Connection (?:timed out|refused)", r"resources temporarily unavailable",
        r"später (?:erneut|nochmal|noch einmal)", r"vorübergehend", r"Greylisting", r"réessayer plus tard",
        r"temporairement", r"riprovare più tardi", r"riprova più tardi", r"temporaneamente",
        r"int[eé]ntelo (?:de nuevo )?más tarde", r"temporalmente",
    ),
}
REASON_ORDER = tuple(WORDS)  # the order in which reasons are tried


BLANKS = r"[ \t\r\n]+"


def _compile(phrases: Sequence[str]) -> re.Pattern[str]:
    # A space in a phrase matches any run of blanks and line breaks: bounces wrap at ~78 columns.
    return re.compile("|".join("(?:" + p.replace(" ", BLANKS) + ")" for p in phrases), re.IGNORECASE)


PATTERNS: dict[str, re.Pattern[str]] = {reason: _compile(phrases) for reason, phrases in WORDS.items()}


def reason_from_words(text: str) -> str | None:
    """The first reason (in table order) whose phrases occur in ``text``, or None."""
    for reason, pattern in PATTERNS.items():
        if pattern.search(text):
            return reason
    return None
