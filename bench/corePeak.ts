import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What one core can do, measured by corePeak.c (see there): the best of 5 runs. */
export interface CorePeak {
  /** Core clock while busy, GHz. */
  ghz: number;
  /** GFLOP/s of unfused multiply and add at each vector width (floats per vector). */
  lanes: Record<string, number>;
  /** The core's peak: its widest vectors × 2 fused multiply-adds per cycle × 2 flop × ghz. */
  peak: number;
  widest: number;
}

/** Builds and runs corePeak.c with the system C compiler; undefined (and why) without one. */
export function measureCorePeak(): CorePeak | { missing: string } {
  const dir = mkdtempSync(join(tmpdir(), 'core-peak-'));
  try {
    const exe = join(dir, 'core-peak');
    const source = fileURLToPath(new URL('./corePeak.c', import.meta.url));
    execFileSync(process.env.CC ?? 'cc', ['-O3', '-ffp-contract=off', '-o', exe, source], {
      stdio: 'pipe',
    });
    // The best of 5 runs: on a shared machine a run can only lose cycles, never gain them.
    const runs = Array.from(
      { length: 5 },
      () =>
        JSON.parse(execFileSync(exe, { encoding: 'utf8' })) as Omit<CorePeak, 'peak' | 'widest'>,
    );
    const measured = {
      ghz: Math.max(...runs.map((r) => r.ghz)),
      lanes: Object.fromEntries(
        Object.keys(runs[0].lanes).map((l) => [l, Math.max(...runs.map((r) => r.lanes[l]))]),
      ),
    };
    const widest = Math.max(...Object.keys(measured.lanes).map(Number));
    return { ...measured, widest, peak: widest * 2 * 2 * measured.ghz };
  } catch (err) {
    return {
      missing: `no core peak: cannot build or run corePeak.c (${(err as Error).message.split('\n')[0]})`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
