// TCP reachability from the harness: open, closed (refused) or filtered (no answer in time).
import { connect } from 'node:net';
import type { Gathered } from '../../src/core/types.js';

export interface TcpState {
  host: string;
  port: number;
  state: 'open' | 'closed' | 'filtered' | 'unresolved';
  rttMs?: number;
  reason?: string;
}

export function probeTcp(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<Gathered> {
  const started = performance.now();
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    let done = false;
    const finish = (s: TcpState) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      sock.destroy();
      resolve({
        command: `tcp connect ${host}:${port}`,
        transport: 'tcp',
        raw: `${host}:${port} ${s.state}${s.rttMs !== undefined ? ` ${s.rttMs} ms` : ''}${s.reason ? ` (${s.reason})` : ''}`,
        parsed: s,
      });
    };
    const timer = setTimeout(() => finish({ host, port, state: 'filtered', reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
    const onAbort = () => finish({ host, port, state: 'filtered', reason: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    sock.once('connect', () => finish({ host, port, state: 'open', rttMs: Math.round(performance.now() - started) }));
    sock.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') finish({ host, port, state: 'closed', reason: 'connection refused' });
      else if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') finish({ host, port, state: 'unresolved', reason: `name not found (${err.code})` });
      else finish({ host, port, state: 'filtered', reason: err.code ?? err.message });
    });
  });
}
