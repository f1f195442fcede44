// A port is an access port in VLAN n, or a trunk with the allowed and native VLANs (show interfaces switchport).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { Switchport } from '../drivers/cisco-ios/parsers/interfaces-switchport.js';
import { CISCO, CMD, canonicalInterface, fail, pass, sameInterface, show, vlanSet, vlanText } from './cisco-common.js';

const VlanList = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);

const Params = z.object({
  interface: z.string(),
  mode: z.enum(['access', 'trunk']),
  /** Access VLAN (mode access). */
  vlan: z.coerce.number().int().min(1).max(4094).optional(),
  voiceVlan: z.coerce.number().int().min(1).max(4094).optional(),
  /** Trunk: allowed VLANs, e.g. `10,20,99` or [10, 20, 99]. */
  allowedVlans: VlanList.optional(),
  /** `exact`: the allowed list must be exactly this; `includes`: at least these VLANs. */
  allowedMatch: z.enum(['exact', 'includes']).default('exact'),
  nativeVlan: z.coerce.number().int().min(1).max(4094).optional(),
});

export const ciscoSwitchport: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.switchport',
  description: 'Poort is access-poort in VLAN n, of trunk met de toegestane en native VLANs',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.switchport)],
  evaluate(p, facts, t) {
    const ports = facts.parsed<Switchport[]>(show(t.device, CMD.switchport));
    const sp = ports.find((x) => sameInterface(x.interface, p.interface));
    const name = canonicalInterface(p.interface);
    const expected: Record<string, unknown> = { interface: name, mode: p.mode };
    if (p.vlan !== undefined) expected.vlan = p.vlan;
    if (p.voiceVlan !== undefined) expected.voiceVlan = p.voiceVlan;
    if (p.allowedVlans !== undefined) expected.allowedVlans = vlanText(vlanSet(p.allowedVlans));
    if (p.nativeVlan !== undefined) expected.nativeVlan = p.nativeVlan;
    if (!sp) return fail(`poort ${name} niet gevonden op ${t.device} (show interfaces switchport)`, expected, { poorten: ports.map((x) => x.interface) });
    const actual = {
      interface: name,
      switchport: sp.switchport,
      adminMode: sp.adminMode,
      operationalMode: sp.operationalMode,
      vlan: sp.accessVlan,
      voiceVlan: sp.voiceVlan,
      allowedVlans: sp.trunkingVlans,
      nativeVlan: sp.nativeVlan,
    };
    if (!sp.switchport) return fail(`${name} is geen switchpoort (no switchport), verwacht ${p.mode}`, expected, actual);
    const problems: string[] = [];
    if (p.mode === 'access') {
      if (sp.adminMode !== 'static access') problems.push(`mode is '${sp.adminMode}', verwacht 'static access' (switchport mode access)`);
      if (p.vlan !== undefined && sp.accessVlan !== p.vlan) problems.push(`access-VLAN is ${sp.accessVlan ?? sp.accessVlanText}, verwacht ${p.vlan}`);
      if (p.voiceVlan !== undefined && sp.voiceVlan !== p.voiceVlan) problems.push(`voice-VLAN is ${sp.voiceVlan ?? sp.voiceVlanText}, verwacht ${p.voiceVlan}`);
    } else {
      if (sp.adminMode !== 'trunk' && sp.operationalMode !== 'trunk') problems.push(`mode is '${sp.adminMode}' (operationeel '${sp.operationalMode}'), verwacht trunk`);
      if (p.allowedVlans !== undefined) {
        const want = vlanSet(p.allowedVlans);
        const have = vlanSet(sp.trunkingVlans);
        const missing = [...want].filter((v) => !have.has(v));
        const extra = [...have].filter((v) => !want.has(v));
        if (missing.length || (p.allowedMatch === 'exact' && extra.length))
          problems.push(`toegestane VLANs zijn ${vlanText(have)}, verwacht ${p.allowedMatch === 'exact' ? '' : 'minstens '}${vlanText(want)}`);
      }
      if (p.nativeVlan !== undefined && sp.nativeVlan !== p.nativeVlan) problems.push(`native VLAN is ${sp.nativeVlan}, verwacht ${p.nativeVlan}`);
    }
    if (problems.length) return fail(`${name}: ${problems.join('; ')}`, expected, actual);
    const what =
      p.mode === 'access'
        ? `access-poort${p.vlan !== undefined ? ` in VLAN ${p.vlan}` : ''}${p.voiceVlan !== undefined ? `, voice-VLAN ${p.voiceVlan}` : ''}`
        : `trunk${p.allowedVlans !== undefined ? `, toegestane VLANs ${vlanText(vlanSet(sp.trunkingVlans))}` : ''}${p.nativeVlan !== undefined ? `, native VLAN ${sp.nativeVlan}` : ''}`;
    return pass(`${name} is ${what}`, expected, actual);
  },
};
