"""Every CSV finding code in one table: severity, message id, why the rule exists.

The rules live in :mod:`.read`, :mod:`.header`, :mod:`.address`, :mod:`.password`,
:mod:`.forward`, :mod:`.cells` and :mod:`.check`; they only name a code and its
parameters. Message ids are translated in the ``csv`` gettext domain. ``fixed`` marks
the problems the corrected copy removes by itself (encoding, separator, spaces, case):
a file whose only problems are of that kind gets a corrected copy, and only then do
their messages say so (:data:`COPY_FIXES` is added to them). No other message mentions
a corrected copy.
"""

from __future__ import annotations

from collections.abc import Iterable

from mailcheck.findings import Finding, Rule, Severity, finding_for
from mailcheck.i18n import N_, NP_

DOMAIN = "csv"
ROWS_SHOWN = 20  # rows a finding names, and findings kept per code (the rest are counted)


class Term(str):
    """A finding parameter that is a word to translate too (a file kind, a separator)."""


class Counted(tuple):
    """A finding parameter that is a count with its words (``{n} rows``), shown in the plural form
    the reader's language uses for ``n``: ``Counted(NP_("{n} row", "{n} rows"), 3)``."""

    def __new__(cls, forms: tuple[str, str], n: int) -> Counted:
        return super().__new__(cls, (*forms, n))


# The file types to save as, as each language's Excel and LibreOffice Calc name them.
UTF8_TYPE = Term(N_("“CSV UTF-8 (Comma delimited)” in Excel, or “Text CSV (.csv)” with the character set "
                    "“Unicode (UTF-8)” in LibreOffice Calc"))
ROWS = NP_("{n} row", "{n} rows")


