/**
 * The architectures' names and the plain data a run spec carries to choose one, apart from the
 * architectures themselves: flags can be checked and `--help` printed without loading kernels.
 * index.ts pairs each name with its architecture and checks that both lists agree.
 */

/** Every architecture, the default first. */
export const architectureNames = Object.freeze(['shared-bottom', 'mmoe'] as const);

export type ArchitectureName = (typeof architectureNames)[number];

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
