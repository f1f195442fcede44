// routeros.wireless-security: the wireless network is secured with WPA2-PSK and/or WPA3-PSK with a
// pre-shared key of at least 8 characters. RouterOS 6 (`/interface wireless` + security-profiles) and
// 7 (`/interface wifi` + `/interface wifi security`, or inline `security.*`) are both read; the menus
// the device's version does not have read as empty (printIfExists). PSKs are only seen masked (`<secret:N>`).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { csv, enabled, fail, pass, printIfExists, recordsIfExists, ROUTEROS, secretLength, type Rec } from './routeros-common.js';

const Params = z.object({
  ssid: z.string().optional(),
  interface: z.string().optional(),
  /** At least one of these authentication types must be set, and nothing weaker. */
  allowed: z.array(z.enum(['wpa2-psk', 'wpa3-psk'])).default(['wpa2-psk', 'wpa3-psk']),
  minKeyLength: z.number().int().min(8).default(8),
});

const V6 = ['/interface wireless', '/interface wireless security-profiles'];
const V7 = ['/interface wifi', '/interface wifi security'];

interface Radio {
  name: string;
  ssid: string;
  types: string[];
  keyLength?: number;
  mode?: string;
  disabled: boolean;
}

export const routerosWirelessSecurity: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.wireless-security',
  description: 'RouterOS: draadloos netwerk beveiligd met WPA2/WPA3-PSK (sleutel van minstens 8 tekens)',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [...V6, ...V7].map((m) => printIfExists(t.device, m)),
  evaluate(p, facts, t) {
    const radios: Radio[] = [];
    const w6 = recordsIfExists(facts, t.device, V6[0]);
    const prof = recordsIfExists(facts, t.device, V6[1]);
    const w7 = recordsIfExists(facts, t.device, V7[0]);
    const sec7 = recordsIfExists(facts, t.device, V7[1]);
    for (const w of w6) {
      const sp = prof.find((x) => x.name === (w['security-profile'] || 'default')) ?? ({} as Rec);
      const wpa2 = secretLength(sp['wpa2-pre-shared-key']);
      const wpa = secretLength(sp['wpa-pre-shared-key']);
      radios.push({
        name: w.name, ssid: w.ssid ?? '', disabled: !enabled(w), mode: sp.mode,
        types: sp.mode === 'dynamic-keys' ? csv(sp['authentication-types']) : [],
        keyLength: Math.max(wpa2 ?? 0, wpa ?? 0) || undefined,
      });
    }
    for (const w of w7) {
      const sp = sec7.find((x) => x.name === w.security) ?? ({} as Rec);
      const types = csv(w['security.authentication-types']).length ? csv(w['security.authentication-types']) : csv(sp['authentication-types']);
      const key = secretLength(w['security.passphrase'] || undefined) ?? secretLength(sp.passphrase);
      radios.push({ name: w.name, ssid: w['configuration.ssid'] ?? w.ssid ?? '', disabled: !enabled(w), types, keyLength: key || undefined });
    }
    const cands = radios.filter((r) => (!p.ssid || r.ssid === p.ssid) && (!p.interface || r.name === p.interface));
    const expected = { ssid: p.ssid, authenticatie: p.allowed, minimaleSleutellengte: p.minKeyLength };
    const actual = radios.map((r) => ({ interface: r.name, ssid: r.ssid, aan: !r.disabled, authenticatie: r.types, sleutellengte: r.keyLength ?? 0 }));
    if (!cands.length) return fail(p.ssid ? `geen draadloze interface met SSID '${p.ssid}'` : 'geen draadloze interface gevonden', expected, actual);
    const r = cands.find((c) => !c.disabled) ?? cands[0];
    const problems: string[] = [];
    if (r.disabled) problems.push(`${r.name} staat uit`);
    const good = r.types.filter((x) => (p.allowed as string[]).includes(x));
    const weak = r.types.filter((x) => !(p.allowed as string[]).includes(x));
    if (!good.length) problems.push(r.types.length ? `${r.name} gebruikt ${r.types.join(', ')}, verwacht ${p.allowed.join(' of ')}` : `${r.name} is onbeveiligd (geen WPA2/WPA3)`);
    if (weak.length) problems.push(`${r.name} staat ook ${weak.join(', ')} toe`);
    if ((r.keyLength ?? 0) < p.minKeyLength) problems.push(`de sleutel van ${r.name} is ${r.keyLength ? `${r.keyLength} tekens` : 'niet ingesteld'}, minstens ${p.minKeyLength}`);
    return problems.length ? fail(problems.join('; '), expected, actual) : pass(`${r.name} (SSID '${r.ssid}') beveiligd met ${good.join(' + ')}, sleutel van ${r.keyLength} tekens`, expected, actual);
  },
};
