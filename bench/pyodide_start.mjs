// loadPyodide() in Node, stock (npm's standard library, sources) against the site's
// bytecode standard library (trimmed), alternating, ROUNDS times each; prints JSON
// {"stock": [ms...], "bytecode": [ms...]}. Called by bench/widget.py.
//
//   node bench/pyodide_start.mjs WIDGETS_DIR [ROUNDS]
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [widgetsDir, rounds = "5"] = process.argv.slice(2);
const manifest = JSON.parse(await readFile(path.join(widgetsDir, "manifest.json"), "utf8"));
const times = { stock: [], bytecode: [] };
for (let round = 0; round < Number(rounds); round++) {
  for (const kind of ["stock", "bytecode"]) {
    const options = kind === "stock" ? {} : { stdLibURL: path.resolve(widgetsDir, manifest.stdlib) };
    const started = performance.now();
    await loadPyodide({ packages: [], ...options });
    times[kind].push(performance.now() - started);
  }
}
process.stdout.write(JSON.stringify(times));
