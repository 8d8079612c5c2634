// Compiles Python archives (wheels, the standard-library zip) to bytecode with
// the runtime's own interpreter: Pyodide's CPython 3.14 under Node, running
// pyodide-build's py-compile. The host's CPython cannot do it: its .pyc files
// carry its own version's magic number, which Pyodide refuses.
//
//   node widgets/pycompile.mjs JOB_JSON
//
// JOB_JSON: {"tools": [wheel paths of pyodide-build and its pure-Python deps],
//            "archives": [{"input": path, "output": path, "level": zlib level, 0 = stored}]}
// Prints {"outputs": [written paths]} on stdout. Called by sitebuild/pycompile.py.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { loadPyodide } from "pyodide";

const job = JSON.parse(await readFile(process.argv[2], "utf8"));
const pyodide = await loadPyodide({ packages: [], stdout: (l) => console.error(l), stderr: (l) => console.error(l) });
await pyodide.loadPackage(job.tools, { messageCallback: () => {} });
// A fixed SOURCE_DATE_EPOCH makes py_compile write hash-based .pyc files, so the
// same sources give the same bytes (and the same content-hashed file names).
pyodide.runPython(`
import os
os.environ["SOURCE_DATE_EPOCH"] = "315532800"
from pathlib import Path
from pyodide_build._py_compile import _py_compile_archive
`);
const compileArchive = pyodide.globals.get("_py_compile_archive");
const Path = pyodide.globals.get("Path");
const outputs = [];
pyodide.FS.mkdirTree("/job");
for (const [index, archive] of job.archives.entries()) {
  const folder = `/job/${index}`;
  pyodide.FS.mkdirTree(folder);
  const inside = `${folder}/${path.basename(archive.input)}`;
  pyodide.FS.writeFile(inside, await readFile(archive.input));
  const written = compileArchive.callKwargs(Path(inside), { keep: false, verbose: false, compression_level: archive.level });
  if (!written) throw new Error(`py-compile left ${archive.input} as it was (no .py inside?)`);
  const output = path.join(archive.output, path.basename(written.toString()));
  await mkdir(archive.output, { recursive: true });
  await writeFile(output, pyodide.FS.readFile(written.toString()));
  outputs.push(output);
}
process.stdout.write(JSON.stringify({ outputs }));
