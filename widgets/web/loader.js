// Included once by every page that shows a checker (<script type="module">).
// Pages without a checker never load this file, so they fetch nothing of Pyodide.
// The runtime starts when a checker scrolls into view, when the page is idle, or
// when the reader uses a checker, whichever comes first; one worker serves all
// checkers of the page, and a worker that failed or was cancelled is replaced on
// the next start.
// Only a failure needs diagnose.js: importing it up front would cost a round trip before anything runs.
const diagnose = async (urls) => (await import("./diagnose.js")).diagnose(urls);

// Content-hashed paths of the worker, checker modules, runtime and wheels,
// written in by sitebuild/widget_assets.py when the site is built.
const manifest = __MANIFEST__;
const root = new URL("./", import.meta.url);
const widgets = [...document.querySelectorAll("[data-mailcheck]")];

// What the site's administrator can do about each cause (console only).
const FIXES = {
  fetch: "Upload the whole built site, _widgets/ included, and let the server read it.",
  mime: "Serve .mjs and .js files as text/javascript (nginx: `types { text/javascript js mjs; }`, as in the project's hosting/nginx.conf).",
  csp: "Allow WebAssembly: add 'wasm-unsafe-eval' to script-src of the Content-Security-Policy (the build writes the exact policy to _headers and csp.conf).",
  "no-wasm": "This browser has no WebAssembly, or it is turned off.",
  crashed: "The worker stopped (out of memory, or killed); a new one starts on the next check.",
};

/**
 * Talks to one worker: one "init", then numbered check requests. A check reports
 * its progress ({type: "progress", id, done, total}) to the callback it was given.
 */
class Runtime {
  constructor(checkers, lang) {
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.state = { step: 0, ready: false, failure: null, ended: false };
    this.lock = `mailcheck-worker-${Math.random().toString(36).slice(2)}`;
    performance.mark("mailcheck:start");
    const workerURL = new URL(manifest.worker, root);
    this.worker = new Worker(workerURL, { type: "module" });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = async (event) => {
      event.preventDefault?.();
      // Before "alive", the worker script itself did not load: find out why.
      const found = this.alive ? null : await diagnose([workerURL.href]);
      this.fail(found ?? { cause: "crashed", detail: event.message || "the worker stopped with an error" });
    };
    this.worker.postMessage({ type: "init", checkers, lang, manifest, lock: this.lock });
  }

  receive(data) {
    if (data.type === "progress" && "id" in data) {
      this.pending.get(data.id)?.onProgress(data.done, data.total);
      return;
    }
    if (data.type === "result") {
      const { resolve } = this.pending.get(data.id);
      this.pending.delete(data.id);
      resolve(data.answer);
      return;
    }
    if (data.type === "progress" && data.step === 1) this.watchLife();
    if (data.type === "progress") this.state.step = data.step;
    if (data.type === "ready") {
      Object.assign(this.state, { step: 3, ready: true });
      performance.mark("mailcheck:ready"); // for benchmarks and real-user timing
    }
    if (data.type === "failed") return this.fail(data.failure);
    this.notify();
  }

  /** The worker holds a Web Lock while it lives: asking for it succeeds only once the worker is gone. */
  watchLife() {
    this.alive = true;
    navigator.locks?.request(this.lock, () => this.fail({ cause: "crashed", detail: "the worker stopped" }));
  }

  /**
   * Ends the worker for good and rejects the checks it still owes; `host.start()` then
   * makes a new one. False if it had already ended (its freed Web Lock then says nothing).
   */
  end(reason) {
    if (this.state.ended) return false;
    this.state.ended = true;
    this.worker.terminate();
    for (const { reject } of this.pending.values()) reject(reason);
    this.pending.clear();
    return true;
  }

  fail(failure) {
    if (!this.end(new Error(failure.detail))) return;
    this.state.failure = failure;
    console.error(`mailcheck: the checker runtime failed (${failure.cause}): ${failure.detail}\n` +
      `Fix: ${FIXES[failure.cause] ?? FIXES.crashed}`);
    this.notify();
  }

  /** Stops a running check: Python cannot be interrupted inside a call, so the worker goes. */
  cancel() {
    this.end(new Error("cancelled"));
  }

  notify() {
    for (const listener of this.listeners) listener(this.state);
  }

  /** Calls `listener(state)` now and on every change. */
  watch(listener) {
    this.listeners.add(listener);
    listener(this.state);
  }

  check(request, transfer = [], onProgress = () => {}) {
    if (this.state.ended) return Promise.reject(new Error(this.state.failure?.detail ?? "cancelled"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ type: "check", id, request }, transfer);
    });
  }
}

/** What a checker module gets: start the runtime (again, after a failure or a cancel), or hear when it starts. */
const host = {
  runtime: null,
  subscribers: [],
  start() {
    if (!this.runtime || this.runtime.state.ended) {
      const checkers = [...new Set(widgets.map((w) => w.dataset.mailcheck))];
      this.runtime = new Runtime(checkers, widgets[0].dataset.lang);
      this.subscribers.forEach((subscriber) => subscriber(this.runtime));
    }
    return this.runtime;
  },
  onStart(subscriber) {
    this.subscribers.push(subscriber);
    if (this.runtime) subscriber(this.runtime);
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

/** Without a worker to report it, the loader shows the failure on the widget itself. */
function showFailure(widget, failure) {
  const strings = JSON.parse(widget.querySelector(".mailcheck__strings").textContent);
  widget.querySelector(".mailcheck__status-text").textContent = strings[`failed.${failure.cause}`] ?? strings.failed;
  Object.assign(widget.dataset, { state: "failed", failure: failure.cause });
  console.error(`mailcheck: ${failure.detail}\nFix: ${FIXES[failure.cause] ?? FIXES.crashed}`);
}

if (!("WebAssembly" in window && "Worker" in window)) {
  const problem = { cause: "no-wasm", detail: "this browser has no WebAssembly or no Worker" };
  widgets.forEach((widget) => showFailure(widget, problem));
} else if (widgets.length) {
  // Whether a CSP blocks WebAssembly is for the worker to find out: a worker's
  // policy comes with its own script and may differ from the page's.
  scheduleStart();
  for (const widget of widgets) {
    const url = new URL(manifest.checkers[widget.dataset.mailcheck].module, root);
    import(url)
      .then((module) => {
        module.mount(widget, host);
        widget.dataset.mounted = "";
        // A tap (or a chosen file) kept by the widget's inline script before this moment is answered now.
        if ("early" in widget.dataset) {
          delete widget.dataset.early;
          widget.querySelector("form").requestSubmit();
        }
      })
      .catch(async (error) => showFailure(widget, (await diagnose([url.href])) ?? { cause: "crashed", detail: String(error) }));
  }
}
