import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportModel } from '../../src/report/model.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'report');

export const FIXTURES = ['model', 'interrupted', 'hostile', 'estimated', 'exhaustive'] as const;
export type FixtureName = (typeof FIXTURES)[number];

/**
 * A fresh copy of a report fixture (see test/fixtures/report/README.md): 'model' (done,
 * verified, with the exhaustive truth), 'interrupted', 'hostile' (names that try to inject
 * markup, also inside the advice), 'estimated' (verification off) or 'exhaustive' (optimal).
 */
export function loadFixture(name: FixtureName): ReportModel {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as ReportModel;
}

/** Freezes a value and everything inside it, so a renderer that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
