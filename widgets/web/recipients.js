// The recipient counter: counts after a pause in typing and on submit. When
// the list is over the limit it shows the groups to send, each with a copy button,
// and offers them all as a text file made on this page.
import { downloadLink, el, format, mountTextChecker, severityLabel, verdictBadge } from "./ui.js";

const ADVICE = "#mass-mailings"; // the guide's section on newsletters (same id in every language)

function copyButton(area, text) {
  const button = el("button", { type: "button", class: "md-button mailcheck__copy" }, text.copy);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(area.value);
      button.textContent = text.copied;
    } catch {
      area.select(); // no clipboard access here: the group is selected, ready for Ctrl+C
    }
  });
  return button;
}

function renderGroups(groups, text) {
  if (!groups?.length) return [];
  const items = groups.map((group, i) => {
    const id = `mailcheck-recipients-group-${i + 1}`;
    const area = el("textarea", { id, rows: "3", readonly: "" }, group);
    return el("li", { class: "mailcheck__group" },
      el("label", { for: id }, format(text.group, { index: i + 1, total: groups.length }, text)),
      area, copyButton(area, text));
  });
  return [
    el("ol", { class: "mailcheck__groups" }, ...items),
    el("p", {}, downloadLink([groups.join("\n\n") + "\n"], "text/plain;charset=utf-8",
      text._files.groups, text.download_groups), " ",
    el("a", { href: ADVICE }, text.newsletter)),
  ];
}

/** Renders the worker's answer: verdict, summary, findings, and the groups when over the limit. */
export function render(answer, text) {
  const report = answer.result ?? { verdict: answer.verdict, findings: answer.findings };
  const findings = report.findings ?? [];
  return [
    el("p", { class: "mailcheck__headline" }, verdictBadge(report.verdict, text), " ", report.summary ?? ""),
    findings.length ? el("ul", { class: "mailcheck__findings" }, ...findings.map((f) =>
      el("li", { class: `mailcheck__finding mailcheck__finding--${f.severity}` },
        severityLabel(f.severity, text), " ", f.message)))
      : el("p", {}, text.no_findings),
    ...renderGroups(report.groups, text),
  ];
}

export function mount(widget, host) {
  // A pasted list spans lines: Enter adds a line; the list is counted after a pause.
  mountTextChecker(widget, host, "recipients", render);
}
