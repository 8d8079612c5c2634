"""Checks that run the same in the CLI and in the reader's browser (Pyodide).

Validators return data (:class:`mailcheck.findings.Finding`); turning findings into
messages in a language is the job of :mod:`mailcheck.i18n` and the report layers.
"""
