// Runs check requests through mailcheck inside Pyodide under Node, the way the
// browser worker does: the runtime from node_modules, the wheels the site ships.
//
//   node tests/node/parity.mjs WIDGETS_DIR CHECKER REQUESTS_JSON
//
// WIDGETS_DIR is a published _widgets/ folder (wheels.json + wheels/), CHECKER
// picks its wheel list, REQUESTS_JSON holds a list of request objects for
// mailcheck.web.run. Prints the list of answers (JSON strings) on stdout.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [widgetsDir, checker, requestsFile] = process.argv.slice(2);
const manifest = JSON.parse(await readFile(path.join(widgetsDir, "wheels.json"), "utf8"));
const requests = JSON.parse(await readFile(requestsFile, "utf8"));

// Python's prints (tracebacks included) go to stderr so stdout stays pure JSON.
const pyodide = await loadPyodide({ packages: [], stdout: (l) => console.error(l), stderr: (l) => console.error(l) });
await pyodide.loadPackage(manifest[checker].map((file) => path.resolve(widgetsDir, file)), { messageCallback: () => {} });
const run = pyodide.pyimport("mailcheck.web").run;
const answers = requests.map((request) => run(JSON.stringify(request)));
process.stdout.write(JSON.stringify(answers));
