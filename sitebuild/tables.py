"""Render values and tables of the data file as Markdown in one language.

Every function takes the validated data and a language and returns Markdown; no
guide ever types a host name, a port or a limit. Labels and text values of the
data file go in as text (mdtext), never as Markdown or HTML.
"""

from __future__ import annotations

from html import escape
from typing import Any

from mailcheck.i18n import number, size
from sitebuild import maildata, mdtext
from sitebuild.maildata import DataError

_MB = 1000 * 1000


def label(data: dict[str, Any], key: str, lang: str) -> str:
    """A data-file label as Markdown-safe text."""
    return mdtext.markdown(maildata.label(data, key, lang))


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    # Blank lines around: a table must stand in its own Markdown block.
    return "\n\n" + "\n".join(lines) + "\n\n"


def _stacked_table(header: list[str], rows: list[tuple[str, list[str]]], kind: str = "") -> str:
    """An HTML table that turns into one block per row on phones (overrides/.../kb.css).

    Each cell carries its column name (``data-label``) for that layout; ``header`` is
    labels (inert text, see ``label``), ``rows`` are (class of the row, cells as HTML);
    ``kind`` ``pairs`` stacks a name/value table as the name above its value. One block
    without blank lines: Markdown passes it through untouched.
    """
    head = "".join(f'<th scope="col">{name}</th>' for name in header)
    body = "".join(
        (f'<tr class="{css}">' if css else "<tr>")
        + "".join(f'<td data-label="{_attribute(name)}">{cell}</td>' for name, cell in zip(header, cells, strict=True))
        + "</tr>"
        for css, cells in rows
    )
    css = "kb-table kb-table--stack" + (f" kb-table--{kind}" if kind else "")
    return (f'\n\n<div class="{css}"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>\n\n")


def _attribute(text: str) -> str:
    """A label (already inert text, see ``label``) inside a double-quoted attribute."""
    return text.replace('"', "&#34;")


def _host(data: dict[str, Any]) -> str:
    """The server name as code that never breaks at a dot."""
    return f'<code class="kb-host">{escape(data["servers"]["host"])}</code>'


def _ports(data: dict[str, Any], protocol: str) -> list[dict[str, Any]]:
    for proto in data["servers"]["protocols"]:
        if proto["id"] == protocol:
            return proto["ports"]
    known = ", ".join(p["id"] for p in data["servers"]["protocols"])
    raise DataError(f"unknown protocol {protocol!r}; known: {known}")


def port(data: dict[str, Any], protocol: str, security: str) -> int:
    """The port of ``protocol`` with ``security`` (``ssl`` or ``starttls``)."""
    for entry in _ports(data, protocol):
        if entry["security"] == security:
            return entry["port"]
    known = ", ".join(p["security"] for p in _ports(data, protocol))
    raise DataError(f"{protocol} has no {security!r} port; known: {known}")


def _recommended(data: dict[str, Any], protocol: str) -> dict[str, Any]:
    return next(p for p in _ports(data, protocol) if p["status"] == "recommended")


def _port_text(data: dict[str, Any], entry: dict[str, Any], lang: str) -> str:
    return f"{entry['port']} ({label(data, 'security.' + entry['security'], lang)})"


def value(data: dict[str, Any], path: str, fmt: str, lang: str) -> str:
    """One scalar of the data file at dotted ``path``, formatted for ``lang``.

    ``fmt``: ``plain`` (numbers with the language's grouping), ``mb`` (a size
    given in megabytes), ``bytes`` (a size in bytes); sizes as ``mailcheck.i18n.size``
    writes them (10 MB, 10 Mo, 201 MiB, 201 Mio).
    """
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            raise DataError(f"no value at {path!r} in the data file")
        node = node[part]
    if isinstance(node, bool) or not isinstance(node, (int, str)):
        raise DataError(f"{path!r} is not a single value")
    if fmt == "plain":
        return number(node, lang) if isinstance(node, int) else mdtext.markdown(node)
    if not isinstance(node, int):
        raise DataError(f"{path!r} is not a number; format {fmt!r} needs one")
    n_bytes = {"mb": node * _MB, "bytes": node}.get(fmt)
    if n_bytes is None:
        raise DataError(f"unknown format {fmt!r}; known: plain, mb, bytes")
    return size(n_bytes, lang)


def link(data: dict[str, Any], name: str, lang: str) -> str:
    """A place a step sends the reader to: its label, linked when its address is known.

    An address nobody has confirmed yet is ``""`` in the data file; the step then
    still names the place, and filling in the address later links every guide.
    """
    url = maildata.link_address(data, name, lang)
    text = label(data, f"link.{name}", lang)
    return f"[{text}]({url})" if url else text


def settings(data: dict[str, Any], lang: str) -> str:
    """The recommended client settings: IMAP in, SMTP out, user name, password."""
    host = _host(data)
    auth = mdtext.markdown(maildata.label(data, "value.smtp_auth", lang).format(
        mechanisms=", ".join(data["account"]["smtp_auth_mechanisms"])
    ))
    rows = [
        ["setting.incoming_server", host],
        ["setting.incoming_port", _port_text(data, _recommended(data, "imap"), lang)],
        ["setting.outgoing_server", host],
        ["setting.outgoing_port", _port_text(data, _recommended(data, "smtp"), lang)],
        ["setting.username", label(data, "value.full_address", lang)],
        ["setting.password", label(data, "value.mailbox_password", lang)],
        ["setting.smtp_auth", auth],
    ]
    header = [label(data, "col.setting", lang), label(data, "col.value", lang)]
    cells = [[label(data, key, lang), text] for key, text in rows]
    return _stacked_table(header, [("", row) for row in cells], kind="pairs")


_STATUS_ORDER = {"recommended": 0, "supported": 1}  # then every other status


def ports(data: dict[str, Any], lang: str) -> str:
    """Every protocol and port, recommended ones first; the one server name is said above."""
    cols = ("protocol", "direction", "port", "security", "status")
    entries = [(proto, entry) for proto in data["servers"]["protocols"] for entry in proto["ports"]]
    entries.sort(key=lambda pair: _STATUS_ORDER.get(pair[1]["status"], len(_STATUS_ORDER)))
    rows = [
        ("kb-recommended" if entry["status"] == "recommended" else "", [
            label(data, f"protocol.{proto['id']}", lang),
            label(data, f"direction.{proto['direction']}", lang),
            str(entry["port"]),
            label(data, f"security.{entry['security']}", lang),
            label(data, f"status.{entry['status']}", lang),
        ])
        for proto, entry in entries
    ]
    server = f'<p class="kb-table-server">{label(data, "table.server", lang)} {_host(data)}</p>'
    return "\n\n" + server + _stacked_table([label(data, f"col.{c}", lang) for c in cols], rows)


def feedback(data: dict[str, Any], lang: str) -> str:
    """Which services take feedback, in which languages."""
    languages = data["languages"]
    by_service = data["feedback"].get("languages_by_service") or {}
    rows = []
    for service in data["feedback"]["services"]:
        accepted = set(by_service.get(service, languages))
        marks = [label(data, "answer.yes" if code in accepted else "answer.no", lang) for code in languages]
        rows.append([label(data, f"service.{service}", lang), *marks])
    return _table([label(data, "col.service", lang), *(c.upper() for c in languages)], rows)
