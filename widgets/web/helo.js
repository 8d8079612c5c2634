// The HELO checker: checks on submit (the button or Enter) and when typing pauses.
import { el, mountTextChecker, severityLabel, verdictBadge } from "./ui.js";

function renderFinding(finding, text) {
  const item = el("li", { class: `mailcheck__finding mailcheck__finding--${finding.severity}` },
    severityLabel(finding.severity, text), " ", finding.message);
  if (finding.part) item.append(" ", el("span", { class: "mailcheck__part" }, text.part, " ", el("code", {}, finding.part)));
  return item;
}

function renderHints(report, text) {
  if (!report.hints?.length) return null;
  const hints = report.hints.map((hint) => el("li", {}, hint.text,
    el("pre", {}, el("code", {}, hint.example))));
  // A rejected name needs the fix: open from the start, not behind a click.
  const open = report.verdict === "reject" ? { open: "" } : {};
  return el("details", { class: "mailcheck__fix", ...open }, el("summary", {}, text.fix),
    report.advice ? el("p", {}, report.advice) : null, el("ul", {}, ...hints));
}

function renderDialogue(lines, text) {
  if (!lines?.length) return null;
  const rows = lines.map((line) => el("li", { class: `mailcheck__line mailcheck__line--${line.side}` },
    el("span", { class: "mailcheck__speaker" }, line.label), " ", el("code", {}, line.line)));
  return el("details", { class: "mailcheck__dialogue" }, el("summary", {}, text.dialogue), el("ul", {}, ...rows));
}

function renderReport(report, text) {
  const findings = report.findings ?? [];
  return el("section", { class: "mailcheck__item", "data-verdict": report.verdict },
    el("p", { class: "mailcheck__headline" }, verdictBadge(report.verdict, text), " ", report.summary ?? ""),
    findings.length ? el("ul", { class: "mailcheck__findings" }, ...findings.map((f) => renderFinding(f, text)))
      : el("p", {}, text.no_findings),
    renderHints(report, text),
    report.verdict === "accept" ? el("p", { class: "mailcheck__next" }, text["helo.next"]) : null,
    renderDialogue(report.dialogue, text));
}

/** Renders the worker's answer: one section per HELO value found in the input. */
export function render(answer, text) {
  const reports = answer.result ?? [{ verdict: answer.verdict, findings: answer.findings }];
  return reports.map((report) => renderReport(report, text));
}

export function mount(widget, host) {
  mountTextChecker(widget, host, "helo", render, { enterChecks: true });
}
