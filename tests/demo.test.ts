// The demo exam against the built-in stand-ins: the candidate who did it right passes every
// automated criterion, the other fails exactly the criteria that were set up wrong.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../src/core/registry.js';
import { run } from '../src/core/runner.js';
import { startDemoLab } from '../src/demo/demo.js';

describe('demo exam on the stand-ins', () => {
  it('grades the right and the wrong candidate as an examiner would', async () => {
    const demo = await startDemoLab(mkdtempSync(join(tmpdir(), 'proeflab-demo-')), { network: false });
    try {
      const r = await run({ exams: [demo.exam], lab: demo.lab, registry: createRegistry() });
      const [good, bad] = r.results;
      const status = (p: typeof good) => Object.fromEntries(p.criteria.map((c) => [c.id, c.status]));
      expect(status(good)).toEqual({
        'https-bereikbaar': 'pass', startpagina: 'pass', 'http-doorverwijzing': 'pass', certificaat: 'pass', hsts: 'pass',
        'dns-www': 'pass', 'dns-alias': 'pass', 'dns-mail': 'pass', 'beheer-ssh': 'pass', bereikbaar: 'pass', toelichting: 'manual',
      });
      expect(status(bad)).toEqual({
        'https-bereikbaar': 'pass', startpagina: 'fail', 'http-doorverwijzing': 'fail', certificaat: 'fail', hsts: 'pass',
        'dns-www': 'pass', 'dns-alias': 'fail', 'dns-mail': 'fail', 'beheer-ssh': 'fail', bereikbaar: 'pass', toelichting: 'manual',
      });
      expect(bad.score.outcome).toBe('onvoldoende');
      expect(bad.score.cruciaalFailed).toEqual(['startpagina']);
      expect(good.score.outcome).toBe('onbepaald'); // observation criterion still to be scored
      // Titles carry the candidate's own values.
      expect(good.criteria.find((c) => c.id === 'dns-www')?.title).toBe('www.100001.examen.lab verwijst naar de webserver');
      // Dedupe: the HTTPS page is fetched once for three criteria.
      expect(r.summary.factsFetched).toBeLessThan(r.summary.factsRequested);
    } finally {
      await demo.close();
    }
  });

  it('grades the network exam on the simulated switch, router and SNMP agent', async () => {
    const demo = await startDemoLab(mkdtempSync(join(tmpdir(), 'proeflab-demo-')));
    try {
      const r = await run({ exams: [demo.network!], lab: demo.lab, registry: createRegistry() });
      const [good, bad] = r.results;
      const automated = (p: typeof good) => p.criteria.filter((c) => !c.observe);
      expect(automated(good).filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      const status = Object.fromEntries(bad.criteria.map((c) => [c.id, c.status]));
      expect(status).toMatchObject({
        'sw-naam': 'fail', 'sw-vlan-gebruikers': 'fail', 'sw-vlan-beheer': 'pass', 'sw-toegangspoort': 'skipped', 'sw-trunk': 'fail',
        'sw-ssh': 'fail', 'sw-gebruiker': 'fail', 'sw-enable': 'pass', 'sw-opgeslagen': 'fail', 'snmp-community': 'fail', 'snmp-locatie': 'fail',
        'mt-naam': 'fail', 'mt-vlan': 'fail', 'mt-dhcp': 'skipped', 'mt-nat': 'fail', 'mt-diensten': 'fail',
      });
      // Device identity is recorded with every run; secrets never reach the evidence.
      const sw = good.devices.find((d) => d.role === 'sw1');
      expect(sw?.identity).toMatchObject({ model: expect.stringMatching(/WS-C2960/), serial: expect.any(String) });
      const secrets = Object.values((await import('yaml')).parse((await import('node:fs')).readFileSync(join(demo.labFile, '..', 'secrets.yaml'), 'utf8')) as Record<string, string>).filter((v) => v !== 'public');
      const everything = JSON.stringify(r);
      for (const sec of secrets) expect(everything).not.toContain(sec);
    } finally {
      await demo.close();
    }
  });
});
