import { methodNamed } from '../decide/methods/index.js';
import { UsageError } from '../errors.js';
import { architectureNeeds, DEFAULT_ARCHITECTURE } from '../proxy/architectures/names.js';
import { auxBalanceText, auxBalanceVariant } from '../proxy/balance/index.js';
import { capabilityRefusal } from '../proxy/trainers/capabilities.js';
import type { BackendName, TrainerCapability } from '../proxy/trainers/names.js';
import type { Study } from './study.js';

/** What one part of a study asks of its trainer, and how a refusal names that part. */
interface Demand {
  asker: string;
  needs: readonly TrainerCapability[];
  /** What a refusal adds: how to go without it. */
  instead?: string;
}

/**
 * What a study asks of its trainer, part by part: its method (a `tag` search's lookahead), its
 * runs' network (MMoE: experts), its MMoE baseline, its embedded columns, its auxiliaries'
 * balance (rescaled gradients: `balance`). The trainers declare
 * what they can (proxy/trainers/names.ts); capabilities.ts holds the one check.
 */
function studyDemands(study: Study): Demand[] {
  return [
    { asker: `--method ${study.method}`, needs: methodNamed(study.method).needs },
    {
      asker: `--architecture ${study.architecture?.name ?? DEFAULT_ARCHITECTURE}`,
      needs: architectureNeeds(study.architecture),
    },
    ...(study.mmoeBaseline ? [baselineDemand(study)] : []),
    ...(study.embed ? [{ asker: '--embed', needs: ['embeddings'] as const }] : []),
    ...(auxBalanceVariant(study.auxBalance).rescales
      ? [
          {
            asker: `--aux-balance ${auxBalanceText(study.auxBalance)}`,
            needs: ['balance'] as const,
          },
        ]
      : []),
  ];
}

const baselineDemand = (study: Pick<Study, 'mmoeBaseline'>): Demand => ({
  asker: 'the MMoE baseline',
  needs: architectureNeeds(study.mmoeBaseline),
  instead: ', or --no-mmoe-baseline',
});

/** Every capability the trainer of `study`'s runs needs. */
export const studyNeeds = (study: Study): TrainerCapability[] => [
  ...new Set(studyDemands(study).flatMap((demand) => demand.needs)),
];

/**
 * Refuses, with the flags at fault, a `--backend` none of whose trainers can train what the
 * study asks (`--backend cpu: --architecture mmoe trains its expert networks on taskgroup's
 * kernels; use --backend wasm or auto`), before anything is read.
 */
export function refuseIncapable(study: Study, backend: BackendName): void {
  for (const { asker, needs, instead = '' } of studyDemands(study)) {
    const refusal = capabilityRefusal(backend, needs);
    if (refusal !== undefined)
      throw new UsageError(`--backend ${backend}: ${asker} ${refusal}${instead}`);
  }
  const refusal = capabilityRefusal(backend, studyNeeds(study));
  if (refusal !== undefined) throw new UsageError(`--backend ${backend}: this search ${refusal}`);
}

/**
 * The study a `--backend` can train. The MMoE baseline is trained by default, so a backend that
 * cannot train it (a TensorFlow.js trainer: no experts) goes without it rather than refusing a
 * search that asked for nothing it cannot do; `skipped` says so in one line. Asked for by name
 * (`mmoeBaseline: true`), it is refused like anything else the study asks.
 */
export function withinBackend(
  study: Study,
  backend: BackendName,
  baselineAsked: boolean,
): { study: Study; skipped?: string } {
  if (!study.mmoeBaseline || baselineAsked) return { study };
  const refusal = capabilityRefusal(backend, baselineDemand(study).needs);
  if (refusal === undefined) return { study };
  const { mmoeBaseline: _, ...without } = study;
  return {
    study: without,
    skipped: `--backend ${backend}: the MMoE baseline ${refusal}; this search goes without it`,
  };
}
