"""The command line: ``python -m mailcheck SUBCOMMAND [--json] [--lang LANG] ...``.

Exit status (:data:`EXIT_CODES`, shown by ``--help``): 0 when every input is accepted,
1 when one is rejected, 2 on a usage error (argparse's own convention, and a text
argument that is not UTF-8), 3 when part of the input was not checked and nothing
checked was rejected, 4 when the output could not be written (a closed pipe, a full
disk). A subcommand is one :class:`Command` in :data:`COMMANDS`: its help line, a
function adding its arguments, a function running it. Options shared by subcommands
come from :func:`add_lang` and :func:`add_json`; output errors and :class:`UsageError`
are caught once, in :func:`main`, for every subcommand.
"""

from __future__ import annotations

import argparse
import codecs
import errno
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mailcheck.i18n import DEFAULT_LANGUAGE, LANGUAGES

EXIT_ACCEPT, EXIT_REJECT, EXIT_USAGE, EXIT_INCOMPLETE, EXIT_OUTPUT = 0, 1, 2, 3, 4
EXIT_CODES = {
    EXIT_ACCEPT: "every input was checked and accepted",
    EXIT_REJECT: "at least one input was rejected",
    EXIT_USAGE: "usage error, or an input file that cannot be read or written",
    EXIT_INCOMPLETE: "part of the input was not checked (over a cap) and nothing checked was rejected",
    EXIT_OUTPUT: "the output could not be written (closed pipe, full disk); one line on stderr says why",
}
# Write errors that mean "the output is gone" rather than a bug: a closed pipe, a full or
# over-quota disk, a file too large, an I/O error.
OUTPUT_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
STDIN = "-"


@dataclass(frozen=True)
class Command:
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                        help=f"language of the messages (default: {DEFAULT_LANGUAGE})")


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def read_argument(value: str, limit: int) -> bytes:
    """At most ``limit`` bytes of standard input for ``-`` (never the rest), else the argument (UTF-8)."""
    if value == STDIN:
        return sys.stdin.buffer.read(limit)
    return value.encode("utf-8", "surrogateescape")


def exit_codes_help() -> str:
    """The exit codes as the help text lists them."""
    return "exit status:\n" + "\n".join(f"  {code}  {meaning}" for code, meaning in EXIT_CODES.items())


class UsageError(Exception):
    """A bad argument the parser could not see (its message names it); exit 2."""


