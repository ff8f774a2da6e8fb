import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { dataError } from '../errors.js';
import { ENCODING_VERSION } from './fingerprint.js';
import { resolveLoadOptions, type LoadOptions } from './loadOptions.js';
import { checkReadable } from './readCsv.js';

/**
 * The source key of a load: sha256 of the file's bytes, then the load options as given and the
 * encoding version, computed without parsing a row (hashing runs at disk speed; parsing and
 * encoding cost a hundred times more). A load is a pure function of these, so equal source keys
 * give equal encoded datasets and the same fingerprint: a database that remembers source key →
 * fingerprint (store/sourceStore.ts) lets a rerun whose runs are all stored skip the CSV.
 *
 * It is not the fingerprint: that one covers what the file decides (inferred task types, the
 * feature columns, the rows kept) and is what run keys use. The file's name and place do not
 * count, as for the fingerprint. A missing or unreadable file is the same one-line error the
 * loader gives.
 */
export async function sourceKey(options: LoadOptions): Promise<string> {
  const o = resolveLoadOptions(options);
  await checkReadable(o.file);
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(o.file)) hash.update(chunk as Buffer);
  } catch (err) {
    throw dataError(
      `${o.file}: data file cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const choices = {
    encodingVersion: ENCODING_VERSION,
    tasks: o.tasks.map((t) => ({ name: t.name, type: t.type ?? null })),
    features: o.features ?? null,
    exclude: o.exclude,
    valFraction: o.valFraction,
    splitSeed: o.splitSeed,
    oneHotMaxLevels: o.oneHotMaxLevels,
    hashBuckets: o.hashBuckets,
    maxTrainRows: o.maxTrainRows === Infinity ? 'all' : o.maxTrainRows,
    maxValRows: o.maxValRows,
    ...(o.embed.length > 0 ? { embed: o.embed } : {}),
  };
  return hash.update('\n\0taskgroup-source\0\n').update(JSON.stringify(choices)).digest('hex');
}
