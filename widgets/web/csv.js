// The CSV checker: a picked, dropped or pasted file, checked in the worker.
// The bytes go to the worker as they are (the checker detects the encoding) and
// never to the network.
import { connect, el, present, severityLabel, strings, verdictBadge } from "./ui.js";

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

// The corrected copy is offered as a Blob URL: made here, never uploaded.
function downloadLink(fixed, name, text) {
  if (typeof fixed !== "string") return null;
  const url = URL.createObjectURL(new Blob([fixed], { type: "text/csv;charset=utf-8" }));
  const stem = (name || "addresses.csv").replace(/\.[^.]*$/, "");
  return el("p", {}, el("a", { class: "md-button", href: url, download: `${stem}-fixed.csv` }, text.download_fixed));
}

/** Renders the worker's answer: verdict and summary, the table, the download. */
export function render(answer, fileName, text) {
  const report = answer.result ?? { verdict: answer.verdict, findings: answer.findings };
  const findings = report.findings ?? [];
  return [
    el("p", { class: "mailcheck__headline" }, verdictBadge(report.verdict, text), " ", report.summary ?? ""),
    findings.length ? findingsTable(findings, text) : el("p", {}, text.no_findings),
    downloadLink(report.fixed, fileName, text),
  ].filter(Boolean);
}

export function mount(widget, host) {
  const text = strings(widget);
  const form = widget.querySelector("form");
  const picker = widget.querySelector("input[type=file]");
  const pasted = widget.querySelector("textarea");
  const drop = widget.querySelector(".mailcheck__drop");
  const result = widget.querySelector(".mailcheck__result");
  const check = connect(widget, host);

  const run = async (buffer, name) => {
    const request = { checker: "csv", lang: widget.dataset.lang, bytes: buffer };
    const answer = await check(request, [buffer]).catch(() => null);
    if (!answer) return;
    // The previous corrected copy is out of date: free its Blob.
    result.querySelectorAll("a[href^='blob:']").forEach((link) => URL.revokeObjectURL(link.href));
    present(widget, render(answer, name, text), true);
  };
  const runFile = async (file) => { if (file) run(await file.arrayBuffer(), file.name); };

  picker.addEventListener("change", () => runFile(picker.files[0]));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (pasted.value) run(new TextEncoder().encode(pasted.value).buffer, "");
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
