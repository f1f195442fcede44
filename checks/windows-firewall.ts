// Windows Firewall: profiles enabled with a blocking inbound default, and/or a rule present.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, ieq, list, pass, req } from './windows-common.js';

const Params = z
  .object({
    profiles: z.array(z.enum(['Domain', 'Private', 'Public'])).optional(),
    default_inbound: z.enum(['Block', 'Allow']).optional(),
    rule: z.object({ name: z.string().optional(), port: z.string().optional(), protocol: z.string().optional(), action: z.enum(['Allow', 'Block']).default('Allow'), direction: z.enum(['Inbound', 'Outbound']).default('Inbound') }).strict().optional(),
  })
  .strict();
type P = z.infer<typeof Params>;
interface Fw { profiles: { name: string; enabled: boolean; defaultInbound: string }[]; rules: { name: string; displayName: string; enabled: boolean; direction: string; action: string; protocol: string; localPorts: string[] }[] }

export const windowsFirewall: CheckKind<P> = {
  kind: 'windows.firewall',
  description: 'Windows Firewall staat aan voor de profielen, blokkeert inkomend standaard en/of heeft de gevraagde regel',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.firewall')],
  evaluate(p, f, t) {
    const fw = f.parsed<Fw>(req(t, 'windows.firewall'));
    const profs = fw.profiles.filter((x) => !p.profiles || p.profiles.includes(x.name as never));
    const off = profs.filter((x) => !x.enabled).map((x) => x.name);
    if (p.profiles && off.length) return fail(`firewallprofiel uit: ${list(off)}`, p.profiles, fw.profiles);
    if (p.default_inbound) {
      // NotConfigured on an enabled profile means the Windows default: Block.
      const bad = profs.filter((x) => (x.defaultInbound === 'NotConfigured' ? 'Block' : x.defaultInbound) !== p.default_inbound).map((x) => `${x.name} (${x.defaultInbound})`);
      if (bad.length) return fail(`standaard inkomend is niet ${p.default_inbound} voor ${list(bad)}`, p.default_inbound, fw.profiles);
    }
    if (p.rule) {
      const r = p.rule;
      const hit = fw.rules.find((x) => x.enabled && x.direction === r.direction && x.action === r.action && (!r.name || ieq(x.displayName, r.name) || ieq(x.name, r.name)) && (!r.port || x.localPorts.some((lp) => lp === r.port || (lp.includes('-') && Number(r.port) >= Number(lp.split('-')[0]) && Number(r.port) <= Number(lp.split('-')[1])))) && (!r.protocol || ieq(x.protocol, r.protocol)));
      if (!hit) return fail(`geen actieve firewallregel ${r.action} ${r.direction}${r.name ? ` '${r.name}'` : ''}${r.port ? ` poort ${r.port}` : ''}`, r, fw.rules.filter((x) => x.enabled).map((x) => `${x.displayName}: ${x.action} ${x.protocol} ${x.localPorts.join(',')}`));
      return pass(`firewallregel '${hit.displayName}' (${hit.action} ${hit.protocol} ${hit.localPorts.join(',')})`, r, hit);
    }
    return pass(`firewall: ${profs.map((x) => `${x.name} ${x.enabled ? 'aan' : 'uit'} (${x.defaultInbound})`).join(', ')}`, undefined, fw.profiles);
  },
};
