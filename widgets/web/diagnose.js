// Why the checker runtime could not start, as { cause, detail }: shared by the
// loader (the worker script itself) and the worker (Pyodide, the standard
// library, the wheels). `cause` picks the reader's sentence (ui strings
// "failed.<cause>"), `detail` goes to the console for the site's administrator.

// What browsers accept for a module script (the HTML standard's JavaScript MIME types, the common ones).
const SCRIPT_TYPES = new Set(["text/javascript", "application/javascript", "application/x-javascript",
  "text/ecmascript", "application/ecmascript"]);

/** The first of `urls` the server does not deliver as it must, or null when all are fine. */
export async function diagnose(urls) {
  for (const url of urls) {
    let response;
    try {
      response = await fetch(url, { method: "HEAD", cache: "no-store" });
    } catch (error) {
      return { cause: "fetch", detail: `${url} could not be fetched (${error.message})` };
    }
    if (!response.ok) return { cause: "fetch", detail: `${url} answered HTTP ${response.status}` };
    const type = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (/\.m?js$/.test(new URL(url).pathname) && !SCRIPT_TYPES.has(type)) {
      return { cause: "mime", detail: `${url} is served as "${type || "no type"}", so the browser refuses it as a module script` };
    }
  }
  return null;
}

/** Why WebAssembly cannot run here (absent, or blocked by the page's CSP), or null. */
export function wasmProblem() {
  if (typeof WebAssembly !== "object") return { cause: "no-wasm", detail: "this browser has no WebAssembly" };
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); // the empty module
    return null;
  } catch (error) {
    return { cause: "csp", detail: `WebAssembly is blocked here: ${error.message}` };
  }
}
