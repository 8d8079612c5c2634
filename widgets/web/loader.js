// Included once by every page that shows a checker (<script type="module">).
// Pages without a checker never load this file, so they fetch nothing of Pyodide.
// The runtime starts when a checker scrolls into view, when the page is idle, or
// when the reader uses a checker, whichever comes first; one worker serves all
// checkers of the page.
const root = new URL("./", import.meta.url);
const widgets = [...document.querySelectorAll("[data-mailcheck]")];

/** Talks to the worker: one "init", then numbered check requests. */
class Runtime {
  constructor(checkers, lang) {
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.state = { step: 0, ready: false, failed: false };
    performance.mark("mailcheck:start");
    this.worker = new Worker(new URL("worker.js", root), { type: "module" });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => this.receive({ type: "failed", error: event.message });
    this.worker.postMessage({ type: "init", checkers, lang });
  }

  receive(data) {
    if (data.type === "result") {
      const { resolve, reject } = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (data.error) reject(new Error(data.error));
      else resolve(data.answer);
      return;
    }
    if (data.type === "progress") this.state.step = data.step;
    if (data.type === "ready") {
      Object.assign(this.state, { step: 3, ready: true });
      performance.mark("mailcheck:ready"); // for benchmarks and real-user timing
    }
    if (data.type === "failed") {
      this.state.failed = true;
      console.error("mailcheck: the checker runtime did not start:", data.error);
      for (const { reject } of this.pending.values()) reject(new Error(data.error));
      this.pending.clear();
    }
    for (const listener of this.listeners) listener(this.state);
  }

  /** Calls `listener(state)` now and on every change. */
  watch(listener) {
    this.listeners.add(listener);
    listener(this.state);
  }

  check(request, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "check", id, request }, transfer);
    });
  }
}

/** What a checker module gets: start the runtime, or hear when it starts. */
const host = {
  runtime: null,
  subscribers: [],
  start() {
    if (!this.runtime) {
      const checkers = [...new Set(widgets.map((w) => w.dataset.mailcheck))];
      this.runtime = new Runtime(checkers, widgets[0].dataset.lang);
      this.subscribers.forEach((subscriber) => subscriber(this.runtime));
    }
    return this.runtime;
  },
  onStart(subscriber) {
    if (this.runtime) subscriber(this.runtime);
    else this.subscribers.push(subscriber);
  },
};
const startRuntime = () => host.start();

function scheduleStart() {
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      startRuntime();
    }
  });
  widgets.forEach((widget) => observer.observe(widget));
  if ("requestIdleCallback" in window) requestIdleCallback(startRuntime, { timeout: 5000 });
}

if (widgets.length && "WebAssembly" in window && "Worker" in window) {
  scheduleStart();
  for (const widget of widgets) {
    import(new URL(`${widget.dataset.mailcheck}.js`, root))
      .then((module) => module.mount(widget, host))
      .catch((error) => console.error("mailcheck: cannot mount the checker:", error));
  }
} else {
  for (const widget of widgets) {
    const strings = JSON.parse(widget.querySelector(".mailcheck__strings").textContent);
    widget.querySelector(".mailcheck__status-text").textContent = strings.failed;
  }
}
