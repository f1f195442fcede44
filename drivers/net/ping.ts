// ICMP echo from the harness through the `ping` package (system ping; iputils-ping on Debian).
import ping from 'ping';
import { ObservationError, type Gathered } from '../../src/core/types.js';

export interface PingResult {
  host: string;
  alive: boolean;
  sent: number;
  packetLoss: number;
  avgMs?: number;
}

export async function probePing(host: string, count: number, timeoutS: number): Promise<Gathered> {
  let res: ping.PingResponse;
  try {
    res = await ping.promise.probe(host, { timeout: timeoutS, min_reply: count, extra: ['-n'] });
  } catch (err) {
    throw new ObservationError(`ping kon niet worden uitgevoerd: ${(err as Error).message} (is iputils-ping geïnstalleerd?)`);
  }
  if (!res.output && !res.alive) throw new ObservationError('ping gaf geen uitvoer (is iputils-ping geïnstalleerd?)');
  const loss = Number.parseFloat(String(res.packetLoss));
  const avg = Number.parseFloat(String(res.avg));
  const parsed: PingResult = {
    host,
    alive: res.alive,
    sent: count,
    packetLoss: Number.isFinite(loss) ? loss : res.alive ? 0 : 100,
    ...(Number.isFinite(avg) ? { avgMs: avg } : {}),
  };
  return { command: `ping -n -c ${count} ${host}`, transport: 'icmp', raw: res.output, parsed };
}
