// An NTP server is configured, and optionally the clock is synchronised (show ntp status).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { NtpStatus } from '../drivers/cisco-ios/parsers/ntp.js';
import { CISCO, CMD, fail, list, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({
  server: z.string(),
  synchronized: z.boolean().default(false),
});

export const ciscoNtp: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.ntp',
  description: 'NTP-server is ingesteld, eventueel ook gesynchroniseerd',
  params: Params,
  platforms: CISCO,
  facts: (p, t) => [show(t.device, CMD.run), ...(p.synchronized ? [show(t.device, CMD.ntpStatus)] : [])],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const servers = cfg.ntp.servers.map((s) => s.address);
    const expected = { server: p.server, ...(p.synchronized ? { synchronized: true } : {}) };
    const actual: Record<string, unknown> = { servers };
    if (!servers.includes(p.server)) return fail(`NTP-server ${p.server} niet ingesteld op ${t.device}; wel: ${list(servers)}`, expected, actual);
    if (p.synchronized) {
      const st = facts.parsed<NtpStatus>(show(t.device, CMD.ntpStatus));
      actual.synchronized = st.synchronized;
      actual.reference = st.reference || 'geen';
      if (!st.synchronized) return fail(`NTP-server ${p.server} is ingesteld maar de klok is niet gesynchroniseerd (stratum ${st.stratum ?? '?'})`, expected, actual);
      return pass(`NTP-server ${p.server} is ingesteld; klok gesynchroniseerd met ${st.reference} (stratum ${st.stratum})`, expected, actual);
    }
    return pass(`NTP-server ${p.server} is ingesteld`, expected, actual);
  },
};
