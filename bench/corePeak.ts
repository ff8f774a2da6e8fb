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

/** Builds and runs corePeak.c with the system C compiler, best of `runs`; why not, without one. */
export function measureCorePeak(runs = 5): CorePeak | { missing: string } {
  const dir = mkdtempSync(join(tmpdir(), 'core-peak-'));
  try {
    const exe = join(dir, 'core-peak');
    const source = fileURLToPath(new URL('./corePeak.c', import.meta.url));
    execFileSync(process.env.CC ?? 'cc', ['-O3', '-ffp-contract=off', '-o', exe, source], {
      stdio: 'pipe',
    });
    // The best of the runs: on a shared machine a run can only lose cycles, never gain them.
    const measures = Array.from(
      { length: runs },
      () =>
        JSON.parse(execFileSync(exe, { encoding: 'utf8' })) as Omit<CorePeak, 'peak' | 'widest'>,
    );
    const measured = {
      ghz: Math.max(...measures.map((r) => r.ghz)),
      lanes: Object.fromEntries(
        Object.keys(measures[0].lanes).map((l) => [
          l,
          Math.max(...measures.map((r) => r.lanes[l])),
        ]),
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
