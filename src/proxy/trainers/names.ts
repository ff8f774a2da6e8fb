/**
 * The trainers' names and what each `--backend` choice stands for, apart from the trainers
 * themselves: the flags are checked (and `--help` printed) without loading a kernel module or
 * TensorFlow.js. index.ts pairs each name with its trainer and checks that both lists agree.
 */

/** Every trainer's name, fastest first: the order `auto` tries them in (index.ts, TRAINERS). */
export const trainerNames = Object.freeze([
  'native-kernels',
  'wasm-kernels',
  'tfjs-node',
  'tfjs-wasm',
  'tfjs-cpu',
] as const);

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
export type TrainerName = (typeof trainerNames)[number];

/**
 * What each `--backend` choice stands for: the trainers it may train on (the first available one
 * trains). `wasm` named the kernels' backend before they had a native build; it still means the
 * kernels, the native build when it runs.
 */
export const backendChoices: Readonly<Record<BackendName, readonly string[]>> = Object.freeze({
  auto: trainerNames,
  node: ['tfjs-node'],
  wasm: kernelTrainerNames,
  cpu: ['tfjs-cpu'],
  ...(Object.fromEntries(trainerNames.map((name) => [name, [name]])) as unknown as Record<
    TrainerName,
    readonly string[]
  >),
});

/** The names a bad `--backend` is told of (the contract's); trainers' own names are in the help. */
export const mainBackendNames: readonly string[] = Object.freeze(['auto', 'node', 'wasm', 'cpu']);

/** True when `value` is a name `--backend` accepts. */
export const isBackendName = (value: unknown): value is BackendName =>
  typeof value === 'string' && (backendNames as readonly string[]).includes(value);

/** True when `--backend choice` may train on the kernels (a `--method tag` search needs them). */
export const mayTrainOnKernels = (choice: string): boolean =>
  (backendChoices[choice as BackendName] ?? []).some((name) => kernelTrainerNames.includes(name));
