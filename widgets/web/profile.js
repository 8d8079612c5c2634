// The profile maker: the reader's address (and name) go to the worker, which checks
// them and builds the .mobileconfig; the page offers it as a Blob download.
// Nothing is uploaded, and the profile holds no password.
import { connect, el, present, severityLabel, strings, verdictBadge } from "./ui.js";

const MIME = "application/x-apple-aspen-config"; // what Safari installs as a profile

function downloadLink(report, text) {
  if (typeof report.profile !== "string") return null;
  const url = URL.createObjectURL(new Blob([report.profile], { type: MIME }));
  return el("p", {}, el("a", { class: "md-button md-button--primary", href: url, download: report.filename, type: MIME },
    text.download_profile), " ", el("code", {}, report.filename));
}

/** Renders the worker's answer: verdict and summary, the findings, the download. */
export function render(answer, text) {
  const report = answer.result ?? { verdict: answer.verdict, findings: answer.findings };
  const findings = (report.findings ?? []).map((f) => el("li",
    { class: `mailcheck__finding mailcheck__finding--${f.severity}` }, severityLabel(f.severity, text), " ", f.message));
  return [
    el("p", { class: "mailcheck__headline" }, verdictBadge(report.verdict, text), " ", report.summary ?? ""),
    findings.length ? el("ul", { class: "mailcheck__findings" }, ...findings) : null,
    downloadLink(report, text),
  ].filter(Boolean);
}

export function mount(widget, host) {
  const text = strings(widget);
  const form = widget.querySelector("form");
  const address = widget.querySelector("input[name=address]");
  const name = widget.querySelector("input[name=name]");
  const check = connect(widget, host);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const request = { checker: "profile", lang: widget.dataset.lang, address: address.value, name: name.value };
    const answer = await check(request).catch(() => null);
    if (!answer) return;
    present(widget, render(answer, text), true);
  });
  widget.addEventListener("focusin", () => host.start(), { once: true });
}
