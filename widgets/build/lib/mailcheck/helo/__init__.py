"""The HELO/EHLO checker: will the hoster accept the name a mail server announces?

``check(value)`` returns findings for one value (codes in :mod:`.codes`);
``report(text, lang)`` extracts the values from pasted text and explains each one in
the reader's language. Neither raises on any string.
"""

from mailcheck.helo.checker import check
from mailcheck.helo.report import report

__all__ = ["check", "report"]
