/**
 * A consumer of the package, typechecked against its exported types (dist/src/api/index.d.ts,
 * through `import ... from 'taskgroup'`) by test/structure/04-types.test.ts. Each
 * `@ts-expect-error` line is a mistake the types must refuse: if one stops being an error, tsc
 * fails on the unused directive, so the types cannot loosen unnoticed.
 */
import {
  exampleData,
  report,
  resume,
  search,
  solve,
  type ReportFormatName,
  type SearchOptions,
  type SolveOptions,
} from 'taskgroup';

export async function documentedOptions(): Promise<void> {
  const controller = new AbortController();
  const options: SearchOptions = {
    data: exampleData('recsys'),
    tasks: ['click', 'like', 'watch_time:regression'],
    features: 'user_age,item_price',
    exclude: ['item_id'],
    weights: { click: 2 },
    budget: 2,
    seeds: 3,
    seed: 0,
    workers: 1,
    backend: 'wasm',
    valFraction: 0.2,
    verify: true,
    maxRuns: 30,
    exhaustive: false,
    method: 'auto',
    aux: ['like'],
    auxBalance: 'metabalance:0.7',
    proxy: { rows: 20_000, epochs: 4, minSteps: 200, batchSize: 256, learningRate: 0.003 },
    db: 'taskgroup.db',
    new: false,
    onProgress: (progress) => console.error(progress.done, progress.total, progress.stage.round),
    onWarning: (message: string) => console.error(message),
    signal: controller.signal,
  };
  const model = await search(options);
  const grouping: string[][] = model.grouping;
  const auxiliaries: string[][] | undefined = model.auxiliaries;
  await resume(model.searchId, { db: 'taskgroup.db', workers: 2, backend: 'auto' });
  const formats: ReportFormatName[] = ['json', 'md', 'csv', 'html'];
  for (const format of formats) await report(model.searchId, { format, db: 'taskgroup.db' });
  const table: SolveOptions = { table: 'losses.csv', mode: 'overlap', budget: 2.5, top: 3 };
  const answer = await solve(table);
  console.log(grouping, auxiliaries, answer.total);
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error `data` is required
  await search({ tasks: 'click,like' });
  // @ts-expect-error `tasks` is required
  await search({ data: 'x.csv' });
  // @ts-expect-error a budget is a number of networks
  await search({ data: 'x.csv', tasks: 'a,b', budget: '3' });
  // @ts-expect-error `method` is pairs, tag or auto
  await search({ data: 'x.csv', tasks: 'a,b', method: 'greedy' });
  // @ts-expect-error `backend` is one of the trainers' names
  await search({ data: 'x.csv', tasks: 'a,b', backend: 'gpu' });
  // @ts-expect-error `auxBalance` is none or metabalance[:R]
  await search({ data: 'x.csv', tasks: 'a,b', aux: 'b', auxBalance: 'gradnorm' });
  // @ts-expect-error an unknown option
  await search({ data: 'x.csv', tasks: 'a,b', colour: 'red' });
  // @ts-expect-error an unknown proxy setting
  await search({ data: 'x.csv', tasks: 'a,b', proxy: { epoch: 4 } });
  // @ts-expect-error layer widths are a list of numbers
  await search({ data: 'x.csv', tasks: 'a,b', proxy: { bottom: 64 } });
  // @ts-expect-error onProgress is a function
  await search({ data: 'x.csv', tasks: 'a,b', onProgress: 5 });
  // @ts-expect-error `new` is a boolean
  await search({ data: 'x.csv', tasks: 'a,b', new: 'yes' });
  // @ts-expect-error resume continues a search: it has no `new`
  await resume('abcd1234', { new: true });
  // @ts-expect-error signal is an AbortSignal
  await search({ data: 'x.csv', tasks: 'a,b', signal: 'x' });
  // @ts-expect-error `format` is json, md, csv or html
  await report('abcd1234', { format: 'pdf' });
  // @ts-expect-error `format` is required
  await report('abcd1234', { db: 'taskgroup.db' });
  // @ts-expect-error `table` is required
  await solve({ mode: 'overlap' });
  // @ts-expect-error `mode` is partition or overlap
  await solve({ table: 'losses.csv', mode: 'both' });
  // @ts-expect-error the bundled examples are named
  exampleData('movies');
}