def text_argument(value: str, option: str) -> str:
    """``value`` as text; bytes that are not UTF-8 (surrogate escapes from the command line) are a usage error."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise UsageError(f"{option}: byte {value[error.start].encode('utf-8', 'surrogateescape')!r} "
                         f"at character {error.start + 1} is not UTF-8 text") from None
    return value


def print_json(obj: object) -> None:
    """One JSON object per line; ASCII escapes keep any input printable and valid JSON."""
    print(json.dumps(obj, sort_keys=True))


# --- helo ----------------------------------------------------------------------------

def _helo_arguments(parser: argparse.ArgumentParser) -> None:
    add_json(parser)
    add_lang(parser)
    parser.add_argument("values", nargs="+", metavar="VALUE",
                        help="a HELO name, a HELO/EHLO line, a log or bounce excerpt; - reads stdin")


def _run_helo(args: argparse.Namespace) -> int:
    from mailcheck.helo import report
    from mailcheck.helo.text import render
    from mailcheck.policy import policy

    rejected = incomplete = False
    # One byte over the cap tells the report that the text went on (it then says so).
    limit = policy()["helo"]["max_input_bytes"] + 1
    for index, value in enumerate(args.values, start=1):
        text = read_argument(value, limit).decode("utf-8", "replace")
        for result in report(text, args.lang):
            rejected = rejected or result["verdict"] == "reject"
            incomplete = incomplete or any(f["code"] in HELO_UNCHECKED for f in result["findings"])
            if args.json:
                print_json({"input": index, **result})
            else:
                print(render(result, args.lang), end="\n\n")
    # A name that was never checked may be rejected: never exit 0 then.
    return EXIT_REJECT if rejected else EXIT_INCOMPLETE if incomplete else EXIT_ACCEPT


HELO_UNCHECKED = frozenset({"HELO_INPUT_CUT", "HELO_MORE_VALUES"})  # findings that say part was not checked


# --- csv, template ---------------------------------------------------------------------

def _csv_arguments(parser: argparse.ArgumentParser) -> None:
    add_json(parser)
    add_lang(parser)
    parser.add_argument("--fixed", metavar="OUT",
                        help="write the corrected copy (UTF-8) to OUT when one is offered; when none is,"
                             " an existing OUT is removed (stderr says so), so no older copy is imported")
    parser.add_argument("--split", metavar="DIR",
                        help="write the file cut into parts to import one every 24 hours (NAME-part-1-of-N.csv"
                             " ...) into DIR when it has more rows than the limit per 24 hours and no error")
    parser.add_argument("file", metavar="FILE", help="the CSV file for batch creation; - reads stdin")


def _read_capped(file: str, limit: int) -> bytes:
    """At most ``limit`` bytes of ``file`` (``-``: stdin): one byte over the cap is enough to refuse it."""
    if file == STDIN:
        return sys.stdin.buffer.read(limit)
    with Path(file).open("rb") as stream:
        return stream.read(limit)


def _write_failed(error: OSError) -> int:
    """A full disk is an output that could not be written; a missing or forbidden place is a usage error."""
    return EXIT_OUTPUT if error.errno in OUTPUT_ERRORS else EXIT_USAGE


def _write_fixed(out: Path, fixed: str | None) -> None:
    """Write the corrected copy to ``out``; without one, leave no older copy there to be imported.

    A copy from an earlier run would look like this file's: it is removed, and stderr says so.
    """
    if fixed is not None:
        out.write_bytes(fixed.encode("utf-8"))
        return
    if out.is_file():
        out.unlink()
        print(f"mailcheck csv: no corrected copy for this file: the older {out} was removed", file=sys.stderr)
    else:
        print(f"mailcheck csv: no corrected copy for this file: {out} was not written", file=sys.stderr)


def _run_csv(args: argparse.Namespace) -> int:
    from mailcheck.csvcheck import report
    from mailcheck.csvcheck.split import part_name
    from mailcheck.csvcheck.text import render, written
    from mailcheck.policy import policy

    try:
        data = _read_capped(args.file, policy()["csv"]["max_bytes"] + 1)
    except OSError as error:
        print(f"mailcheck csv: {args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    result = report(data, args.lang)
    fixed = result.pop("fixed")  # holds the passwords in clear: never printed
    if args.fixed:
        try:
            _write_fixed(Path(args.fixed), fixed)
        except OSError as error:
            print(f"mailcheck csv: --fixed {args.fixed}: {error.strerror}", file=sys.stderr)
            return _write_failed(error)
    parts = result.pop("parts")  # the passwords again
    # The parts are named after the file's own name, not its folder, as in the browser.
    name = "" if args.file == STDIN else Path(args.file).name
    names = [part_name(name, i, len(parts), args.lang) for i in range(1, len(parts) + 1)]
    result["parts"] = [{"name": name, "rows": part.rows} for name, part in zip(names, parts, strict=True)]
    paths = []
    if args.split and parts:
        folder = Path(args.split)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, part in zip(names, parts, strict=True):
                (folder / name).write_bytes(part.data)
                paths.append((str(folder / name), part.rows))
        except OSError as error:
            print(f"mailcheck csv: --split {args.split}: {error.strerror}", file=sys.stderr)
            return _write_failed(error)
    if args.json:
        print_json(result)
    else:
        print(render(result, args.lang, fixed_hint=fixed is not None and not args.fixed,
                     parts_hint=0 if args.split else len(parts)))
        if paths:
            print(written(paths, args.lang))
    return EXIT_REJECT if result["verdict"] == "reject" else EXIT_ACCEPT


# --- recipients ---------------------------------------------------------------------

def _recipients_arguments(parser: argparse.ArgumentParser) -> None:
    add_json(parser)
    add_lang(parser)
    parser.add_argument("file", metavar="FILE", help="a text file with the address list; - reads stdin")


def _run_recipients(args: argparse.Namespace) -> int:
    from mailcheck.recipients import report
    from mailcheck.recipients.text import render

    try:
        data = sys.stdin.buffer.read() if args.file == STDIN else Path(args.file).read_bytes()
    except OSError as error:
        print(f"mailcheck recipients: {args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    # Windows editors save "Unicode" text as UTF-16 with a byte-order mark; anything else is read as UTF-8.
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    result = report(data.decode("utf-16" if utf16 else "utf-8-sig", "replace"), args.lang)
    if args.json:
        print_json(result)
    else:
        print(render(result, args.lang))
    return EXIT_REJECT if result["verdict"] == "reject" else EXIT_ACCEPT


# --- bounce ------------------------------------------------------------------------------

def _bounce_arguments(parser: argparse.ArgumentParser) -> None:
    add_json(parser)
    add_lang(parser)
    parser.add_argument("file", metavar="FILE",
                        help="a bounce (the whole message, or its text), a refusal or a log line; - reads stdin")


def _run_bounce(args: argparse.Namespace) -> int:
    """Exit 0 when the text shows a delivery failure and it was explained, 1 when it shows none."""
    from mailcheck.bounce import report
    from mailcheck.bounce.text import render
    from mailcheck.policy import policy

    try:  # one byte over the cap is enough for the report to say the text was cut
        data = _read_capped(args.file, policy()["bounce"]["max_input_bytes"] * 4 + 1)
    except OSError as error:
        print(f"mailcheck bounce: {args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    result = report(data.decode("utf-8", "replace"), args.lang)
    if args.json:
        print_json(result)
    else:
        print(render(result, args.lang))
    return EXIT_ACCEPT if result["reason"] else EXIT_REJECT


def _run_template(args: argparse.Namespace) -> int:
    from mailcheck.csvcheck import template

    sys.stdout.flush()
    sys.stdout.buffer.write(template(args.lang).encode("utf-8"))  # bytes: keep the CRLF as is
    return EXIT_ACCEPT


# --- profile ---------------------------------------------------------------------------

def _profile_arguments(parser: argparse.ArgumentParser) -> None:
    add_json(parser)
    add_lang(parser)
    parser.add_argument("--address", metavar="ADDRESS",
                        help="the e-mail address to set up; without it, the profile the site publishes "
                             "(the device asks for the address)")
    parser.add_argument("--name", default="", metavar="NAME", help="display name for sent messages (optional)")


def _run_profile(args: argparse.Namespace) -> int:
    from mailcheck.policy import policy
    from mailcheck.profile import build_profile, report, to_plist

    if args.address is None:
        if args.name:
            raise UsageError("--name needs --address")
        result = {"verdict": "accept", "findings": [],
                  "profile": to_plist(build_profile(policy(), args.lang)).decode("utf-8")}
    else:
        result = report(text_argument(args.address, "--address"), text_argument(args.name, "--name"), args.lang)
    if args.json:
        print_json(result)
    else:
        for finding in result["findings"]:  # stdout is the profile: messages go to stderr
            print(f"{finding['severity']}: {finding['message']} [{finding['code']}]", file=sys.stderr)
        if result["profile"] is not None:
            sys.stdout.flush()
            sys.stdout.buffer.write(result["profile"].encode("utf-8"))
    return EXIT_REJECT if result["verdict"] == "reject" else EXIT_ACCEPT


COMMANDS: dict[str, Command] = {
    "helo": Command("check the name a mail server announces with HELO/EHLO",
                    _helo_arguments, _run_helo),
    "csv": Command("check a CSV file for creating addresses in batch", _csv_arguments, _run_csv),
    "template": Command("print the CSV template for batch creation", add_lang, _run_template),
    "recipients": Command("count the distinct recipients of an address list against the per-message limit",
                          _recipients_arguments, _run_recipients),
    "profile": Command("print an Apple configuration profile (.mobileconfig) for Mail",
                       _profile_arguments, _run_profile),
    "bounce": Command("explain a bounce, a refusal or a log line: reason, who must act, next step",
                      _bounce_arguments, _run_bounce),
}


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m mailcheck", description="Checks for the mail hoster's customers.",
                                   epilog=exit_codes_help(), formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.help, description=command.help, epilog=exit_codes_help(),
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    sys.stdout.reconfigure(errors="replace")  # a reader's bytes must not crash the output
    try:
        status = args.run(args)
        sys.stdout.flush()
    except UsageError as error:
        print(f"mailcheck {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        if error.errno not in OUTPUT_ERRORS:
            raise
        _drop_stdout()
        reason = "the reader closed the pipe" if error.errno == errno.EPIPE else error.strerror
        print(f"mailcheck {args.command}: cannot write the output: {reason}", file=sys.stderr)
        return EXIT_OUTPUT
    return status


def _drop_stdout() -> None:
    """Point standard output at the null device, so that the exit's own flush cannot fail again."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
