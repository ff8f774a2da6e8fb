/**
 * The structure check of src/ and workers/ (run by `npm test` through test/structure, and by
 * `npm run check:structure`): no import cycle, no import against the flow, no file over 300
 * lines, no function over 60 lines, no branch on a variant's name outside its registry
 * (variantBranches.ts). Imports are read with the TypeScript parser, type-only imports included:
 * a cycle of types is still a cycle of concepts.
 *
 * The flow (docs/architecture.md): {cli, api} -> pipeline -> {config, decide, data, proxy,
 * transfer, search, store, report, queue}; config -> decide (the methods' registry) -> {search,
 * transfer, report, proxy}: the decision is pure and knows nothing of the pipeline, the store
 * or the study's config; queue (the Redis run queue) -> {config, data, proxy}. The files
 * directly in src/ (errors.ts, random.ts, version.ts) are leaves anyone may import; they import
 * only each other.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { variantBranches, variantRegistries, type VariantRegistry } from './variantBranches.js';

/** What each area may import besides itself and the leaves. Anything else runs against the flow. */
export const allowedImports: Readonly<Record<string, readonly string[]>> = Object.freeze({
  cli: ['pipeline', 'config', 'report'],
  api: ['pipeline', 'config', 'report'],
  workers: ['pipeline', 'proxy', 'data'],
  pipeline: ['config', 'decide', 'data', 'proxy', 'transfer', 'search', 'store', 'report', 'queue'],
  decide: ['search', 'transfer', 'report', 'proxy'],
  queue: ['config', 'data', 'proxy'],
  config: ['decide', 'data', 'proxy', 'search', 'report'],
  proxy: ['data'],
  data: [],
  store: [],
  search: [],
  transfer: [],
  report: [],
  leaf: [],
});

export const limits = Object.freeze({ fileLines: 300, functionLines: 60 });

export interface Violation {
  kind: 'cycle' | 'flow' | 'file' | 'function' | 'area' | 'variant';
  message: string;
}

/** A source file: its path from the root, its area, its line count, its imports (paths from the root). */
interface SourceFile {
  path: string;
  area: string;
  lines: number;
  imports: string[];
  functions: { name: string; line: number; lines: number }[];
}

/** The area of a file: `src/<area>/...`, `workers/...`, or `leaf` for a file directly in src/. */
export function areaOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'workers') return 'workers';
  return parts.length === 2 ? 'leaf' : parts[1];
}

function listSources(root: string, folder: string): string[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => join(folder, name).split(sep).join('/'))
    .sort();
}

/** `./x.js` from `src/a/b.ts` → `src/a/x.ts` when that file exists; packages → undefined. */
function resolveImport(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(root, resolve(root, dirname(from), specifier))
    .split(sep)
    .join('/');
  for (const candidate of [
    target.replace(/\.m?js$/, (ext) => (ext === '.mjs' ? '.mts' : '.ts')),
    target,
    `${target}.ts`,
  ]) {
    if (existsSync(join(root, candidate))) return candidate;
  }
  return target;
}

function nameOf(node: ts.Node, file: ts.SourceFile): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText(file);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText(file);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(file);
  return '(anonymous)';
}

function readSource(root: string, path: string): SourceFile {
  const text = readFileSync(join(root, path), 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const imports: string[] = [];
  const functions: SourceFile['functions'] = [];
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node): void => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) &&
            node.expression.kind === ts.SyntaxKind.ImportKeyword &&
            node.arguments[0] &&
            ts.isStringLiteral(node.arguments[0])
          ? node.arguments[0].text
          : undefined;
    const target = specifier === undefined ? undefined : resolveImport(root, path, specifier);
    if (target !== undefined) imports.push(target);
    if (ts.isFunctionLike(node) && (node as { body?: ts.Node }).body) {
      const line = lineOf(node.getStart(file));
      functions.push({ name: nameOf(node, file), line, lines: lineOf(node.getEnd()) - line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  return { path, area: areaOf(path), lines, imports, functions };
}

/** Files in import cycles: Tarjan's strongly connected components of more than one file (or a file importing itself). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return cycles;
}

function flowViolations(files: SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    const allowed = allowedImports[file.area];
    if (allowed === undefined) {
      out.push({
        kind: 'area',
        message: `${file.path}: area "${file.area}" is not in the flow (scripts/checkStructure.ts lists the areas)`,
      });
      continue;
    }
    for (const target of file.imports) {
      const area =
        target.startsWith('src/') || target.startsWith('workers/') ? areaOf(target) : 'outside';
      if (area === file.area || (area === 'leaf' && file.area !== 'leaf') || allowed.includes(area))
        continue;
      out.push({
        kind: 'flow',
        message: `${file.path} imports ${target}: ${file.area} may import ${[...allowed, 'the leaves'].join(', ')}`,
      });
    }
  }
  return out;
}

function sizeViolations(files: SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files.filter((f) => f.path.startsWith('src/'))) {
    if (file.lines > limits.fileLines)
      out.push({
        kind: 'file',
        message: `${file.path}: ${file.lines} lines (at most ${limits.fileLines})`,
      });
    for (const fn of file.functions.filter((f) => f.lines > limits.functionLines)) {
      out.push({
        kind: 'function',
        message: `${file.path}:${fn.line} ${fn.name}: ${fn.lines} lines (at most ${limits.functionLines})`,
      });
    }
  }
  return out;
}

/** Each comparison with a variant's name outside its registry (variantBranches.ts). */
function variantViolations(
  root: string,
  paths: string[],
  registries: readonly VariantRegistry[],
): Violation[] {
  return variantBranches(root, paths, registries).map((b) => ({
    kind: 'variant',
    message: `${b.path}:${b.line} compares with "${b.name}", a ${b.concept}'s name: branch in ${b.home} instead`,
  }));
}

/**
 * Reads src/ and workers/ under `root` and returns every violation (empty: the structure holds).
 * `registries` are the variant registries whose names only their homes may branch on.
 */
export function checkStructure(
  root: string,
  registries: readonly VariantRegistry[] = variantRegistries,
): Violation[] {
  const paths = [...listSources(root, 'src'), ...listSources(root, 'workers')];
  const files = paths.map((path) => readSource(root, path));
  const graph = new Map(files.map((file) => [file.path, file.imports]));
  const cycles = importCycles(graph).map((cycle): Violation => ({
    kind: 'cycle',
    message: `import cycle: ${cycle.join(' <-> ')}`,
  }));
  return [
    ...cycles,
    ...flowViolations(files),
    ...sizeViolations(files),
    ...variantViolations(root, paths, registries),
  ];
}

/** The largest file and function of src/, for the record. */
export function largest(root: string): {
  file: string;
  fileLines: number;
  fn: string;
  fnLines: number;
} {
  const files = listSources(root, 'src').map((path) => readSource(root, path));
  const file = files.reduce((a, b) => (b.lines > a.lines ? b : a));
  const fns = files.flatMap((f) =>
    f.functions.map((fn) => ({ ...fn, where: `${f.path}:${fn.line} ${fn.name}` })),
  );
  const fn = fns.reduce((a, b) => (b.lines > a.lines ? b : a));
  return { file: file.path, fileLines: file.lines, fn: fn.where, fnLines: fn.lines };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const violations = checkStructure(root);
  for (const v of violations) process.stderr.write(`${v.kind}: ${v.message}\n`);
  const big = largest(root);
  process.stdout.write(
    `largest file ${big.file} (${big.fileLines} lines); longest function ${big.fn} (${big.fnLines} lines)\n`,
  );
  process.exitCode = violations.length === 0 ? 0 : 1;
}
