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

/**
 * What `--backend` accepts: its historical names, each the trainers it stands for (the first
 * available one trains), then every trainer by its own name. `wasm` named the kernels' backend
 * before they had a native build; it still means the kernels, the native build when it runs.
 */
export const backendChoices: Readonly<Record<string, readonly string[]>> = Object.freeze({
  auto: trainerNames,
  node: ['tfjs-node'],
  wasm: kernelTrainerNames,
  cpu: ['tfjs-cpu'],
  ...Object.fromEntries(trainerNames.map((name) => [name, [name]])),
});

/** The names `--backend` accepts, historical ones first. */
export const backendNames: readonly string[] = Object.freeze(Object.keys(backendChoices));

/** The names a bad `--backend` is told of (the contract's); trainers' own names are in the help. */
export const mainBackendNames: readonly string[] = Object.freeze(['auto', 'node', 'wasm', 'cpu']);

export type BackendName = string;

/** True when `--backend choice` may train on the kernels (a `--method tag` search needs them). */
export const mayTrainOnKernels = (choice: BackendName): boolean =>
  (backendChoices[choice] ?? []).some((name) => kernelTrainerNames.includes(name));