E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    # --- reading the file (read.py) ------------------------------------------------
    "CSV_EMPTY": Rule(
        E, N_("The file is empty. Fill in the template and save it as {utf8_type}."),
        "No bytes, or only blank lines."),
    "CSV_TOO_LARGE": Rule(
        E, N_("The file is larger than {max_size}, the most this checker reads. Split it into smaller files."),
        "Bounds the time and memory of a check (csv.max_bytes); 10,000 rows fit well under it."),
    "CSV_NOT_TEXT": Rule(
        E, N_("This file is {kind}, not a CSV text file. Open it in your spreadsheet program and save it "
              "again as {utf8_type}."),
        "A ZIP (xlsx, ods), OLE2 (xls), PDF or image signature, or control characters no text export has."),
    "CSV_DAMAGED_TEXT": Rule(
        E, N_("Some characters could not be read as {encoding}: the file is damaged. Save it again as "
              "{utf8_type}."),
        "The file starts with a byte-order mark but its bytes are not valid in that encoding."),
    "CSV_QUOTE_NOT_CLOSED": Rule(
        E, N_("A quotation mark opens this cell and is not closed on this row: a spreadsheet or the import "
              "would read rows {first} to {last} into this cell, with the addresses and passwords on them. "
              "Close the quotation mark or delete it."),
        "RFC 4180 readers carry an open quote over line ends and merge the rows after it into one cell; "
        "here every line stays a row and is checked as one."),
    "CSV_QUOTE_AT_END": Rule(
        E, N_("A quotation mark opens this cell and is never closed. Close it or delete it."),
        "The same open quote on the last row: nothing follows to be swallowed, but the file is malformed."),
    "CSV_LINE_BREAK": Rule(
        E, N_("This cell holds a line break: it goes on until row {last}. The import reads one line per "
              "address; remove the line break from the cell."),
        "A quoted cell may span lines in RFC 4180, not in this import; its continuation lines are not rows."),
    "CSV_CELL_TOO_LONG": Rule(
        E, NP_("A cell of this row is longer than {max} character, far more than any cell of the template "
               "holds. Check what was pasted into this row.",
               "A cell of this row is longer than {max} characters, far more than any cell of the template "
               "holds. Check what was pasted into this row.", count="max"),
        "The csv module's field limit; the row is not checked further."),
    "CSV_LEGACY_ENCODING": Rule(
        W, N_("The file is not in UTF-8: Windows-1252, the encoding of Excel's plain “CSV” type, was assumed "
              "for {lines}. Check that accented letters look right, and save the file as {utf8_type}."),
        "Excel's plain CSV uses the ANSI code page. Each line is read as strict UTF-8 first; only a line "
        "that is not valid UTF-8 is read as Windows-1252, which can be wrong for other code pages "
        "(Mac Roman, cp1250, cp850): a password on such a line with a letter outside ASCII is an error.",
        fixed=True),
    "CSV_DELIMITER": Rule(
        W, N_("Cells are separated by {found} instead of {expected} as in the template."),
        "Excel writes ';' in locales with a decimal comma; the import expects the template's format.",
        fixed=True),
    # --- the header row (header.py) ------------------------------------------------
    "CSV_HEADER_MISSING": Rule(
        E, N_("Row 1 reads as data, not as column titles: the header row seems to be missing. Insert a "
              "first row with the template's titles: {header}."),
        "The hoster's guide says to keep the template's first row, the column titles. Row 1 is data when "
        "any column reads as data: a valid row, an address or a password-like value in A, a password in B "
        "(digits, or what passes as one next to an address-like A), an address in C, 0 or 1 in D. Any other "
        "row 1 is a header, in whatever wording (the hoster's own template, any language)."),
    "CSV_HEADER_EMPTY": Rule(
        E, N_("Row 1 is empty. The import keeps row 1 as the column titles: write them there: {header}."),
        "The file has no header row to keep."),
    # --- any row or cell (check.py, cells.py) ---------------------------------------
    "CSV_BLANK_ROW": Rule(
        W, N_("Empty row: delete it."),
        "A blank row between addresses; blank rows at the end are dropped silently.", fixed=True),
    "CSV_SEPARATOR_IN_CELL": Rule(
        E, NP_("This row has {count} cell, the header row {header_count}: a cell probably holds the "
               "character that separates cells ({separator}) without quotation marks, which shifts the cells "
               "after it. Put that cell in quotation marks, or save the file again from your spreadsheet "
               "program.",
               "This row has {count} cells, the header row {header_count}: a cell probably holds the "
               "character that separates cells ({separator}) without quotation marks, which shifts the cells "
               "after it. Put that cell in quotation marks, or save the file again from your spreadsheet "
               "program.", count="count"),
        "A spreadsheet writes as many cells on every row; more on one row means an unquoted separator "
        "(gnumeric's ssconvert does not quote a ';' in a ';'-separated file)."),
    "CSV_TOO_MANY_COLUMNS": Rule(
        E, NP_("This row has {count} column; the template has four (A to D). Empty or delete the cells "
               "from column E on.",
               "This row has {count} columns; the template has four (A to D). Empty or delete the cells "
               "from column E on.", count="count"),
        "Extra cells usually mean a cell with the separator in it, or shifted columns."),
    "CSV_SPACES": Rule(
        W, N_("The cell starts or ends with a space: delete it."),
        "Stray spaces (and leading tabs or line breaks) are invisible in a spreadsheet.", fixed=True),
    "CSV_FORMULA": Rule(
        W, N_("The cell starts with “{char}”: a spreadsheet that opens this file reads it as a formula and "
              "may run or change it. Change the value so that it starts with another character."),
        "OWASP CSV injection: =, +, - and @ start formulas (tab and CR too; they are trimmed as spaces "
        "first). The apostrophe OWASP suggests would become part of the address, so no copy is written."),
    # --- column A (address.py) -----------------------------------------------------
    "CSV_A_EMPTY": Rule(
        E, N_("Column A is empty: write the address to create (the part before the @)."),
        "Every row creates one address."),
    "CSV_A_FULL_ADDRESS": Rule(
        E, N_("Column A takes only the part before the @. Keep {keep} and delete the rest."),
        "The domain is the Mail Service's; a full address would not be created as meant."),
    "CSV_A_CHARS": Rule(
        E, N_("The address {value} contains characters that are not allowed: {chars}. Use only letters a to "
              "z, digits, dots, hyphens and underscores."),
        "The safe set every mail system accepts in a mailbox name (this checker's caution: the hoster does "
        "not publish its set)."),
    "CSV_A_DOT_EDGE": Rule(
        E, N_("The address must not start or end with a dot."), "RFC 5322 dot-atom."),
    "CSV_A_DOUBLE_DOT": Rule(
        E, N_("The address must not contain two dots in a row."), "RFC 5322 dot-atom."),
    "CSV_A_TOO_LONG": Rule(
        E, NP_("The address is {length} character long; at most {max} are allowed before the @.",
               "The address is {length} characters long; at most {max} are allowed before the @.", count="length"),
        "RFC 5321 §4.5.3.1.1: a local part has at most 64 octets."),
    "CSV_A_UPPERCASE": Rule(
        W, N_("The address {value} has capital letters."),
        "This checker's caution: addresses are compared without case, so a capital letter only invites "
        "two spellings of one address.", fixed=True),
    "CSV_A_DUPLICATE": Rule(
        E, N_("The address {address} is on {count}: {rows}; each address can be created only once."),
        "Compared without case; one finding per address, at its first row, naming at most 20 rows."),
    # --- column B (password.py) ------------------------------------------------------
    "CSV_B_EMPTY": Rule(E, N_("Column B is empty: every address needs a password."), "Required column."),
    "CSV_B_SPACES": Rule(
        W, N_("The password {masked} starts or ends with a space, which may or may not end up in the "
              "password: delete it."),
        "Usually a stray space; the hoster does not say whether the import keeps it, and a login form may "
        "trim it.", fixed=True),
    "CSV_B_FORMULA": Rule(
        W, N_("The password {masked} starts with “{char}”: a spreadsheet that opens this file may turn it "
              "into a formula and change it. Do not open the file in a spreadsheet again before the import, "
              "or choose a password that starts with another character."),
        "OWASP CSV injection; the password must stay what the reader wrote, so it is not neutralised."),
    "CSV_B_TOO_SHORT": Rule(
        E, N_("The password {masked} is too short: length {length}, minimum {min}."),
        "passwords.min_length in the data file (NIST SP 800-63B: length first)."),
    "CSV_B_TOO_LONG": Rule(
        E, N_("The password {masked} is too long: length {length}, maximum {max}."),
        "passwords.max_length in the data file."),
    "CSV_B_IS_ADDRESS": Rule(
        E, N_("The password is the address itself. Choose another one."),
        "The first guess of anyone who knows the address."),
    "CSV_B_CONTAINS_ADDRESS": Rule(
        E, N_("The password {masked} contains the address from column A. Choose one without it."),
        "Checked for addresses of three characters or more (shorter ones occur by chance)."),
    "CSV_B_COMMON": Rule(
        E, N_("The password {masked} is one of the most common passwords, the first ones attackers try. "
              "Choose another one."),
        "The whole password is one entry of zxcvbn's list of 30,000 common passwords (NIST's blocklist) or "
        "of the list this checker adds (common passwords across languages, office words)."),
    "CSV_B_WEAK": Rule(
        E, N_("The password {masked} is too easy to guess (strength {score} out of 4, at least {min} "
              "needed). Several unrelated words with digits or signs between them make a strong password "
              "that is easy to type."),
        "zxcvbn score below passwords.min_zxcvbn_score, with German, French, Italian, Spanish and common "
        "passwords added to its lists, on the password's bounded beginning (all of any password people "
        "type; a proven shortcut skips zxcvbn when no pattern can be long enough, see password.py)."),
    # --- columns C and D (forward.py) ------------------------------------------------
    "CSV_C_INVALID": Rule(
        E, N_("{value} is not a valid e-mail address. Column C takes the full address to forward to "
              "(name@example.org) or stays empty."),
        "email-validator's syntax check, without DNS."),
    "CSV_C_SELF": Rule(
        W, N_("The messages are forwarded to {value}: if that is the very address this row creates, they "
              "would go round in circles. Check the part after the @."),
        "The file does not name the customer's domain, so an equal local part is only a suspicion."),
    "CSV_D_INVALID": Rule(
        E, N_("Column D takes only 0 (keep the messages after forwarding), 1 (delete them) or nothing."),
        "The template's values."),
    "CSV_D_WITHOUT_C": Rule(
        E, N_("Column D is filled in but column C has no address to forward to: empty D or fill in C."),
        "D only means something with a forward address."),
    "CSV_D_MISSING": Rule(
        W, N_("Column C forwards the messages but column D is empty: write 0 to keep a copy of each "
              "message or 1 to delete it once forwarded."),
        "The guide asks for D with C; what the import does without it is not documented."),
    # --- the whole file (check.py) ---------------------------------------------------
    "CSV_NO_ROWS": Rule(
        E, N_("The file has only the header row. Add one row per address to create."), "Nothing to import."),
    "CSV_TOO_MANY_ROWS": Rule(
        E, NP_("The file has {rows} row of addresses; this checker reads at most {max_rows}. Split it into "
               "smaller files.",
               "The file has {rows} rows of addresses; this checker reads at most {max_rows}. Split it into "
               "smaller files.", count="rows"),
        "csv.max_rows in the data file bounds the time of a check; the rows are not checked."),
    "CSV_OVER_DAILY_LIMIT": Rule(
        W, NP_("{rows} address: we create at most {limit} in any 24 hours, so import the file in {parts}, one "
               "every 24 hours and in order; the checker cuts the parts once the file has no errors. A part "
               "imported sooner goes over our limit. Our support can lift it.",
               "{rows} addresses: we create at most {limit} in any 24 hours, so import the file in {parts}, one "
               "every 24 hours and in order; the checker cuts the parts once the file has no errors. A part "
               "imported sooner goes over our limit. Our support can lift it.", count="rows"),
        "limits.batch_addresses_per_day in the data file (the hoster's guide: at most 50 addresses per "
        "24-hour period, support can lift it)."),
    # --- added: shapes, examples, reuse, characters, bounds ----------------------------
    "CSV_A_PASSWORD_LIKE": Rule(
        E, N_("Column A holds {masked}, which looks like a password, not an address: are columns A and B "
              "swapped? Column A takes the part of the address before the @."),
        "A value with signs no address has, or capitals with two digits or more, is masked wherever it appears; "
        "in A it is an error of its own, so a swapped file is never accepted."),
    "CSV_INVISIBLE": Rule(
        E, N_("The cell holds a character no one can type or see ({chars}): an invisible, direction or "
              "control character, or a line separator. Delete it."),
        "Zero-width and bidi characters, byte-order marks, line and paragraph separators, C0 and C1 "
        "controls, noncharacters: a password holding one cannot be typed at a login."),
    "CSV_B_ENCODING": Rule(
        E, N_("The password {masked} has letters outside A to Z on a line that is not valid UTF-8: which "
              "letters they are cannot be known for sure. Save the file as {utf8_type} and check it again."),
        "A line decoded by guesswork (Windows-1252) may hold a Mac Roman, cp1250 or cp850 password; a "
        "password is never rewritten from a guess."),
    "CSV_B_EXAMPLE": Rule(
        E, N_("The password {masked} is an example from our guide or template: anyone who read it knows it. "
              "Choose another one."),
        "csv.example_rows and csv.example_passwords in the data file."),
    "CSV_B_REUSED": Rule(
        E, N_("The same password is used on {count}: {rows}. Give each address its own password."),
        "One finding per password used more than once, at its first row; the password is never named."),
    "CSV_C_LOOKALIKE": Rule(
        W, N_("The forwarding address {value} contains letters that look like Latin ones but are not "
              "({chars}): check that it is the address you meant."),
        "Cyrillic, Greek or full-width letters next to Latin ones: a look-alike domain or a pasted name."),
    "CSV_MORE": Rule(
        W, N_("The same problem ({code}) on {count}: {rows}."),
        "Each kind of finding is listed for its first rows only, then counted, so the report stays small "
        "for any file; the severity is that of the kind."),
}

