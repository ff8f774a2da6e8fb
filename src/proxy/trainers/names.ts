/**
 * The trainers' names and what each `--backend` choice stands for, apart from the trainers
 * themselves: the flags are checked (and `--help` printed) without loading a kernel module or
 * TensorFlow.js. index.ts pairs each name with its trainer and checks that both lists agree.
 */

/**
 * What a trainer can train besides plain runs of a shared-bottom network: `lookahead` (the
 * lookahead affinity of a `--method tag` search), `embeddings` (learned embeddings of
 * categorical columns), `experts` (mixture-of-experts networks), `balance` (auxiliary gradients
 * rescaled on the shared layers, `--aux-balance`). A search method, a network or a balance asks
 * for capabilities; capabilities.ts holds the one check.
 */
export type TrainerCapability = 'lookahead' | 'embeddings' | 'experts' | 'balance';

/**
 * Every trainer, fastest first (the order `auto` tries them in; index.ts, TRAINERS), with its
 * capabilities: the trainers declare them here, where the flags are checked without loading one.
 */
export const trainerTable = Object.freeze([
  { name: 'native-kernels', capabilities: ['lookahead', 'embeddings', 'experts', 'balance'] },
  { name: 'wasm-kernels', capabilities: ['lookahead', 'embeddings', 'experts', 'balance'] },
  { name: 'tfjs-node', capabilities: [] },
  { name: 'tfjs-wasm', capabilities: [] },
  { name: 'tfjs-cpu', capabilities: [] },
] as const satisfies readonly { name: string; capabilities: readonly TrainerCapability[] }[]);

/** A trainer's name: the literal union `--backend` and the library's type take. */
export type TrainerName = (typeof trainerTable)[number]['name'];

/** Every trainer's name, fastest first. */
export const trainerNames: readonly TrainerName[] = Object.freeze(trainerTable.map((t) => t.name));

/** What the trainer called `name` can train besides plain runs (none for an unknown name). */
export const capabilitiesOf = (name: string): readonly TrainerCapability[] =>
  trainerTable.find((trainer) => trainer.name === name)?.capabilities ?? [];

/**
 * The identity of the kernels (kernels.c, either build). It is the reference: run keys leave it
 * out (pipeline/plan.ts), so every run trained before trainers had identities keeps its key.
 * Change it only with a change to kernels.c that changes its numbers.
 */
export const KERNELS_IDENTITY = 'kernels';

/** The trainers on taskgroup's kernels, the native build first (the only ones with a lookahead). */
export const kernelTrainerNames: readonly string[] = Object.freeze([
  'native-kernels',
  'wasm-kernels',
]);

/** The names `--backend` accepts: its historical ones first, then every trainer by its own name. */
export const backendNames = Object.freeze([
  'auto',
  'node',
  'wasm',
  'cpu',
  ...trainerNames,
] as const);

export type BackendName = (typeof backendNames)[number];

/**
 * What each `--backend` choice stands for: the trainers it may train on (the first available one
 * trains). `wasm` named the kernels' backend before they had a native build; it still means the
 * kernels, the native build when it runs.
 */
export const backendChoices: Readonly<Record<string, readonly string[]>> = Object.freeze({
  auto: trainerNames,
  node: ['tfjs-node'],
  wasm: kernelTrainerNames,
  cpu: ['tfjs-cpu'],
  ...Object.fromEntries(trainerNames.map((name) => [name, [name]])),
});

/** The names a bad `--backend` is told of (the contract's); trainers' own names are in the help. */
export const mainBackendNames: readonly BackendName[] = Object.freeze([
  'auto',
  'node',
  'wasm',
  'cpu',
]);

/** True when `value` is a name `--backend` accepts. */
export const isBackendName = (value: unknown): value is BackendName =>
  typeof value === 'string' && (backendNames as readonly string[]).includes(value);
