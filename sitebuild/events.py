"""The MkDocs events of the help centre (hooks/kb.py hands them to MkDocs): data-file values,
checkers, per-language pages.

mkdocs-static-i18n runs one full build per language in the same process, so the
language comes from the i18n plugin at each event, and one-off work (publishing
the checker runtime) is guarded to run once per site build.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mailcheck.i18n import typeset
from sitebuild import (
    client_files,
    csp,
    frontmatter,
    linkcheck,
    linklines,
    maildata,
    mdtext,
    parts,
    pycompile,
    search,
    shortcodes,
    tools,
    typography,
    wayfinding,
    widget_assets,
)

log = logging.getLogger("mkdocs.plugins.kb")
Event = TypeVar("Event", bound=Callable[..., Any])


def _one_message(event: Event) -> Event:
    """Any error of ``event`` reaches the author as one line that says what to do, never a traceback.

    The build's own errors (data file, assets, runtime) already name the file and the
    command to run; anything else is a bug of the build, named with its type. ``KB_DEBUG=1``
    lets the original exception through, traceback and all.
    """

    @functools.wraps(event)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except PluginError:
            raise
        except Exception as exc:
            if os.environ.get("KB_DEBUG", "") not in ("", "0"):
                raise
            text = " ".join(str(exc).split()) or type(exc).__name__
            if not isinstance(exc, (maildata.DataError, widget_assets.AssetError, pycompile.CompileError)):
                text = f"{type(exc).__name__}: {text} (a fault of the build; KB_DEBUG=1 shows where)"
            raise PluginError(text) from None

    return wrapped  # type: ignore[return-value]


def _language(config: MkDocsConfig) -> str:
    """The language being built (``page.file.locale`` is wrong on fallback pages)."""
    return config.plugins["i18n"].current_language


def _data(config: MkDocsConfig) -> dict[str, Any]:
    """The data file of the project being built (a test's scratch copy has its own)."""
    try:
        return maildata.load(Path(config.config_file_path).parent / "data" / "mail.yml")
    except (maildata.DataError, OSError) as exc:
        raise PluginError(str(exc)) from exc


def _language_roots(config: MkDocsConfig) -> dict[str, str]:
    """Each built language's home, from the site root ("" for the default language, "fr/" ...)."""
    return {
        lang.locale: lang.link.strip("/") + "/" if lang.link.strip("/") else ""
        for lang in config.plugins["i18n"].config.languages if lang.build
    }


@_one_message
def on_config(config: MkDocsConfig) -> None:
    """Fail before any page is rendered when the data file is broken."""
    _data(config)
    linklines.watch(config.docs_dir, os.path.dirname(config.config_file_path))


@event_priority(-200)  # after mkdocs-static-i18n (-100) has picked this language's files
@_one_message
def on_files(files: Files, *, config: MkDocsConfig) -> None:
    """Skip the languages of other parts of a parallel build (scripts/build_parallel.py), then fail
    before any page of this language is rendered when a guide's front matter is broken."""
    parts.exclude_unowned(files, _language(config))
    pages = [f for f in files.documentation_pages() if not f.inclusion.is_excluded()]
    problems = frontmatter.problems(pages, os.path.dirname(config.config_file_path))
    if problems:
        raise PluginError("\n".join(map(str, problems)))
    _build["files"] = files  # this language's files, for previous/next in on_page_context
    _localise_config(config, _data(config), _language(config))


# Material's strings that the data file words for us: theme KEY -> label (overrides/partials/language.html).
THEME_LABELS = {"toc": "nav.on_this_page", "clipboard.copy": "theme.clipboard.copy",
                "clipboard.copied": "theme.clipboard.copied", "action.skip": "theme.action.skip",
                "footer": "theme.footer"}


def _localise_config(config: MkDocsConfig, data: dict[str, Any], lang: str) -> None:
    """The settings MkDocs takes once for the whole site, set for the language being built:
    the heading anchors' title (the toc extension's one ``permalink_title``) and the
    description of pages that have none (404 pages)."""
    toc = config.mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc["permalink_title"] = chrome_label(data, "toc.permalink", lang)
    config.site_description = chrome_label(data, "site.description", lang).format(provider=data["provider"]["name"])


def chrome_label(data: dict[str, Any], key: str, lang: str) -> str:
    """A data-file label as the page chrome shows it: with French spacing in French."""
    return typeset(maildata.label(data, key, lang), lang)


_build: dict[str, Any] = {}


def _fallback_notice(data: dict[str, Any], page: Page, lang: str) -> str:
    """An admonition saying the page is shown in another language, in the reader's."""
    source_lang = getattr(page.file, "locale", lang)
    if source_lang == lang:
        return ""
    text = maildata.label(data, "notice.fallback", lang).format(
        language=maildata.label(data, f"language.{source_lang}", lang)
    )
    return f'!!! info ""\n    {mdtext.markdown(text)}\n\n'


@_one_message
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Title and description are text: the theme prints them unescaped (header, <h1>, <title>,
    # navigation, meta description), so they reach it escaped, once.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = mdtext.html(page.meta[key])
    data = _data(config)
    lang = _language(config)
    source = os.path.relpath(page.file.abs_src_path, Path(config.config_file_path).parent)
    # MkDocs hands us the Markdown without its front matter (and trailing blank lines): count what was cut.
    raw, body = page.file.content_string.rstrip(), markdown.rstrip()
    first_line = raw[: len(raw) - len(body)].count("\n") + 1 if raw.endswith(body) else 1
    context = shortcodes.Context(data=data, lang=lang, page=page, files=files, source=source)
    linkcheck.collect(markdown, page=page.file.src_uri, source=source, first_line=first_line)
    tool_line = tools.line(tools.found(markdown), data, lang, source, first_line, markdown)
    return _fallback_notice(data, page, lang) + tool_line + shortcodes.expand(markdown, context, first_line=first_line)


@_one_message
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Note the page's anchors for the link check at the end of the build, then put the readers'
    words inside the article, where search indexes them, hidden (search.py)."""
    linkcheck.anchors(page.file.src_uri, html)
    return html + search.keywords_html(page.meta.get("keywords"))


_default_404: dict[str, bytes] = {}
_broken_links: list[linkcheck.Link] = []


def _check_links(config: MkDocsConfig, last: bool) -> None:
    """Fail at the end of the build with every broken link of every language (the preview only warns).

    Independent of MkDocs' own check, whose result depends on ``-q`` and ``-v``.
    """
    _broken_links.extend(linkcheck.problems(_build["files"]))
    if not last or not _broken_links:
        return
    lines = [str(link) for link in _broken_links]
    _broken_links.clear()
    if not config.strict:
        for line in lines:
            log.warning(line)
        return
    raise PluginError("\n".join([*lines, f"{len(lines)} broken link(s): fix the targets above."]))


@_one_message
def on_post_build(*, config: MkDocsConfig) -> None:
    """Give every language its own 404 page and sitemap, then publish shared assets.

    Each language build writes ``404.html`` and ``sitemap.xml`` to the site root,
    so the last language would win: keep a copy under ``<lang>/`` after each
    build, and put the default language's 404 page back at the root at the end.
    """
    i18n = config.plugins["i18n"]
    lang = _language(config)
    site = Path(config.site_dir)
    page_404 = site / "404.html"
    if lang == i18n.default_language:
        _default_404["root"] = page_404.read_bytes()
    else:
        (site / lang).mkdir(parents=True, exist_ok=True)
        page_404.replace(site / lang / "404.html")
    last = lang == i18n.build_languages[-1]
    _check_links(config, last)
    if not last:
        return
    page_404.write_bytes(_default_404.pop("root"))
    # Every part of a parallel build writes them all; the driver keeps the default part's root.
    client_files.publish(site, _data(config), config.site_url, _language_roots(config))
    for other in i18n.build_languages:
        if other != i18n.default_language:
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (site / other / name).write_bytes((site / name).read_bytes())
    if not parts.is_part():  # a parallel build publishes once, after merging its parts
        widget_assets.publish(site)
    search.index(site)
    if not parts.is_part():
        csp.write(site)  # last: it hashes the inline scripts of every page written
        client_files.write_headers(site)  # the profile's and the autoconfig file's types


def _language_roots(config: MkDocsConfig) -> dict[str, str]:
    """Each language's home, from the site root ("" for the default language, "fr/" ...)."""
    return {
        lang.locale: lang.link.strip("/") + "/" if lang.link.strip("/") else ""
        for lang in config.plugins["i18n"].config.languages if lang.build
    }


def _relative_alternates(config: MkDocsConfig, path: str) -> None:
    """Point the language switcher and hreflang links at ``path`` in every language.

    The i18n plugin gives root-absolute links ("/fr/") on home pages, which leave a
    site hosted under /help/; links without the leading slash are made relative to
    the page by the templates' ``url`` filter, like every other link.
    """
    roots = _language_roots(config)
    # The i18n plugin sets them as a key at first and later as an attribute (which
    # templates read first); both lists are set.
    lists = (config.extra.get("alternate"), getattr(config.extra, "alternate", None))
    for alternate in [alt for alts in lists if alts for alt in alts]:
        alternate["link"] = (roots.get(alternate["lang"], "") + path) or "./"


@event_priority(-200)  # after mkdocs-static-i18n has set this page's alternates
@_one_message
def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    lang = _language(config)
    root = _language_roots(config)[lang]
    url = page.url if page.url not in (".", "./") else ""
    _relative_alternates(config, url.removeprefix(root))
    updated = maildata.label(_data(config), "page.updated", lang)
    page.kb = wayfinding.build(page, nav, _build["files"], lang, updated, config.docs_dir)
    if page.kb.category is not None:
        page.kb.category.active = True  # the guide's category is highlighted in the sidebar
    return context


@_one_message
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    """The category stood in for the guide in the sidebar of this page only; French pages
    get French spacing in their text (sitebuild/typography.py)."""
    kb = getattr(page, "kb", None)
    if kb is not None and kb.category is not None:
        kb.category.active = False
    return typography.french_html(output) if _language(config) == "fr" else None


@_one_message
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    """French spacing on the French 404 page too."""
    return typography.french_html(output_content) if _language(config) == "fr" else None


@_one_message
def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The 404 page's alternates are the other languages' 404 pages (not the last guide built).

    Without ``site_url`` MkDocs writes the 404 page's links from the server root (``/assets/…``),
    wrong under any path: they become relative to where the page is published instead
    (``fr/404.html`` -> ``../assets/…``), and the page sets its ``<base>`` at run time
    (overrides/404.html) to the folder it was published in, whatever address shows it.
    """
    if template_name == "404.html":
        _relative_alternates(config, "404.html")
        if not config.site_url:
            depth = _language_roots(config)[_language(config)].count("/")
            context["base_url"] = "/".join([".."] * depth) or "."
    return context


@_one_message
def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> None:
    """Let templates (404 page, header) show data-file labels in the language being built."""
    data = _data(config)
    env.globals["label"] = lambda key: mdtext.html(chrome_label(data, key, _language(config)))
    # A theme string as the data file words it, or "" for the theme's own (partials/language.html).
    env.globals["theme_label"] = lambda key: (
        mdtext.html(chrome_label(data, THEME_LABELS[key], _language(config))) if key in THEME_LABELS else "")
    # the footer's places (support, web app, Manager): their address in the language being built
    env.globals["link_address"] = lambda name: maildata.link_address(data, name, _language(config))
    env.globals["language_roots"] = _language_roots(config)
    env.globals["current_language"] = lambda: _language(config)
    env.globals["search_help"] = search.help_panel(data, _language(config), files)
