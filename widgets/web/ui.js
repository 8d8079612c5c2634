// What both checkers share: strings, the status line, announcing results, when to
// check (submit, Enter, a pause in typing), and safe DOM building.
// Reader input and checker output are only ever set as textContent, never as HTML.

const PAUSE_MS = 800; // a pause in typing this long checks what was typed
const SLOW_MS = 400; // a check that takes longer says "Checking…" on the status line
const ROWS_MS = 1000; // the rows count of a long check changes on the (polite, live) status line at most this often

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

/** Sets a node's text only when it differs: a live region re-announces any write. */
function setText(node, value) {
  if (node.textContent !== value) node.textContent = value;
}

/**
 * Wires a widget to the runtime: shows progress from the moment it starts, then
 * "Ready.", or why it failed with a Retry button. Returns `check(request, transfer)`,
 * which starts the runtime if needed (or a new one after a failure) and resolves to
 * the worker's answer, or to null when a newer check of the same widget has begun
 * meanwhile (typing fast). While it runs the result region is aria-busy; the status
 * line says "Checking…" only if the check is slow, so a quick check leaves it (and
 * screen readers) alone. A slow check offers a Cancel button at once; one that counts
 * rows (a long CSV file) also shows "Checked 250 of 10,000 rows" on the bar and the
 * line, renewed at most once a second. `check.cancel()` stops the running check (false if none runs):
 * the worker is ended and a new one starts, as after a failure.
 */
export function connect(widget, host) {
  const text = strings(widget);
  const progress = widget.querySelector("progress");
  const status = widget.querySelector(".mailcheck__status-text");
  const retry = widget.querySelector(".mailcheck__retry");
  const cancel = widget.querySelector(".mailcheck__cancel");
  const result = widget.querySelector(".mailcheck__result");
  let slow = false;
  let slowTimer = 0;
  let latest = 0;
  let running = null; // the runtime doing this widget's latest check, until it answers
  let rows = null; // { done, total } the worker last reported for that check
  let rowsShown = 0; // when the status line last said them
  let current = null; // the runtime whose state is shown (a failed or cancelled one is replaced)

  const show = (state) => {
    const failure = state.failure;
    const counting = slow && rows && !failure;
    progress.hidden = !counting && (state.ready || Boolean(failure));
    progress.max = counting ? rows.total : 3;
    progress.value = counting ? rows.done : state.step;
    retry.hidden = !failure;
    cancel.hidden = !(slow && running && !failure); // from the moment a check is slow, not from its first count
    // One sentence for the reader, by cause; the console has the details (loader.js).
    if (failure) setText(status, text[`failed.${failure.cause}`] ?? text.failed);
    else if (counting) setText(status, plural(text, "rows_done", rows.total, { done: rows.done }));
    else if (slow) setText(status, text.checking);
    else setText(status, state.ready ? text.ready : text.loading);
    widget.dataset.state = failure ? "failed" : state.ready ? "ready" : "loading";
    if (failure) widget.dataset.failure = failure.cause;
    else delete widget.dataset.failure;
  };
  host.onStart((runtime) => {
    current = runtime;
    runtime.watch((state) => runtime === current && show(state));
  });
  retry.addEventListener("click", () => host.start());

  const settle = () => {
    clearTimeout(slowTimer);
    slow = false;
    running = rows = null;
    result.setAttribute("aria-busy", "false");
  };
  const counted = (id) => (done, total) => {
    if (id !== latest) return;
    rows = { done, total };
    const now = performance.now();
    if (!slow || now - rowsShown < ROWS_MS) return;
    rowsShown = now;
    show(current.state);
  };

  async function check(request, transfer = []) {
    const id = ++latest;
    const runtime = host.start();
    running = runtime;
    rows = null;
    rowsShown = 0;
    result.setAttribute("aria-busy", "true");
    clearTimeout(slowTimer);
    slowTimer = setTimeout(() => {
      slow = true;
      rowsShown = performance.now();
      show(current.state);
    }, SLOW_MS);
    try {
      const answer = await runtime.check(request, transfer, counted(id));
      return id === latest ? answer : null;
    } finally {
      if (id === latest) settle();
      show(current.state);
    }
  }
  check.cancel = () => {
    if (!running) return false;
    latest++; // the stopped check answers nothing
    running.cancel();
    settle();
    host.start(); // a fresh worker: the status line says loading, then ready
    return true;
  };
  cancel.addEventListener("click", () => {
    if (!check.cancel()) return;
    present(widget, [el("p", { class: "mailcheck__headline" }, text.cancelled)], true);
    // The button hides with the check: focus goes to the form's first field, not to the page.
    widget.querySelector("form input, form textarea")?.focus();
  });
  return check;
}

