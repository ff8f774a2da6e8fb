/**
 * The architectures' names and the plain data a run spec carries to choose one, apart from the
 * architectures themselves: flags can be checked and `--help` printed without loading kernels.
 * index.ts pairs each name with its architecture and checks that both lists agree.
 */

import type { TrainerCapability } from '../trainers/names.js';

/**
 * Every architecture, the default first, with what it asks of its trainer besides plain
 * shared-bottom runs (trainers/names.ts declares what each trainer can): the one check of both
 * is trainers/capabilities.ts, without loading a kernel.
 */
export const architectureTable = Object.freeze([
  { name: 'shared-bottom', needs: [] },
  { name: 'mmoe', needs: ['experts'] },
] as const satisfies readonly { name: string; needs: readonly TrainerCapability[] }[]);

export type ArchitectureName = (typeof architectureTable)[number]['name'];

/** Every architecture's name, the default first. */
export const architectureNames: readonly ArchitectureName[] = Object.freeze(
  architectureTable.map((a) => a.name),
);

/** What a run of `choice` (absent: shared-bottom) asks of its trainer; none for an unknown name. */
export const architectureNeeds = (choice?: ArchitectureChoice): readonly TrainerCapability[] =>
  architectureTable.find((a) => a.name === (choice?.name ?? 'shared-bottom'))?.needs ?? [];

/**
 * Which network a run trains (RunSpec.architecture; absent: shared-bottom). Plain data: it
 * crosses threads and belongs in the run's key, resolved (resolveArchitecture fills the
 * defaults), so that a later change of a default never reuses runs of the old one.
 */
export interface ArchitectureChoice {
  name: ArchitectureName;
  /** MMoE: how many experts (default 4, at most 64). Each expert has the bottom's widths. */
  experts?: number;
}
