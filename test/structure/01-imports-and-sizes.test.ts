import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStructure } from '../../scripts/checkStructure.js';
import { fileTree as tree } from '../helpers/fileTree.js';

test('src/ and workers/: no import cycle, no import against the flow, no file over 300 lines, no function over 60, no branch on a variant outside its registry', () => {
  assert.deepEqual(checkStructure(process.cwd()), []);
});

const lines = (count: number, line = 'export const x = 1;') =>
  `${Array.from({ length: count }, () => line).join('\n')}\n`;
const fn = (name: string, bodyLines: number) =>
  `export function ${name}(): number {\n${lines(bodyLines, '  void 0;')}  return 1;\n}\n`;

test('the check reports a cycle, imports against the flow, a long file and a long function, and nothing at the limits', () => {
  const root = tree({
    'src/errors.ts': 'export const leaf = 1;\n',
    'src/search/p.ts': "import { q } from './q.js';\nexport const p = q;\n",
    'src/search/q.ts': "import type { p } from './p.js';\nexport const q = 1 as typeof p;\n",
    'src/cli/a.ts':
      "import { leaf } from '../errors.js';\nimport { s } from '../store/s.js';\nexport const a = s + leaf;\n",
    'src/store/s.ts': "import type { r } from '../report/r.js';\nexport const s: typeof r = 1;\n",
    'src/report/r.ts': lines(300, 'export const r = 1;'),
    'src/report/long.ts': lines(301),
    'src/data/f.ts': fn('atLimit', 57) + fn('overLimit', 58),
    'workers/w.ts': "import { a } from '../src/cli/a.js';\nexport default a;\n",
  });
  assert.deepEqual(
    checkStructure(root, [])
      .map((v) => `${v.kind}: ${v.message}`)
      .sort(),
    [
      'cycle: import cycle: src/search/p.ts <-> src/search/q.ts',
      'file: src/report/long.ts: 301 lines (at most 300)',
      'flow: src/cli/a.ts imports src/store/s.ts: cli may import pipeline, config, report, the leaves',
      'flow: src/store/s.ts imports src/report/r.ts: store may import the leaves',
      'flow: workers/w.ts imports src/cli/a.ts: workers may import pipeline, proxy, data, the leaves',
      'function: src/data/f.ts:61 overLimit: 61 lines (at most 60)',
    ],
  );
});
