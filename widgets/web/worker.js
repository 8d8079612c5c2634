// Runs Python (Pyodide) off the main thread so the page never freezes.
// Everything is fetched from this site: the runtime under pyodide/, the wheels
// listed in wheels.json. Nothing is loaded by package name, so Pyodide never
// turns to its CDN, and once "ready" is posted no request leaves the worker.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const here = new URL("./", import.meta.url);
let starting = null; // Promise of mailcheck.web.run, set by the first "init"

const post = (message) => self.postMessage(message);

async function start(checkers, lang) {
  post({ type: "progress", step: 1 });
  // The wheel list is tiny: fetch it while the runtime downloads and compiles.
  const manifest = fetch(new URL("wheels.json", here)).then((r) => r.json());
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", here).href,
    packages: [],
    stdout: (line) => console.log(line),
    stderr: (line) => console.warn(line),
  });
  post({ type: "progress", step: 2 });
  const wheels = await manifest;
  const files = new Set(checkers.flatMap((name) => wheels[name] ?? []));
  const urls = [...files].map((file) => new URL(file, here).href);
  await pyodide.loadPackage(urls, { messageCallback: () => {} });
  const web = pyodide.pyimport("mailcheck.web");
  // Imports, catalogs and dictionaries are loaded before "ready", so that the
  // first check is as quick as the next ones.
  for (const checker of checkers) web.warm_up(checker, lang);
  post({ type: "ready" });
  return web.run;
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
    starting ??= start(data.checkers, data.lang);
    starting.catch((error) => post({ type: "failed", error: String(error) }));
    return;
  }
  if (data.type !== "check") return;
  try {
    const run = await starting;
    const { bytes, ...request } = data.request;
    if (bytes) request.data = toBase64(bytes);
    const started = performance.now();
    const answer = JSON.parse(run(JSON.stringify(request)));
    post({ type: "result", id: data.id, answer, ms: performance.now() - started });
  } catch (error) {
    post({ type: "result", id: data.id, error: String(error) });
  }
};
