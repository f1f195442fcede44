// SSH host keys for the simulators: generated in OpenSSH format by ssh2, with the fingerprint
// (SHA256:..., as `ssh-keygen -lf` prints it) that a lab file pins.
import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';

const { utils } = ssh2;

export function fingerprintOf(publicSsh: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(publicSsh).digest('base64').replace(/=+$/, '');
}

/** A new private host key. ssh2's OpenSSH encoder writes about one ed25519 key in 200 that its
 *  own parser rejects ("Malformed OpenSSH private key"); such a key is discarded and drawn again. */
export function generateHostKey(type: 'ed25519' | 'rsa' = 'ed25519'): string {
  for (let attempt = 1; ; attempt++) {
    const k = type === 'rsa' ? utils.generateKeyPairSync('rsa', { bits: 2048 }) : utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(k.private) instanceof Error)) return k.private;
    if (attempt >= 50) throw new Error(`could not generate a usable ${type} host key`);
  }
}

/** Fingerprint of a private host key in OpenSSH format. */
export function hostKeyFingerprint(privateKey: string): string {
  const parsed = utils.parseKey(privateKey);
  const k = Array.isArray(parsed) ? parsed[0] : parsed;
  if (k instanceof Error) throw k;
  return fingerprintOf(k.getPublicSSH() as Buffer);
}
