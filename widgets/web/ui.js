// What both checkers share: strings, the status line, and safe DOM building.
// Reader input and checker output are only ever set as textContent, never as HTML.

/** Builds an element; `children` are nodes or strings (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** The widget's strings in the page language (a JSON block written at build time). */
export function strings(widget) {
  return JSON.parse(widget.querySelector(".mailcheck__strings").textContent);
}

/** A coloured label for a verdict ("accept", "reject", "error"). */
export function verdictBadge(verdict, text) {
  return el("span", { class: `mailcheck__verdict mailcheck__verdict--${verdict}` }, text[verdict] ?? verdict);
}

export function severityLabel(severity, text) {
  return el("span", { class: `mailcheck__severity mailcheck__severity--${severity}` },
    text[`severity.${severity}`] ?? severity);
}

/**
 * Wires a widget to the runtime: shows progress from the moment it starts, then
 * "Ready.", or why it failed with a Retry button. Returns `check(request, transfer)`,
 * which starts the runtime if needed (or a new one after a failure),
 * shows "Checking…" and resolves to the worker's answer, or to null when a newer
 * check of the same widget has begun meanwhile (typing fast).
 */
export function connect(widget, host) {
  const text = strings(widget);
  const progress = widget.querySelector("progress");
  const status = widget.querySelector(".mailcheck__status-text");
  const retry = widget.querySelector(".mailcheck__retry");
  let busy = false;
  let latest = 0;
  let current = null; // the runtime whose state is shown (a failed one is replaced)

  const show = (state) => {
    const failure = state.failure;
    progress.hidden = state.ready || Boolean(failure);
    progress.value = state.step;
    retry.hidden = !failure;
    // One sentence for the reader, by cause; the console has the details (loader.js).
    if (failure) status.textContent = text[`failed.${failure.cause}`] ?? text.failed;
    else if (busy) status.textContent = text.checking;
    else status.textContent = state.ready ? text.ready : text.loading;
    widget.dataset.state = failure ? "failed" : state.ready ? "ready" : "loading";
    if (failure) widget.dataset.failure = failure.cause;
    else delete widget.dataset.failure;
  };
  host.onStart((runtime) => {
    current = runtime;
    runtime.watch((state) => runtime === current && show(state));
  });
  retry.addEventListener("click", () => host.start());

  return async function check(request, transfer = []) {
    const id = ++latest;
    const runtime = host.start();
    busy = true;
    show(runtime.state);
    try {
      const answer = await runtime.check(request, transfer);
      return id === latest ? answer : null;
    } finally {
      if (id === latest) busy = false;
      show(runtime.state);
    }
  };
}

/** Fills the `{name}` placeholders of a translated string. */
export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A download link for content made on this page (a Blob URL: never uploaded). */
export function downloadLink(parts, type, name, label) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  return el("a", { class: "md-button", href: url, download: name }, label);
}
