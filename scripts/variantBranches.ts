/**
 * Variant branches: code outside a registry that compares a value with a variant's name
 * (`method === 'tag'`, `case 'binary':`). A variant (a search method, a trainer, a report format,
 * a task type, a loss) is one file listed once in its registry; the registry and the variants'
 * own files may branch on the names, nothing else may: a new variant must not need edits
 * scattered through the tree. Read with the TypeScript parser, nothing is run.
 *
 * Each registry is declared below by where its names are listed (`file#export`) and the folders
 * or files that are its home. A list is read from the exported constant's initializer, through
 * `Object.freeze(...)`, `as const` and `satisfies`: a string literal is a name, an array lists
 * names or variants (an identifier is followed to its declaration, here or imported, whose
 * `name: '...'` property is the name, and whose file joins the home), an object's keys are names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface VariantRegistry {
  /** What its variants are, in messages ("search method"). */
  concept: string;
  /** Where its names are listed: `path#exportedConstant`, paths from the root. */
  lists: readonly string[];
  /** Folders (ending in `/`) and files that may branch on its names, besides its variants' files. */
  home: readonly string[];
}

/** The registries of the tree. A new kind of variant (an architecture, say) is one line here. */
export const variantRegistries: readonly VariantRegistry[] = Object.freeze([
  {
    concept: 'search method',
    lists: ['src/decide/methods/index.ts#searchMethods', 'src/decide/methods/index.ts#AUTO'],
    home: ['src/decide/methods/'],
  },
  {
    concept: 'trainer',
    lists: [
      'src/proxy/trainers/names.ts#trainerTable',
      'src/proxy/trainers/names.ts#backendChoices',
    ],
    home: ['src/proxy/trainers/'],
  },
  {
    concept: 'kernel build',
    lists: ['src/proxy/kernels/kernelModule.ts#KERNEL_CHOICES'],
    home: ['src/proxy/kernels/kernelModule.ts'],
  },
  { concept: 'report format', lists: ['src/report/index.ts#reportFormats'], home: [] },
  {
    concept: 'task type',
    lists: ['src/data/types.ts#TASK_TYPES', 'src/data/taskTypes/index.ts#taskTypeRules'],
    home: ['src/data/taskTypes/'],
  },
  { concept: 'loss', lists: ['src/proxy/losses.ts#TASK_LOSSES'], home: ['src/proxy/loss/'] },
  {
    concept: 'auxiliary balance',
    lists: ['src/proxy/balance/index.ts#auxBalances'],
    home: ['src/proxy/balance/'],
  },
]);

/** One registry as read: its names and every file of its home. */
interface ReadRegistry {
  concept: string;
  names: Set<string>;
  home: string[];
}

export interface VariantBranch {
  path: string;
  line: number;
  name: string;
  concept: string;
  home: string;
}

const parse = (root: string, path: string): ts.SourceFile =>
  ts.createSourceFile(path, readFileSync(join(root, path), 'utf8'), ts.ScriptTarget.Latest, true);

/** Strips what does not change a value: parentheses, `as`, `satisfies`, `Object.freeze(...)`. */
function unwrap(node: ts.Expression): ts.Expression {
  for (;;) {
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node)
    )
      node = node.expression;
    else if (
      ts.isCallExpression(node) &&
      node.expression.getText() === 'Object.freeze' &&
      node.arguments.length === 1
    )
      node = node.arguments[0];
    else return node;
  }
}

const isText = (node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);

/** The initializer of the constant `name` declared at the top of `file`. */
function constantOf(file: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations)
      if (declaration.name.getText(file) === name) return declaration.initializer;
  }
  return undefined;
}

/** The file an identifier of `path` is imported from (its relative import), or `path` itself. */
function fileDeclaring(root: string, path: string, file: ts.SourceFile, name: string): string {
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue;
    const named = statement.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named)) continue;
    if (!named.elements.some((e) => e.name.text === name)) continue;
    const target = relative(root, resolve(root, dirname(path), statement.moduleSpecifier.text));
    const source = target.split(sep).join('/').replace(/\.js$/, '.ts');
    return existsSync(join(root, source)) ? source : path;
  }
  return path;
}

