"""The bounce explainer: why did a message bounce, who must act, and what to do next?

``parse(text)`` reads the failures out of a pasted bounce, refusal or log line
(:mod:`.parse`); ``classify`` gives each one reason of the fixed list in
:data:`.codes.REASONS`; ``report(text, lang)`` explains it in the reader's language.
None of them raises on any string.
"""

from mailcheck.bounce.parse import parse
from mailcheck.bounce.report import report

__all__ = ["parse", "report"]