# Findings that keep a file from getting a corrected copy although they are only warnings.
# A formula-like cell would have to be defused in the copy, which changes a value (a password).
NO_COPY = frozenset({"CSV_FORMULA", "CSV_B_FORMULA", "CSV_C_LOOKALIKE"})
# Added to the message of a ``fixed`` finding when, and only when, a corrected copy is offered.
COPY_FIXES = N_("The corrected copy fixes this.")
# Added to the message of a finding that carries a certain fix (``suggestion``).
SUGGESTION = N_("Write it as {suggestion}.")

# The summary line above the findings.
SUMMARY_REJECT = N_("Rows read: {rows}. Errors: {errors}, warnings: {warnings}. Correct the errors, then check "
                    "the file again.")
SUMMARY_ACCEPT = N_("Rows read: {rows}. No errors, warnings: {warnings}. The file can be imported.")
# Instead of the last sentence above when the file is over the limit per 24 hours.
SUMMARY_ACCEPT_PARTS = NP_("Rows read: {rows}. No errors, warnings: {warnings}. Import the file in {parts}, "
                           "one every 24 hours and in order: we create at most {limit} address in any 24 "
                           "hours, and a part imported sooner goes over that limit.",
                           "Rows read: {rows}. No errors, warnings: {warnings}. Import the file in {parts}, "
                           "one every 24 hours and in order: we create at most {limit} addresses in any 24 "
                           "hours, and a part imported sooner goes over that limit.", count="limit")
