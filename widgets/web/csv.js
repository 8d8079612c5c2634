// The CSV checker: a picked, dropped or pasted file, checked in the worker.
// The bytes go to the worker as they are (the checker detects the encoding) and
// never to the network.
import { connect, downloadLink, el, plural, present, severityLabel, strings, verdictBadge } from "./ui.js";

// The checker lists each kind of finding for its first rows only, so a report stays small;
// the page still caps its table and offers the whole list as a file.
const SHOWN_FINDINGS = 200;

function findingsTable(findings, text) {
  const head = el("tr", {}, ...["col.row", "col.column", "col.severity", "col.message"]
    .map((key) => el("th", { scope: "col" }, text[key])));
  const rows = findings.map((f) => el("tr", { class: `mailcheck__finding--${f.severity}` },
    el("td", {}, f.row == null ? "" : String(f.row)),
    el("td", {}, f.column ?? ""),
    el("td", {}, severityLabel(f.severity, text)),
    el("td", {}, f.message)));
  return el("table", { class: "mailcheck__table" }, el("thead", {}, head), el("tbody", {}, ...rows));
}

// The corrected copy and the parts are offered as Blob URLs: made here, never uploaded.
// Their names come from the checker (the same as the command line's).
function fixedLink(report, text) {
  if (typeof report.fixed !== "string") return null;
  return el("p", {}, downloadLink([report.fixed], "text/csv;charset=utf-8", report.fixed_name, text.download_fixed));
}

// Each part holds the file's own bytes (its encoding, separator and line ends), in base64.
function partLinks(parts, text) {
  if (!parts?.length) return null;
  const items = parts.map((part, i) => {
    const bytes = Uint8Array.from(atob(part.data), (c) => c.charCodeAt(0));
    const label = plural(text, "download_part", part.rows, { index: i + 1, total: parts.length });
    return el("li", {}, downloadLink([bytes], "text/csv", part.name, label));
  });
  return el("div", { class: "mailcheck__parts" }, el("p", {}, text.parts), el("ol", {}, ...items));
}

// Every finding as CSV, written by the checker (no cell of it starts like a formula),
// offered with any finding; past the first SHOWN_FINDINGS the page says how many it shows.
function findingsDownload(report, text) {
  const findings = report.findings ?? [];
  if (!findings.length || typeof report.findings_csv !== "string") return null;
  const shown = findings.length > SHOWN_FINDINGS
    ? [plural(text, "findings_shown", findings.length, { shown: SHOWN_FINDINGS }), " "] : [];
  return el("p", { class: "mailcheck__overflow" }, ...shown,
    downloadLink([report.findings_csv], "text/csv;charset=utf-8", report.findings_name, text.download_findings));
}

/** Renders the worker's answer: verdict and summary, the table (first findings), the downloads. */
export function render(answer, text) {
  const report = answer.result ?? { verdict: answer.verdict, findings: answer.findings };
  const findings = report.findings ?? [];
  return [
    el("p", { class: "mailcheck__headline" }, verdictBadge(report.verdict, text), " ", report.summary ?? ""),
    findings.length ? findingsTable(findings.slice(0, SHOWN_FINDINGS), text) : el("p", {}, text.no_findings),
    findingsDownload(report, text),
    fixedLink(report, text),
    partLinks(report.parts, text),
  ].filter(Boolean);
}

export function mount(widget, host) {
  const text = strings(widget);
  const form = widget.querySelector("form");
  const picker = widget.querySelector("input[type=file]");
  const pasted = widget.querySelector("textarea");
  const drop = widget.querySelector(".mailcheck__drop");
  const check = connect(widget, host);

  const run = async (buffer, name) => {
    check.cancel(); // a new file or paste replaces the one still being checked
    const request = { checker: "csv", lang: widget.dataset.lang, bytes: buffer, name };
    const answer = await check(request, [buffer]).catch(() => null);
    if (!answer) return;
    present(widget, render(answer, text), true);
  };
  // A file over the cap is not read: its first max_bytes + 1 bytes are enough for the
  // checker to refuse it with the real reason (too large), in the reader's language.
  const maxBytes = Number(form.dataset.maxBytes);
  const capped = (blob) => (blob.size > maxBytes ? blob.slice(0, maxBytes + 1) : blob);
  const runFile = async (file) => { if (file) run(await capped(file).arrayBuffer(), file.name); };

  picker.addEventListener("change", () => runFile(picker.files[0]));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (pasted.value) run(new TextEncoder().encode(pasted.value).slice(0, maxBytes + 1).buffer, "");
    else if (picker.files[0]) runFile(picker.files[0]);
    else present(widget, [el("p", {}, text.empty)], true);
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("mailcheck__drop--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("mailcheck__drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("mailcheck__drop--over");
    runFile(event.dataTransfer.files[0]);
  });
  widget.addEventListener("focusin", () => host.start(), { once: true });
}
