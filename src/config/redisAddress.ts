import { UsageError } from '../errors.js';

/**
 * Where the run queue lives: a Redis URL (`redis://[user[:password]@]host[:port][/db]`, or
 * `rediss://` for TLS). Like `--workers`, it is how this machine runs a search, never part of
 * the study: it is not stored. Its password must never be printed, so everything that names the
 * server uses `shown`, and any text that may echo the URL goes through `redact`.
 */
export interface RedisAddress {
  /** The URL as given, password included: only for connecting. */
  readonly url: string;
  /** The URL with its password replaced by `***`: for messages, logs and reports. */
  readonly shown: string;
  /** Replaces the password, wherever it appears in `text`, by `***`. */
  redact(text: string): string;
}

const schemes = new Set(['redis:', 'rediss:']);

/**
 * The highest database index taskgroup accepts. A Redis server has 16 databases unless its
 * `databases` setting says otherwise; a URL naming database 99 was seen to be served silently
 * from database 0, sharing it with whatever else lives there. Refusing past 15 up front says so
 * in one line before anything connects, in search, worker and status alike (they all read
 * `--redis` here); a server configured with more databases still has these 16.
 */
export const MAX_DATABASE = 15;

export function parseRedisAddress(field: string, value: unknown): RedisAddress {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`${field} must be a Redis URL such as redis://localhost:6379`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${field} must be a Redis URL such as redis://localhost:6379 (got something that is not a URL)`,
    );
  }
  const secrets = [url.password, safeDecode(url.password)].filter((s) => s !== '');
  const redact = (text: string): string =>
    secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  const shown = showUrl(url);
  if (!schemes.has(url.protocol))
    throw new UsageError(`${field} ${shown}: the scheme must be redis:// or rediss://`);
  if (url.hostname === '') throw new UsageError(`${field} ${shown}: the URL names no host`);
  if (!/^(\/\d*)?$/.test(url.pathname))
    throw new UsageError(`${field} ${shown}: the path must be a database number, e.g. /0`);
  const database = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (database > MAX_DATABASE)
    throw new UsageError(
      `${field} ${shown}: database ${url.pathname.slice(1)} is out of range: taskgroup takes 0 to ${MAX_DATABASE}, the databases a Redis server has by default (its "databases" setting is 16)`,
    );
  if (url.search !== '' || url.hash !== '')
    throw new UsageError(`${field} ${shown}: options after ? or # are not supported`);
  return Object.freeze({ url: value, shown, redact });
}

/** The URL without its password: `redis://user:***@host:port/db`. */
function showUrl(url: URL): string {
  const user =
    url.username === '' && url.password === ''
      ? ''
      : `${url.username}${url.password === '' ? '' : ':***'}@`;
  return `${url.protocol}//${user}${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
