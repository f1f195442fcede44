// Installed roles/features (AD DS, DNS, DHCP, File Server, IIS, …).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from './windows-common.js';

/** Exam-friendly names → Get-WindowsFeature names. */
export const FEATURE_ALIASES: Record<string, string> = { 'ad ds': 'AD-Domain-Services', adds: 'AD-Domain-Services', dns: 'DNS', dhcp: 'DHCP', 'file server': 'FS-FileServer', fileserver: 'FS-FileServer', iis: 'Web-Server', 'web server': 'Web-Server' };
const Params = z.object({ features: z.array(z.string()).min(1), installed: z.boolean().default(true) }).strict();
type P = z.infer<typeof Params>;

export const windowsFeature: CheckKind<P> = {
  kind: 'windows.feature',
  description: 'Rollen en onderdelen zijn geïnstalleerd (AD DS, DNS, DHCP, File Server, IIS, …) of juist niet',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.features')],
  evaluate(p, f, t) {
    const { features } = f.parsed<{ features: { name: string; installed: boolean }[] }>(req(t, 'windows.features'));
    const have = new Set(features.filter((x) => x.installed).map((x) => x.name.toLowerCase()));
    const want = p.features.map((x) => FEATURE_ALIASES[x.toLowerCase()] ?? x);
    const wrong = want.filter((w) => have.has(w.toLowerCase()) !== p.installed);
    if (wrong.length) return fail(p.installed ? `niet geïnstalleerd: ${list(wrong)}` : `toch geïnstalleerd: ${list(wrong)}`, want, [...have]);
    return pass(p.installed ? `geïnstalleerd: ${list(want)}` : `niet geïnstalleerd: ${list(want)}`, want, features.map((x) => x.name));
  },
};
