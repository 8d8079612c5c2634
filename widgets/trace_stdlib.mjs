// Lists the standard-library modules the checkers import, by running them in
// Pyodide under Node over a corpus of requests (sitebuild/stdlib_subset.py builds a
// trimmed standard library from the list; the full one stays as a fallback).
//
//   node widgets/trace_stdlib.mjs JOB_JSON
//
// JOB_JSON: {"stdlib": compiled python_stdlib.zip, "wheels": [every checker's wheels],
//            "checkers": [names], "languages": [codes], "requests": [mailcheck.web.run requests]}
// Prints {"entries": [zip entry names, e.g. "json/__init__.pyc"]} on stdout.
import { readFile } from "node:fs/promises";
import { loadPyodide } from "pyodide";

const job = JSON.parse(await readFile(process.argv[2], "utf8"));
const pyodide = await loadPyodide({ packages: [], stdLibURL: job.stdlib, stdout: (l) => console.error(l),
  stderr: (l) => console.error(l) });
await pyodide.loadPackage(job.wheels, { messageCallback: () => {} });
const web = pyodide.pyimport("mailcheck.web");
for (const checker of job.checkers) for (const lang of job.languages) web.warm_up(checker, lang);
for (const request of job.requests) web.run(JSON.stringify(request));
// Every codec, with what it imports: an encoded word or a file may name any of them
// (stdlib_subset.py keeps the whole encodings package; this brings their imports in).
pyodide.runPython(`
import importlib, pkgutil, encodings
for info in pkgutil.iter_modules(encodings.__path__):
    try:
        importlib.import_module("encodings." + info.name)
    except Exception:  # a codec for another platform (mbcs, oem) or a missing extension
        pass
`);
const entries = pyodide.runPython(`
import sys
ARCHIVE = "/lib/python314.zip/"
sorted({m.__spec__.origin[len(ARCHIVE):] for m in list(sys.modules.values())
        if getattr(m, "__spec__", None) and (m.__spec__.origin or "").startswith(ARCHIVE)})
`).toJs();
process.stdout.write(JSON.stringify({ entries }));
