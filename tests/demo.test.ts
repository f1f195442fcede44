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
    const demo = await startDemoLab(mkdtempSync(join(tmpdir(), 'proeflab-demo-')));
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
});
