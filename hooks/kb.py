"""MkDocs' entry point into the help centre's build (``hooks:`` in mkdocs.yml).

MkDocs calls the functions named after its events in this module; they live in the
importable package ``sitebuild`` (sitebuild/events.py), with the rest of the build code.
"""

from sitebuild.events import (
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
    on_template_context,
)

__all__ = [
    "on_config", "on_env", "on_files", "on_page_content", "on_page_context", "on_page_markdown", "on_post_build",
    "on_post_page", "on_post_template", "on_template_context",
]
