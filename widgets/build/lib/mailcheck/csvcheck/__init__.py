"""The checker for batch-creation CSV files: ``report(data, lang)`` is its one entry point.

Modules, in the order a file goes through them: :mod:`.read` (bytes to rows),
:mod:`.header`, the column rules :mod:`.address` (A), :mod:`.password` (B, with
:mod:`.shortcut` proving strong passwords without zxcvbn), :mod:`.forward` (C and D),
:mod:`.cells` (any cell, and masking what may be a password), all run by :mod:`.check`;
:mod:`.report` renders messages (catalog domain ``csv``, ids in :mod:`.codes`);
:mod:`.template` writes the downloadable template.
"""

from mailcheck.csvcheck.report import report
from mailcheck.csvcheck.template import template

__all__ = ["report", "template"]
