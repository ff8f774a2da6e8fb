/**
 * The architectures' names and the plain data a run spec carries to choose one, apart from the
 * architectures themselves: flags can be checked and `--help` printed without loading kernels.
 * index.ts pairs each name with its architecture and checks that both lists agree.
 */

import type { TrainerCapability } from '../trainers/names.js';

/**
 * Every architecture, the default first, with what it asks of its trainer besides plain
 * shared-bottom runs (trainers/names.ts declares what each trainer can): the one check of both
 * is trainers/capabilities.ts, without loading a kernel. `lookahead`: whether a lookahead step
 * (kernels/kernelLookahead.ts) covers what its tasks share. It steps a shared bottom and the
 * embedding rows the batch touched; an MMoE's tasks share experts behind each task's gate,
 * which it does not step, so a lookahead run of one would measure a part of what they share.
 * `balance`: whether MetaBalance (kernels/metaBalance.ts) can rescale each task's gradient of
 * what they share: one shared bottom, yes; experts behind per-task gates, whose per-task
 * gradients it does not take, no.
 */
export const architectureTable = Object.freeze([
  {
    name: 'shared-bottom',
    needs: [],
    lookahead: true,
    balance: true,
    help: 'one shared bottom MLP, one tower per task',
  },
  {
    name: 'mmoe',
    needs: ['experts'],
    lookahead: false,
    balance: false,
    help: 'multi-gate mixture of experts: shared experts, one softmax gate per task',
  },
] as const satisfies readonly {
  name: string;
  needs: readonly TrainerCapability[];
  lookahead: boolean;
  balance: boolean;
  help: string;
}[]);

export type ArchitectureName = (typeof architectureTable)[number]['name'];

/** Every architecture's name, the default first. */
export const architectureNames: readonly ArchitectureName[] = Object.freeze(
  architectureTable.map((a) => a.name),
);

/** The architecture of a run or a search that names none: the shared bottom. */
export const DEFAULT_ARCHITECTURE: ArchitectureName = architectureNames[0];

/** MMoE's defaults and limits: 4 experts, as the issue's measurements and Ma et al.'s examples. */
export const MMOE = Object.freeze({
  expertsDefault: 4,
  /** The mixture's backward keeps one number per expert on the stack (kernels.c MAX_EXPERTS). */
  expertsMax: 64,
});

const entryOf = (choice?: Pick<ArchitectureChoice, 'name'>) =>
  architectureTable.find((a) => a.name === (choice?.name ?? DEFAULT_ARCHITECTURE));

/** What a run of `choice` (absent: shared-bottom) asks of its trainer; none for an unknown name. */
export const architectureNeeds = (choice?: ArchitectureChoice): readonly TrainerCapability[] =>
  entryOf(choice)?.needs ?? [];

/** Whether a lookahead covers what the tasks of `choice` (absent: shared-bottom) share. */
export const coversLookahead = (choice?: Pick<ArchitectureChoice, 'name'>): boolean =>
  entryOf(choice)?.lookahead ?? false;

/** Whether MetaBalance can rescale what the tasks of `choice` (absent: shared-bottom) share. */
export const coversBalance = (choice?: Pick<ArchitectureChoice, 'name'>): boolean =>
  entryOf(choice)?.balance ?? false;

/** `--architecture`'s help: each architecture in a few words, the default first. */
export const architectureHelp = (): string =>
  `${architectureTable.map((a) => `${a.name} (${a.help})`).join(', ')}; default ${DEFAULT_ARCHITECTURE}`;

/**
 * Which network a run trains (RunSpec.architecture; absent: shared-bottom). Plain data: it
 * crosses threads and belongs in the run's key, resolved (resolveArchitecture fills the
 * defaults), so that a later change of a default never reuses runs of the old one.
 */
export interface ArchitectureChoice {
  name: ArchitectureName;
  /** MMoE: how many experts (default 4, at most 64). */
  experts?: number;
  /** MMoE: the widths of each expert's layers (ReLU); default the bottom's (settings.bottom). */
  expertLayers?: number[];
}
