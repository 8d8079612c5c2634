// Runs Python (Pyodide) off the main thread so the page never freezes.
// Everything is fetched from this site, at the content-hashed paths of the
// manifest the loader sends: the runtime, the standard library as bytecode, the
// wheels. Nothing is loaded by package name, so Pyodide never turns to its CDN,
// and once "ready" is posted no request leaves the worker. Any failure is
// reported with its cause ({ cause, detail }, see diagnose.js); after a crash
// the worker closes itself and the loader starts a new one on the next check.
import { diagnose, wasmProblem } from "./diagnose.js";

const here = new URL("./", import.meta.url);
let starting = null; // Promise of mailcheck.web.run, set by the first "init"

const post = (message) => self.postMessage(message);

/** Holds the Web Lock `name` as long as this worker lives: the page learns of its death when it is freed. */
function holdLock(name) {
  if (!name || !navigator.locks) return Promise.resolve();
  return new Promise((held) => navigator.locks.request(name, () => {
    held();
    return new Promise(() => {});
  }));
}

async function start({ checkers, lang, manifest, lock }) {
  await holdLock(lock);
  post({ type: "progress", step: 1 });
  const problem = wasmProblem();
  if (problem) throw problem;
  const runtime = new URL(manifest.pyodide, here);
  const stdlib = new URL(manifest.stdlib, here);
  const wheels = [...new Set(checkers.flatMap((name) => manifest.checkers[name]?.wheels ?? []))]
    .map((file) => new URL(file, here).href);
  // Ask for the standard library and the wheels at once, beside the runtime, instead of
  // after it as Pyodide gets to them: on a slow connection the chain of round
  // trips, not the bytes alone, decided. Pyodide's own requests for the same
  // URLs then wait for these in the browser's HTTP cache.
  for (const url of [stdlib, ...wheels]) {
    fetch(url).then((response) => response.arrayBuffer()).catch(() => {});
  }
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtime));
    const pyodide = await loadPyodide({
      indexURL: runtime.href,
      stdLibURL: stdlib.href,
      packages: [],
      stdout: (line) => console.log(line),
      stderr: (line) => console.warn(line),
    });
    useFullStandardLibraryIfNeeded(pyodide, new URL(manifest.stdlib_full, here).href);
    post({ type: "progress", step: 2 });
    await pyodide.loadPackage(wheels, { messageCallback: () => {}, errorCallback: (line) => console.warn(line) });
    const web = pyodide.pyimport("mailcheck.web");
    // Imports, catalogs and dictionaries are loaded before "ready", so that the
    // first check is as quick as the next ones.
    for (const checker of checkers) web.warm_up(checker, lang);
    // After "ready" no request leaves the worker, not even for a module the trace missed.
    pyodide.pyimport("_stdlib_fallback").seal();
    post({ type: "ready" });
    return web.run;
  } catch (error) {
    const files = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"]
      .map((name) => new URL(name, runtime).href);
    throw (await diagnose([...files, stdlib.href, ...wheels])) ?? { cause: "crashed", detail: String(error) };
  }
}

/**
 * The worker starts with a standard library trimmed to what the checkers import
 * (traced at build time); an import the trace missed fetches the full one, once,
 * synchronously (a worker may), and the console says which module needed it.
 */
function useFullStandardLibraryIfNeeded(pyodide, url) {
  const path = "/lib/python_stdlib_full.zip";
  pyodide.pyimport("_stdlib_fallback").install((module) => {
    console.warn(`mailcheck: "${module}" is not in the trimmed standard library; loading ${url}`);
    const request = new XMLHttpRequest();
    request.open("GET", url, false);
    request.responseType = "arraybuffer";
    request.send();
    if (request.status !== 200) throw new Error(`${url} answered HTTP ${request.status}`);
    pyodide.FS.writeFile(path, new Uint8Array(request.response));
    return path;
  });
}

// Base64 keeps mailcheck.web.run a plain "JSON string in, JSON string out".
function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    starting ??= start(data);
    starting.catch((failure) => post({ type: "failed", failure }));
    return;
  }
  if (data.type !== "check") return;
  let run;
  try {
    run = await starting;
  } catch {
    return; // the start failure is reported once, above
  }
  try {
    const { bytes, ...request } = data.request;
    if (bytes) request.data = toBase64(bytes);
    const started = performance.now();
    // A long CSV file reports how many rows are done; the page may end this worker meanwhile (cancel).
    const progress = (done, total) => post({ type: "progress", id: data.id, done, total });
    const answer = JSON.parse(run(JSON.stringify(request), progress));
    post({ type: "result", id: data.id, answer, ms: performance.now() - started });
  } catch (error) {
    // mailcheck.web.run never raises: an error here is the runtime itself
    // (out of memory, a fatal Pyodide error). It cannot be trusted again.
    post({ type: "failed", failure: { cause: "crashed", detail: String(error) } });
    self.close();
  }
};
