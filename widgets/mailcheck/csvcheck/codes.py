"""Every CSV finding code in one table: severity, message id, why the rule exists.

The rules live in :mod:`.read`, :mod:`.header`, :mod:`.address`, :mod:`.password`,
:mod:`.forward`, :mod:`.cells` and :mod:`.check`; they only name a code and its
parameters. Message ids are translated in the ``csv`` gettext domain. ``fixed`` marks
the problems the corrected copy removes by itself (encoding, separator, spaces, case):
a file whose only problems are of that kind gets a corrected copy.
"""

from __future__ import annotations

from mailcheck.findings import Finding, Rule, Severity, finding_for
from mailcheck.i18n import N_, NP_

DOMAIN = "csv"


class Term(str):
    """A finding parameter that is a word to translate too (a file kind, a separator)."""



E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    # --- reading the file (read.py) ------------------------------------------------
    "CSV_EMPTY": Rule(
        E, N_("The file is empty. Fill in the template and save it as CSV."),
        "No bytes, or only blank lines."),
    "CSV_TOO_LARGE": Rule(
        E, N_("The file is larger than {max_size}, the most this checker reads. Split it into smaller files."),
        "Bounds the time and memory of a check (csv.max_bytes); 10,000 rows fit well under it."),
    "CSV_NOT_TEXT": Rule(
        E, N_("This file is {kind}, not a CSV text file. Open it in your spreadsheet program and save it "
              "again with the file type “CSV”."),
        "A ZIP (xlsx, ods), OLE2 (xls), PDF or image signature, or control characters no text export has."),
    "CSV_DAMAGED_TEXT": Rule(
        E, N_("Some characters could not be read as {encoding}: the file is damaged. Save it again from "
              "your spreadsheet program."),
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
        W, N_("The file is not in UTF-8; it was read as Windows-1252, the encoding of Excel's plain “CSV” "
              "type. Check that accented letters look right. The corrected copy is in UTF-8."),
        "Excel's plain CSV uses the ANSI code page; guessing it can be wrong for other code pages.",
        fixed=True),
    "CSV_DELIMITER": Rule(
        W, N_("Cells are separated by {found} instead of {expected} as in the template. The corrected copy "
              "uses {expected}."),
        "Excel writes ';' in locales with a decimal comma; the import expects the template's format.",
        fixed=True),
    # --- the header row (header.py) ------------------------------------------------
    "CSV_HEADER_MISSING": Rule(
        E, N_("Row 1 holds an address, not the column titles: the header row has been deleted. Insert a "
              "first row with the template's titles: {header}."),
        "The import keeps row 1 as the header; when it reads as data (a valid row, an address in C, 0 or 1 "
        "in D, a full address in A, digits in B) the first address would be lost. Any other row 1 is a "
        "header, in whatever wording (the hoster's own template, any language)."),
    "CSV_HEADER_EMPTY": Rule(
        E, N_("Row 1 is empty. The import keeps row 1 as the column titles: write them there: {header}."),
        "The file has no header row to keep."),
    # --- any row or cell (check.py, cells.py) ---------------------------------------
    "CSV_BLANK_ROW": Rule(
        W, N_("Empty row: it is skipped, and the corrected copy leaves it out."),
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
        W, N_("The cell starts or ends with a space; the corrected copy removes it."),
        "Stray spaces (and leading tabs or line breaks) are invisible in a spreadsheet.", fixed=True),
    "CSV_FORMULA": Rule(
        W, N_("The cell starts with “{char}”: a spreadsheet that opens this file reads it as a formula and "
              "may run or change it. No corrected copy is offered for a file with such a cell; change the "
              "value so that it starts with another character."),
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
        E, N_("The address contains characters that are not allowed: {chars}. Use only letters a to z, "
              "digits, dots, hyphens and underscores."),
        "The safe set every mail system accepts in a mailbox name."),
    "CSV_A_DOT_EDGE": Rule(
        E, N_("The address must not start or end with a dot."), "RFC 5322 dot-atom."),
    "CSV_A_DOUBLE_DOT": Rule(
        E, N_("The address must not contain two dots in a row."), "RFC 5322 dot-atom."),
    "CSV_A_TOO_LONG": Rule(
        E, NP_("The address is {length} character long; at most {max} are allowed before the @.",
               "The address is {length} characters long; at most {max} are allowed before the @.", count="length"),
        "RFC 5321 §4.5.3.1.1: a local part has at most 64 octets."),
    "CSV_A_UPPERCASE": Rule(
        W, N_("Addresses are created in lower case: this one becomes {lower}. The corrected copy writes it "
              "that way."),
        "The hoster creates addresses in lower case.", fixed=True),
    "CSV_A_DUPLICATE": Rule(
        E, NP_("The address {address} appears {count} time, on rows {rows}; each address can be created "
               "only once.",
               "The address {address} appears {count} times, on rows {rows}; each address can be created "
               "only once.", count="count"),
        "Compared without case; one finding per address, at its first row, naming at most 20 rows."),
    # --- column B (password.py) ------------------------------------------------------
    "CSV_B_EMPTY": Rule(E, N_("Column B is empty: every address needs a password."), "Required column."),
    "CSV_B_SPACES": Rule(
        W, N_("The password {masked} starts or ends with a space. The corrected copy removes it; the "
              "password is then the one without that space."),
        "Usually a stray space; an import or a login form may trim it.", fixed=True),
    "CSV_B_FORMULA": Rule(
        W, N_("The password {masked} starts with “{char}”: a spreadsheet that opens this file may turn it "
              "into a formula and change it. The corrected copy keeps the password exactly as it is, "
              "without the protective apostrophe, which would become part of the password: do not open "
              "the file in a spreadsheet again, or choose a password that starts with another character."),
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
        "The whole password is one entry of zxcvbn's list of 30,000 common passwords (NIST's blocklist)."),
    "CSV_B_WEAK": Rule(
        E, N_("The password {masked} is too easy to guess (strength {score} out of 4, at least {min} "
              "needed). Several unrelated words with digits or signs between them make a strong password "
              "that is easy to type."),
        "zxcvbn score below passwords.min_zxcvbn_score, on the whole password (a proven shortcut skips "
        "zxcvbn when no pattern can be long enough, see password.py)."),
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
        W, NP_("{rows} addresses: at most {limit} can be created per 24 hours, so this takes {batches} import "
               "a day apart (split the file). Support can lift the limit.",
               "{rows} addresses: at most {limit} can be created per 24 hours, so this takes {batches} imports "
               "a day apart (split the file). Support can lift the limit.", count="batches"),
        "limits.batch_addresses_per_day in the data file."),
}

# Findings that keep a file from getting a corrected copy although they are only warnings.
NO_COPY = frozenset({"CSV_FORMULA"})

# The summary line above the findings.
SUMMARY_REJECT = N_("Rows read: {rows}. Errors: {errors}, warnings: {warnings}. Correct the errors, then check "
                    "the file again.")
SUMMARY_ACCEPT = N_("Rows read: {rows}. No errors, warnings: {warnings}. The file can be imported.")
SUMMARY_FIXED = N_("A corrected copy is ready to download.")
SUMMARY_UNREAD = N_("The file could not be read.")


def finding(code: str, *, row: int | None = None, column: str | None = None, **params: object) -> Finding:
    """A finding for ``code`` with the severity from :data:`RULES` (one source of truth)."""
    return finding_for(RULES, code, row=row, column=column, **params)