PARTS = NP_("{n} part", "{n} parts")
SUMMARY_FIXED = N_("A corrected copy is ready to download.")
SUMMARY_UNREAD = N_("The file could not be read.")


def finding(code: str, *, row: int | None = None, column: str | None = None, **params: object) -> Finding:
    """A finding for ``code`` with the severity from :data:`RULES` (one source of truth)."""
    return finding_for(RULES, code, row=row, column=column, **params)


def shown_rows(rows: list[int]) -> tuple[int, ...]:
    """The first :data:`ROWS_SHOWN` rows of a finding that covers several (``rows`` in the JSON report)."""
    return tuple(rows[:ROWS_SHOWN])


class Bounded:
    """Findings as they are found, at most :data:`ROWS_SHOWN` of each code; the rest counted.

    A file under the size cap can hold two million blank lines or a quote on every line:
    one finding per line would make a report of hundreds of megabytes. Past the first
    findings of a code, only the count and the first rows are kept, and :meth:`items`
    ends with one ``CSV_MORE`` per such code (its severity is the code's own).
    """

    def __init__(self) -> None:
        self._kept: list[Finding] = []
        self._seen: dict[str, int] = {}
        self._more: dict[str, list[int]] = {}

    def add(self, found: Finding) -> None:
        seen = self._seen.get(found.code, 0)
        self._seen[found.code] = seen + 1
        if seen < ROWS_SHOWN:
            self._kept.append(found)
            return
        rows = self._more.setdefault(found.code, [])
        if len(rows) < ROWS_SHOWN and found.row is not None:
            rows.append(found.row)

    def extend(self, findings: Iterable[Finding]) -> None:
        for found in findings:
            self.add(found)

    def items(self) -> list[Finding]:
        more = [Finding("CSV_MORE", RULES[code].severity, {
            "code": code, "count": Counted(ROWS, self._seen[code] - ROWS_SHOWN), "rows": shown_rows(rows)},
            row=rows[0] if rows else None) for code, rows in self._more.items()]
        return [*self._kept, *more]