/**
 * Fills the `{name}` placeholders of a translated string. With the widget's strings
 * (`text`), numbers are written as the page's language writes them (10 000, 10.000).
 */
export function format(template, values, text = null) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in values)) return whole;
    const value = values[name];
    return text && typeof value === "number" ? number(value, text) : String(value);
  });
}

/**
 * `n` with the digit group and decimal signs of the page's language (`text._number`,
 * written at build time from mailcheck.i18n, which Babel's CLDR data checks).
 */
export function number(n, text) {
  const [group, decimal] = text._number ?? [",", "."];
  const [whole, fraction] = String(n).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return fraction ? grouped + decimal + fraction : grouped;
}

/**
 * The string `key` for the count `n`: the language's form for `n` (its plural rule is
 * `text._singular`, the counts that take the first form), `{n}` and the other
 * placeholders filled, numbers written for the language.
 */
export function plural(text, key, n, values = {}) {
  const forms = text[key];
  const form = Array.isArray(forms) ? forms[(text._singular ?? [1]).includes(n) ? 0 : forms.length - 1] : forms;
  return format(form, { ...values, n }, text);
}

/** A download link for content made on this page (a Blob URL: never uploaded). */
export function downloadLink(parts, type, name, label) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  return el("a", { class: "md-button", href: url, download: name }, label);
}

const spoken = new WeakMap(); // widget -> the last result it announced

/**
 * Shows a result and announces it once: always after a check the reader asked for
 * (`submitted`: the button, Enter, a file), after a pause in typing only when it
 * differs from what was said last. What is said: the headlines of the result
 * (verdict and summary), else its whole text. Focus stays where the reader is.
 */
export function present(widget, nodes, submitted) {
  const result = widget.querySelector(".mailcheck__result");
  // Downloads made for the previous result (corrected copy, parts, profile) are out of date.
  result.querySelectorAll("a[href^='blob:']").forEach((link) => URL.revokeObjectURL(link.href));
  result.replaceChildren(...nodes);
  const headlines = nodes.flatMap((node) => [
    ...(node.matches(".mailcheck__headline") ? [node] : node.querySelectorAll(".mailcheck__headline")),
  ]);
  const message = (headlines.length ? headlines : nodes).map((node) => node.textContent.trim()).join(". ");
  if (!submitted && spoken.get(widget) === message) return;
  spoken.set(widget, message);
  const announcer = widget.querySelector(".mailcheck__announce");
  // Emptied first, so that the same words said again are announced again.
  announcer.textContent = "";
  setTimeout(() => { announcer.textContent = message; }, 50);
}

/** Enter in `textarea` submits its form (one check); Shift+Enter adds a line. */
function submitOnEnter(textarea) {
  textarea.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    textarea.form.requestSubmit();
  });
}

/** Calls `run()` once the reader stops typing in `input` for a moment, not on every key. */
function onPause(input, run) {
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, PAUSE_MS);
  });
  input.form?.addEventListener("submit", () => clearTimeout(timer));
}

/**
 * Mounts a checker of pasted text (`checker` in mailcheck.web): it checks on submit and
 * after a pause in typing; `enterChecks` makes Enter check (Shift+Enter adds a line)
 * where one value per line is the norm, not where a pasted list spans lines.
 */
export function mountTextChecker(widget, host, checker, render, { enterChecks = false } = {}) {
  const text = strings(widget);
  const input = widget.querySelector("textarea");
  const check = connect(widget, host);

  const run = async (submitted) => {
    const value = input.value;
    if (!value.trim()) {
      if (submitted) present(widget, [el("p", {}, text.empty)], true);
      else widget.querySelector(".mailcheck__result").replaceChildren();
      return;
    }
    const answer = await check({ checker, lang: widget.dataset.lang, text: value }).catch(() => null);
    if (answer) present(widget, render(answer, text), submitted);
  };
  input.form.addEventListener("submit", (event) => { event.preventDefault(); run(true); });
  if (enterChecks) submitOnEnter(input);
  onPause(input, () => run(false));
  input.addEventListener("focus", () => host.start(), { once: true });
}
