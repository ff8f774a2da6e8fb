import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStructure } from '../../scripts/checkStructure.js';
import type { VariantRegistry } from '../../scripts/variantBranches.js';
import { fileTree as tree } from '../helpers/fileTree.js';

const registries: VariantRegistry[] = [
  {
    concept: 'search method',
    lists: ['src/decide/methods/index.ts#searchMethods', 'src/decide/methods/index.ts#AUTO'],
    home: ['src/decide/methods/'],
  },
  { concept: 'report format', lists: ['src/report/index.ts#reportFormats'], home: [] },
  { concept: 'trainer', lists: ['src/proxy/names.ts#backendChoices'], home: ['src/proxy/'] },
];

const files = {
  // The registries: a list of variant objects (followed to their files), a name, object keys.
  'src/decide/methods/index.ts':
    "import { pairs } from './pairs.js';\nimport { tag } from './tag.js';\n" +
    'export const searchMethods = Object.freeze([pairs, tag] as const);\n' +
    "export const AUTO = 'auto';\n" +
    "export const resolve = (m: string) => (m === AUTO ? pairs : m === 'tag' ? tag : pairs);\n",
  'src/decide/methods/pairs.ts': "export const pairs = { name: 'pairs', cap: 3 };\n",
  'src/decide/methods/tag.ts': "export const tag = { name: 'tag' as const, cap: 1 };\n",
  'src/report/index.ts':
    "import { md } from './markdown.js';\nexport const reportFormats = [md];\n" +
    'export const find = (name: string) => reportFormats.find((f) => f.name === name);\n',
  'src/report/markdown.ts':
    "const render = (f: string) => (f === 'md' ? '# report' : '');\n" +
    "export const md = { name: 'md', render };\n",
  'src/proxy/names.ts':
    "export const backendChoices = Object.freeze({ auto: ['a'], wasm: ['b'] });\n" +
    "export const hint = (c: string) => (c === 'auto' ? '' : 'use auto');\n",
  // Outside every registry: branches on names (flagged) and names used otherwise (not flagged).
  'src/config/study.ts':
    'export const groupCap = (method: string, n: number) =>\n' +
    "  method === 'tag' ? n : ('pairs' !== method ? 0 : n * n);\n" +
    "export const defaultMethod = 'pairs';\n" +
    "export const isClick = (task: string) => task === 'click';\n",
  'src/cli/report.ts':
    'export function extension(format: string): string {\n' +
    '  switch (format) {\n' +
    "    case 'md':\n" +
    "      return '.md';\n" +
    "    case 'txt':\n" +
    "      return '.txt';\n" +
    '  }\n' +
    "  return format == `auto` ? '' : '.out';\n" +
    '}\n',
};

test('a comparison or a case against a variant name outside its registry is reported with its line, and nothing else is', () => {
  assert.deepEqual(
    checkStructure(tree(files), registries).map((v) => `${v.kind}: ${v.message}`),
    [
      'variant: src/cli/report.ts:3 compares with "md", a report format\'s name: branch in src/report/index.ts instead',
      'variant: src/cli/report.ts:8 compares with "auto", a search method\'s name: branch in src/decide/methods/ instead',
      'variant: src/config/study.ts:2 compares with "tag", a search method\'s name: branch in src/decide/methods/ instead',
      'variant: src/config/study.ts:2 compares with "pairs", a search method\'s name: branch in src/decide/methods/ instead',
    ],
  );
});

test('a registry list the check cannot read is an error, not a silent pass', () => {
  const root = tree({ 'src/report/index.ts': 'export const reportFormats = [];\n' });
  assert.throws(
    () => checkStructure(root, [registries[1]]),
    /src\/report\/index.ts#reportFormats: lists no name the check can read/,
  );
  assert.throws(
    () => checkStructure(root, [registries[0]]),
    /src\/decide\/methods\/index.ts#searchMethods: no such constant/,
  );
});
