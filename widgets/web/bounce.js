// The bounce explainer: explains a pasted bounce after a pause in typing and on submit.
// The headline (why it bounced) is what is announced; who must act, the next step with
// the guide that helps, the servers' own words and the HELO check follow. The summary for
// support (addresses masked by the checker) is copied on this page, never sent.
import { el, mountTextChecker, severityLabel, verdictBadge } from "./ui.js";
import { render as renderHelo } from "./helo.js";

/** The guide a reason points to, as a link from this page (data-docs leads to the guides). */
function guideLink(widget, guide, text) {
  if (!guide) return null;
  const [page, anchor] = guide.split("#");
  const href = widget.dataset.docs + page.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, "/")
    + (anchor ? `#${anchor}` : "");
  return el("p", {}, el("a", { href }, text["bounce.guide"]));
}

function copyButton(area, text) {
  const status = el("span", { class: "mailcheck__copied", role: "status" });
  const button = el("button", { type: "button", class: "md-button mailcheck__copy" }, text["bounce.copy"]);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(area.value);
      status.textContent = text["bounce.copied"];
    } catch {
      area.select(); // no clipboard access here: the summary is selected, ready for Ctrl+C
    }
  });
  return [button, " ", status];
}

function details(report, text) {
  const rows = report.failures.map((failure) => el("li", {},
    el("code", {}, [failure.reply, failure.status].filter(Boolean).join(" ") || "—"), " ",
    failure.recipient ?? "", failure.words ? el("pre", {}, el("code", {}, failure.words)) : null));
  if (!rows.length) return null;
  return el("details", { class: "mailcheck__details" }, el("summary", {}, text["bounce.details"]), el("ul", {}, ...rows));
}

function summary(report, text) {
  const id = "mailcheck-bounce-summary";
  const area = el("textarea", { id, rows: "6", readonly: "" }, report.summary);
  return el("div", { class: "mailcheck__summary" },
    el("label", { for: id }, text["bounce.summary"]), area, el("p", {}, ...copyButton(area, text)));
}

function renderReport(report, text, widget) {
  const findings = report.findings ?? [];
  const helo = report.helo?.length
    ? el("section", { class: "mailcheck__helo" }, el("h3", {}, text["bounce.helo"]), ...renderHelo({ result: report.helo }, text))
    : null;
  return [
    el("p", { class: "mailcheck__headline", "data-reason": report.reason ?? "" }, report.headline),
    report.reason ? el("p", { class: "mailcheck__actor", "data-actor": report.actor }, report.actor_text, " ", report.final_text) : null,
    report.step ? el("h3", {}, text["bounce.next"]) : null,
    report.step ? el("p", { class: "mailcheck__next" }, report.step) : null,
    guideLink(widget, report.guide, text),
    findings.length ? el("ul", { class: "mailcheck__findings" }, ...findings.map((f) =>
      el("li", { class: `mailcheck__finding mailcheck__finding--${f.severity}` }, severityLabel(f.severity, text), " ", f.message)))
      : null,
    helo,
    details(report, text),
    report.reason ? summary(report, text) : null,
  ].filter(Boolean);
}

export function mount(widget, host) {
  // A bounce spans lines: Enter adds a line; it is explained after a pause or on submit.
  mountTextChecker(widget, host, "bounce", (answer, text) => answer.result
    ? renderReport(answer.result, text, widget)
    : [el("p", { class: "mailcheck__headline" }, verdictBadge(answer.verdict, text), " ",
      ...(answer.findings ?? []).map((f) => f.message))]);
}
