// Runs check requests through mailcheck inside Pyodide under Node, the way the
// browser worker does: the runtime from node_modules, the standard library and
// the wheels exactly as the site ships them (bytecode, content-hashed paths).
//
//   node tests/node/parity.mjs WIDGETS_DIR CHECKER REQUESTS_JSON [MODULE,...]
//
// WIDGETS_DIR is a published _widgets/ folder (manifest.json and what it names),
// CHECKER picks its wheel list, REQUESTS_JSON holds a list of request objects for
// mailcheck.web.run; the MODULEs are imported after the checks ("!seal" among them seals the
// fallback, as the worker does before "ready", for the modules after it). Prints
// {"answers": [JSON strings], "sources": {module: file it came from, or the error},
// "fallbacks": [modules that made the worker load the full standard library]}.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [widgetsDir, checker, requestsFile, modules = ""] = process.argv.slice(2);
const manifest = JSON.parse(await readFile(path.join(widgetsDir, "manifest.json"), "utf8"));
const requests = JSON.parse(await readFile(requestsFile, "utf8"));

// Python's prints (tracebacks included) go to stderr so stdout stays pure JSON.
const pyodide = await loadPyodide({
  packages: [],
  stdLibURL: path.resolve(widgetsDir, manifest.stdlib),
  stdout: (l) => console.error(l),
  stderr: (l) => console.error(l),
});
// The worker's fallback to the full standard library, reading the file instead of fetching it.
const fallbacks = [];
pyodide.pyimport("_stdlib_fallback").install((module) => {
  fallbacks.push(module);
  pyodide.FS.writeFile("/lib/python_stdlib_full.zip", readFileSync(path.resolve(widgetsDir, manifest.stdlib_full)));
  return "/lib/python_stdlib_full.zip";
});
const wheels = manifest.checkers[checker].wheels.map((file) => path.resolve(widgetsDir, file));
await pyodide.loadPackage(wheels, { messageCallback: () => {} });
const run = pyodide.pyimport("mailcheck.web").run;
const answers = requests.map((request) => run(JSON.stringify(request)));
const probe = pyodide.runPython(`
def probe(names):
    import importlib, json
    found = {}
    for name in names:
        try:
            found[name] = importlib.import_module(name).__file__
        except ImportError as error:
            found[name] = f"{type(error).__name__}: {error}"
    return json.dumps(found)
probe`);
const sources = {};
for (const name of ["json", "mailcheck.web", ...modules.split(",").filter(Boolean)]) {
  if (name === "!seal") pyodide.pyimport("_stdlib_fallback").seal();
  else Object.assign(sources, JSON.parse(probe([name])));
}
process.stdout.write(JSON.stringify({ answers, sources, fallbacks }));
