import { describe, expect, it } from 'vitest';
import { drawVariables, interpolate, interpolateDeep, subnetFromCidr } from '../../src/core/vars.js';

const defs = {
  vlan: { int: [10, 99] as [number, number] },
  vlan2: { int: [10, 99] as [number, number] },
  net: { subnet: '10.0.0.0/8', prefix: 24 },
  host: { choice: ['sw-a', 'sw-b', 'sw-c'] },
  name: { template: 'vlan{{vlan}}' },
};

describe('per-candidate variables', () => {
  it('are reproducible per candidate and differ between candidates', () => {
    const a1 = drawVariables(defs, 'exam', '100001');
    const a2 = drawVariables(defs, 'exam', '100001');
    expect(a1).toEqual(a2);
    const others = ['100002', '100003', '100004', '100005'].map((c) => drawVariables(defs, 'exam', c));
    expect(others.some((o) => o.vlan !== a1.vlan || JSON.stringify(o.net) !== JSON.stringify(a1.net))).toBe(true);
  });

  it('never draws the same value for two int variables', () => {
    for (let i = 0; i < 50; i++) {
      const v = drawVariables({ a: { int: [1, 3] }, b: { int: [1, 3] }, c: { int: [1, 3] } }, 's', String(i));
      expect(new Set([v.a, v.b, v.c]).size).toBe(3);
    }
  });

  it('draws subnets inside the pool with derived addresses', () => {
    const v = drawVariables(defs, 'exam', '1');
    const s = v.net as ReturnType<typeof subnetFromCidr>;
    expect(s.prefix).toBe(24);
    expect(s.network).toMatch(/^10\.\d+\.\d+\.0$/);
    expect(s.mask).toBe('255.255.255.0');
    expect(s.first).toBe(s.network.replace(/0$/, '1'));
    expect(interpolate('{{net.host10}}', v)).toBe(s.network.replace(/0$/, '10'));
  });

  it('templates use earlier variables; pod overrides win', () => {
    const v = drawVariables(defs, 'exam', '1', { vlan: 42 });
    expect(v.vlan).toBe(42);
    expect(v.name).toBe('vlan42');
  });

  it('a whole-template string keeps its type; mixed strings render', () => {
    const scope = { n: 5, s: subnetFromCidr('192.168.10.0/24') };
    expect(interpolate('{{n}}', scope)).toBe(5);
    expect(interpolate('port {{ n }}', scope)).toBe('port 5');
    expect(interpolateDeep({ a: ['{{s}}', '{{s.mask}}'] }, scope)).toEqual({ a: ['192.168.10.0/24', '255.255.255.0'] });
    expect(() => interpolate('{{nope}}', scope)).toThrow(/unknown variable 'nope'/);
  });
});
