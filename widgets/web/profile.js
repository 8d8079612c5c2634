// The profile maker: makes the reader's .mobileconfig on this page, at once, without
// the checkers' Python runtime (profilemaker.js fills the template the build wrote).
// Nothing is uploaded, and the profile holds no password. Loaded by its own module
// script, not by loader.js: a page with only this tool never fetches the runtime.
import { makeProfile } from "./profilemaker.js";
import { el, present } from "./ui.js";

const MIME = "application/x-apple-aspen-config"; // what Safari installs as a profile

function mount(widget) {
  const data = JSON.parse(widget.querySelector(".mailcheck__profile-data").textContent);
  const form = widget.querySelector("form");
  const fields = { address: form.elements.address, name: form.elements.name };
  const hints = Object.fromEntries(Object.entries(fields).map(([key, input]) => [key, input.getAttribute("aria-describedby") ?? ""]));
  let made = 0;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const serial = ++made;
    if (!globalThis.crypto?.subtle) { // no Web Crypto outside https and localhost: say so, never fail silently
      present(widget, [el("p", { class: "mailcheck__headline" }, data.unavailable)], true);
      return;
    }
    const report = await makeProfile(data, fields.address.value, fields.name.value);
    if (serial !== made) return; // a newer submit answers
    const nodes = [el("p", { class: "mailcheck__headline" }, report.summary)];
    const items = report.findings.map((f, i) => el("li", {
      class: `mailcheck__finding mailcheck__finding--${f.severity}`, id: `mailcheck-profile-finding-${i}`,
    }, f.message));
    if (items.length) nodes.push(el("ul", { class: "mailcheck__findings" }, ...items));
    if (report.profile !== null) {
      const url = URL.createObjectURL(new Blob([report.profile], { type: MIME }));
      nodes.push(el("p", {}, el("a", { class: "md-button md-button--primary", href: url, download: report.filename, type: MIME },
        data.download.replace("{address}", () => report.shown))));
      nodes.push(el("p", { class: "mailcheck__hint" }, data.unsigned));
    }
    // Each field is marked by its own errors, and described by them next to its hint.
    let first = null;
    for (const [key, input] of Object.entries(fields)) {
      const ids = report.findings.flatMap((f, i) => (f.field === key && f.severity === "error" ? [`mailcheck-profile-finding-${i}`] : []));
      if (ids.length) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      const describedBy = [hints[key], ...ids].filter(Boolean).join(" ");
      if (describedBy) input.setAttribute("aria-describedby", describedBy);
      else input.removeAttribute("aria-describedby");
      first ??= ids.length ? input : null;
    }
    present(widget, nodes, true);
    first?.focus();
  });
  widget.dataset.state = "ready";
}

document.querySelectorAll("[data-maker=profile]").forEach(mount);
performance.mark("mailcheck:maker-ready"); // ready once this module ran: nothing else loads (bench/widget.py)
