"""The help centre's build code: the MkDocs hooks' logic, the checkers' asset staging, and the
scripts and tests that share them. ``hooks/kb.py`` is only MkDocs' entry point into this package.

``sitebuild.testing`` holds what tests, benchmarks and scripts share (a served build, local
servers, the page catalogue, the headless browser).
"""
