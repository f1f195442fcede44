import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateHostKey, hostKeyFingerprint } from './host-key.js';

describe('simulator host keys', () => {
  it('every generated ed25519 key is one ssh2 can load (raw ssh2 output fails about 1 in 200)', () => {
    for (let i = 0; i < 2000; i++) {
      expect(ssh2.utils.parseKey(generateHostKey())).not.toBeInstanceOf(Error);
    }
  });

  it('prints the fingerprint ssh-keygen prints', () => {
    const key = generateHostKey();
    const dir = mkdtempSync(join(tmpdir(), 'hostkey-'));
    writeFileSync(join(dir, 'k'), key, { mode: 0o600 });
    const out = execFileSync('ssh-keygen', ['-lf', join(dir, 'k')], { encoding: 'utf8' }); // openssh-client: .ci/debian-packages.txt
    expect(out.split(' ')[1]).toBe(hostKeyFingerprint(key));
  });
});
