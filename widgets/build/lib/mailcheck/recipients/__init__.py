"""The recipient counter: how many distinct recipients does a pasted list have, within the limit?

``count(text, limit=, max_bytes=)`` returns data (findings with codes in :mod:`.codes`,
the recipients, the groups); ``report(text, lang)`` explains it in the reader's language.
:mod:`.parse` reads the list with the standard library's RFC 5322 parser. Neither raises
on any string.
"""

from mailcheck.recipients.count import count
from mailcheck.recipients.report import report

__all__ = ["count", "report"]