/** The `name: '...'` of the variant declared as `identifier` (followed to its file). */
function variantName(root: string, path: string, identifier: string): [string, string] | [] {
  const file = parse(root, path);
  const where = fileDeclaring(root, path, file, identifier);
  const source = where === path ? file : parse(root, where);
  const init = constantOf(source, identifier);
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined) return;
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText(source) === 'name' &&
      isText(unwrap(node.initializer))
    )
      found = (unwrap(node.initializer) as ts.StringLiteral).text;
    else ts.forEachChild(node, visit);
  };
  if (init) visit(init);
  return found === undefined ? [] : [found, where];
}

/** The names a `path#export` list holds, and the files of the variants it lists. */
function readList(root: string, list: string): { names: string[]; files: string[] } {
  const [path, exported] = list.split('#');
  const init = existsSync(join(root, path)) ? constantOf(parse(root, path), exported) : undefined;
  if (!init) throw new Error(`${list}: no such constant (scripts/variantBranches.ts lists it)`);
  const value = unwrap(init);
  const names: string[] = [];
  const files: string[] = [];
  if (isText(value)) names.push(value.text);
  else if (ts.isObjectLiteralExpression(value)) {
    for (const property of value.properties)
      if (property.name && (ts.isIdentifier(property.name) || isText(property.name)))
        names.push(property.name.text);
  } else if (ts.isArrayLiteralExpression(value)) {
    for (const element of value.elements.map(unwrap)) {
      if (isText(element)) names.push(element.text);
      else if (ts.isIdentifier(element)) {
        const found = variantName(root, path, element.text);
        if (found.length === 0) continue;
        names.push(found[0]);
        files.push(found[1]);
      } else if (ts.isObjectLiteralExpression(element)) {
        const name = element.properties.find((p) => p.name?.getText() === 'name');
        if (name && ts.isPropertyAssignment(name) && isText(unwrap(name.initializer)))
          names.push((unwrap(name.initializer) as ts.StringLiteral).text);
      }
    }
  }
  if (names.length === 0) throw new Error(`${list}: lists no name the check can read`);
  return { names, files };
}

function readRegistry(root: string, registry: VariantRegistry): ReadRegistry {
  const lists = registry.lists.map((list) => readList(root, list));
  const listFiles = registry.lists.map((list) => list.split('#')[0]);
  return {
    concept: registry.concept,
    names: new Set(lists.flatMap((l) => l.names)),
    home: [...registry.home, ...listFiles, ...lists.flatMap((l) => l.files)],
  };
}

const inHome = (path: string, home: string[]): boolean =>
  home.some((place) => (place.endsWith('/') ? path.startsWith(place) : path === place));

/** Every comparison (`===`, `!==`, `==`, `!=`) or `case` of `path` with a registry's name outside its home. */
function branchesIn(root: string, path: string, registries: ReadRegistry[]): VariantBranch[] {
  const file = parse(root, path);
  const out: VariantBranch[] = [];
  const check = (node: ts.Node, operand: ts.Expression): void => {
    const value = unwrap(operand);
    if (!isText(value)) return;
    const owners = registries.filter((registry) => registry.names.has(value.text));
    // A name that several registries share may be compared in the home of any of them.
    if (owners.length === 0 || owners.some((registry) => inHome(path, registry.home))) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    const home = owners[0].home.find((place) => place.endsWith('/')) ?? owners[0].home[0];
    out.push({ path, line, name: value.text, concept: owners[0].concept, home });
  };
  const comparisons = new Set([
    ts.SyntaxKind.EqualsEqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
    ts.SyntaxKind.EqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsToken,
  ]);
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && comparisons.has(node.operatorToken.kind)) {
      check(node, node.left);
      check(node, node.right);
    } else if (ts.isCaseClause(node)) check(node, node.expression);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** The variant branches of `paths` (from the root) against `registries`. */
export function variantBranches(
  root: string,
  paths: string[],
  registries: readonly VariantRegistry[] = variantRegistries,
): VariantBranch[] {
  const read = registries.map((registry) => readRegistry(root, registry));
  return paths.flatMap((path) => branchesIn(root, path, read));
}
