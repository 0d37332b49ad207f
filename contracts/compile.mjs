// Compile every src/**/*.sol with solc-js (standard JSON) and write out/<Name>.json
// ({contractName, abi, bytecode, deployedBytecode}) for every deployable contract, plus
// out/errors.json: every custom error of every contract with its 4-byte selector, so a UI
// can decode reverts. Deterministic: sorted inputs, no timestamps, metadata hash disabled.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import sha3 from 'js-sha3';

const root = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.join(root, 'src');
const outDir = path.join(root, 'out');

function listSol(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listSol(p));
    else if (e.name.endsWith('.sol')) out.push(p);
  }
  return out;
}

const files = listSol(srcDir).sort();
const sources = {};
for (const f of files) {
  const key = path.relative(srcDir, f).split(path.sep).join('/');
  sources[key] = { content: fs.readFileSync(f, 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    viaIR: false,
    metadata: { bytecodeHash: 'none', appendCBOR: false },
    outputSelection: { '*': { '*': ['abi', 'userdoc', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};

// resolve imports relative to src/ (all imports in this project are relative paths)
function findImports(p) {
  const f = path.join(srcDir, p);
  if (fs.existsSync(f)) return { contents: fs.readFileSync(f, 'utf8') };
  return { error: `File not found: ${p}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const diags = output.errors || [];
const errors = diags.filter((d) => d.severity === 'error');
for (const w of diags.filter((d) => d.severity !== 'error')) console.warn(w.formattedMessage.trim());
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage.trim());
  console.error(`\ncompile failed: ${errors.length} error(s)`);
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
for (const f of fs.readdirSync(outDir)) if (f.endsWith('.json')) fs.unlinkSync(path.join(outDir, f));

const canonicalType = (p) => {
  if (!p.type.startsWith('tuple')) return p.type;
  return `(${p.components.map(canonicalType).join(',')})${p.type.slice(5)}`;
};

const written = [];
const errorIndex = new Map();
for (const file of Object.keys(output.contracts).sort()) {
  for (const name of Object.keys(output.contracts[file]).sort()) {
    const c = output.contracts[file][name];
    for (const item of c.abi.filter((i) => i.type === 'error')) {
      const sig = `${item.name}(${item.inputs.map(canonicalType).join(',')})`;
      const selector = '0x' + sha3.keccak256(sig).slice(0, 8);
      const prev = errorIndex.get(selector);
      if (prev && prev.signature !== sig) {
        console.error(`selector clash ${selector}: ${prev.signature} vs ${sig}`);
        process.exit(1);
      }
      const notice = c.userdoc?.errors?.[sig]?.[0]?.notice;
      if (!prev) errorIndex.set(selector, { selector, signature: sig, notice: notice || '', abi: item, contracts: [name] });
      else if (!prev.notice && notice) prev.notice = notice;
      else if (!prev.contracts.includes(name)) prev.contracts.push(name);
    }
    const bytecode = c.evm.bytecode.object;
    if (!bytecode) continue; // interfaces / abstract contracts
    const isLibrary = new RegExp(`(^|\\n)\\s*library\\s+${name}\\b`).test(sources[file].content);
    if (isLibrary) continue; // internal-only libraries are inlined, nothing to deploy
    if (written.includes(name)) {
      console.error(`duplicate contract name ${name}`);
      process.exit(1);
    }
    const artifact = {
      contractName: name,
      sourceName: file,
      abi: c.abi,
      bytecode: '0x' + bytecode,
      deployedBytecode: '0x' + c.evm.deployedBytecode.object,
    };
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(artifact, null, 2) + '\n');
    written.push(name);
  }
}
const errorsOut = [...errorIndex.values()].sort((a, b) => a.signature.localeCompare(b.signature));
for (const e of errorsOut) e.contracts = e.contracts.filter((n) => written.includes(n)).sort();
const errorsJson = JSON.stringify(errorsOut, null, 2) + '\n';
fs.writeFileSync(path.join(outDir, 'errors.json'), errorsJson);
// A tracked copy beside the sources: the C# side embeds it to turn revert data into plain words, and must
// build without node (e.g. in Docker). A test checks it matches what the compiler produces.
const trackedErrors = path.join(root, 'errors.json');
if (!fs.existsSync(trackedErrors) || fs.readFileSync(trackedErrors, 'utf8') !== errorsJson) fs.writeFileSync(trackedErrors, errorsJson);

// ERRORS.md: the table between the markers is generated from the NatSpec @notice of each error.
const mdPath = path.join(root, 'ERRORS.md');
const BEGIN = '<!-- BEGIN GENERATED ERROR TABLE (node compile.mjs) -->';
const END = '<!-- END GENERATED ERROR TABLE -->';
const missing = errorsOut.filter((e) => !e.notice).map((e) => e.signature);
if (missing.length) {
  console.error(`errors without a /// @notice explanation: ${missing.join(', ')}`);
  process.exit(1);
}
const table = [
  '| selector | error | raised by | meaning |',
  '|---|---|---|---|',
  ...errorsOut.map((e) => `| \`${e.selector}\` | \`${e.signature}\` | ${e.contracts.join(', ')} | ${e.notice.replace(/\|/g, '\\|')} |`),
].join('\n');
if (fs.existsSync(mdPath)) {
  const md = fs.readFileSync(mdPath, 'utf8');
  const a = md.indexOf(BEGIN);
  const b = md.indexOf(END);
  if (a >= 0 && b > a) {
    const next = md.slice(0, a + BEGIN.length) + '\n' + table + '\n' + md.slice(b);
    if (next !== md) fs.writeFileSync(mdPath, next);
  }
}
console.log(`solc ${solc.version()}: wrote ${written.length} artifacts to out/: ${written.join(', ')}; ${errorsOut.length} custom errors in out/errors.json`);
