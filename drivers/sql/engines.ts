// Engine adapters for the sql driver: mysql2 (MariaDB/MySQL) and pg (PostgreSQL). Both map the
// client's errors to ObservationError with a Dutch reason; a refused login is flagged authFailure.
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { DeviceConfig } from '../../src/core/types.js';
import { ObservationError } from '../../src/core/types.js';

export type EngineName = 'mariadb' | 'mysql' | 'postgres';
export type Row = Record<string, unknown>;

export interface EngineConn {
  /** Run one statement inside a READ ONLY transaction (rolled back afterwards). */
  readOnly(sql: string, args?: unknown[]): Promise<Row[]>;
  /** Write path (runSqlWrite only). */
  write(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface Engine {
  defaultPort: number;
  connect(device: DeviceConfig, opts: { database?: string | undefined; timeoutMs: number }): Promise<EngineConn>;
}

export class SqlError extends ObservationError {
  constructor(message: string, readonly authFailure = false, readonly code = '') {
    super(message);
  }
}

const NET: Record<string, string> = {
  ECONNREFUSED: 'verbinding geweigerd (draait de databaseserver en luistert hij op deze poort?)',
  ETIMEDOUT: 'time-out bij verbinden (onbereikbaar of gefilterd)',
  EHOSTUNREACH: 'host onbereikbaar',
  ENETUNREACH: 'netwerk onbereikbaar',
  ENOTFOUND: 'hostnaam onbekend',
  ECONNRESET: 'verbinding verbroken door de server',
  EAI_AGAIN: 'hostnaam niet op te lossen',
};

export function mapError(err: unknown, where: string): SqlError {
  if (err instanceof SqlError) return err;
  const e = err as { code?: string; errno?: number; message?: string; sqlMessage?: string };
  const code = String(e.code ?? '');
  const msg = e.sqlMessage ?? e.message ?? String(err);
  if (NET[code]) return new SqlError(`${where}: ${NET[code]}`, false, code);
  // MySQL: 1045 access denied (login), 1044/1142/1143/1227/1370 permission denied; 1130 host not allowed.
  if (code === 'ER_ACCESS_DENIED_ERROR' || e.errno === 1045 || code === 'ER_HOST_NOT_PRIVILEGED' || e.errno === 1130) return new SqlError(`${where}: inloggen geweigerd: ${msg}`, true, code);
  if (['ER_DBACCESS_DENIED_ERROR', 'ER_TABLEACCESS_DENIED_ERROR', 'ER_COLUMNACCESS_DENIED_ERROR', 'ER_SPECIFIC_ACCESS_DENIED_ERROR', 'ER_PROCACCESS_DENIED_ERROR'].includes(code)) return new SqlError(`${where}: geen rechten: ${msg}`, false, code);
  // PostgreSQL SQLSTATE: 28P01/28000 auth, 42501 insufficient privilege, 3D000 no such database, 57014 cancelled (timeout).
  if (code === '28P01' || code === '28000') return new SqlError(`${where}: inloggen geweigerd: ${msg}`, true, code);
  if (code === '42501') return new SqlError(`${where}: geen rechten: ${msg}`, false, code);
  if (code === '57014' || code === 'PROTOCOL_SEQUENCE_TIMEOUT' || /timeout/i.test(msg)) return new SqlError(`${where}: time-out: ${msg}`, false, code);
  return new SqlError(`${where}: ${msg}`, false, code);
}

export const mysqlEngine: Engine = {
  defaultPort: 3306,
  async connect(device, opts) {
    const where = `${device.host ?? '127.0.0.1'}:${device.port ?? 3306}`;
    let c: mysql.Connection;
    try {
      c = await mysql.createConnection({
        host: device.host ?? '127.0.0.1',
        port: device.port ?? 3306,
        user: device.username,
        password: device.password,
        ...(opts.database ? { database: opts.database } : {}),
        connectTimeout: opts.timeoutMs,
        ...(device.options.ssl ? { ssl: device.options.ssl as object } : {}),
      });
    } catch (err) {
      throw mapError(err, where);
    }
    c.on('error', () => undefined);
    return {
      async readOnly(sql, args = []) {
        try {
          // SHOW cannot run inside a transaction usefully but is read-only by nature; the rest does.
          if (/^\s*show\b/i.test(sql)) return (await c.query({ sql, timeout: opts.timeoutMs }, args))[0] as Row[];
          await c.query('START TRANSACTION READ ONLY');
          try {
            return (await c.query({ sql, timeout: opts.timeoutMs }, args))[0] as Row[];
          } finally {
            await c.query('ROLLBACK').catch(() => undefined);
          }
        } catch (err) {
          throw mapError(err, where);
        }
      },
      async write(sql) {
        try {
          await c.query(sql);
        } catch (err) {
          throw mapError(err, where);
        }
      },
      async close() {
        await c.end().catch(() => c.destroy());
      },
    };
  },
};

export const pgEngine: Engine = {
  defaultPort: 5432,
  async connect(device, opts) {
    const where = `${device.host ?? '127.0.0.1'}:${device.port ?? 5432}`;
    const c = new pg.Client({
      host: device.host ?? '127.0.0.1',
      port: device.port ?? 5432,
      user: device.username,
      password: device.password,
      database: opts.database ?? (device.options.database as string | undefined) ?? 'postgres',
      connectionTimeoutMillis: opts.timeoutMs,
      statement_timeout: opts.timeoutMs,
      ...(device.options.ssl ? { ssl: device.options.ssl as object } : {}),
    });
    c.on('error', () => undefined);
    try {
      await c.connect();
    } catch (err) {
      await c.end().catch(() => undefined);
      throw mapError(err, where);
    }
    return {
      async readOnly(sql, args = []) {
        try {
          await c.query('BEGIN READ ONLY');
          try {
            return (await c.query(sql, args)).rows as Row[];
          } finally {
            await c.query('ROLLBACK').catch(() => undefined);
          }
        } catch (err) {
          throw mapError(err, where);
        }
      },
      async write(sql) {
        try {
          await c.query(sql);
        } catch (err) {
          throw mapError(err, where);
        }
      },
      async close() {
        await c.end().catch(() => undefined);
      },
    };
  },
};
