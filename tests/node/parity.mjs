// Runs check requests through mailcheck inside Pyodide under Node, the way the
// browser worker does: the runtime from node_modules, the standard library and
// the wheels exactly as the site ships them (bytecode, content-hashed paths).
//
//   node tests/node/parity.mjs WIDGETS_DIR CHECKER REQUESTS_JSON
//
// WIDGETS_DIR is a published _widgets/ folder (manifest.json and what it names),
// CHECKER picks its wheel list, REQUESTS_JSON holds a list of request objects for
// mailcheck.web.run. Prints {"answers": [JSON strings], "sources": [...]} on
// stdout, where sources says where the standard library's json and mailcheck.web
// were imported from (to prove the bytecode, not a source, was used).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [widgetsDir, checker, requestsFile] = process.argv.slice(2);
const manifest = JSON.parse(await readFile(path.join(widgetsDir, "manifest.json"), "utf8"));
const requests = JSON.parse(await readFile(requestsFile, "utf8"));

// Python's prints (tracebacks included) go to stderr so stdout stays pure JSON.
const pyodide = await loadPyodide({
  packages: [],
  stdLibURL: path.resolve(widgetsDir, manifest.stdlib),
  stdout: (l) => console.error(l),
  stderr: (l) => console.error(l),
});
const wheels = manifest.checkers[checker].wheels.map((file) => path.resolve(widgetsDir, file));
await pyodide.loadPackage(wheels, { messageCallback: () => {} });
const run = pyodide.pyimport("mailcheck.web").run;
const answers = requests.map((request) => run(JSON.stringify(request)));
const sources = pyodide.runPython("import json, mailcheck.web; [json.__file__, mailcheck.web.__file__]").toJs();
process.stdout.write(JSON.stringify({ answers, sources }));
