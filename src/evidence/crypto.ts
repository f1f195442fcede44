// Hashes, Ed25519 keys and signatures for evidence bundles. node:crypto only.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { stableJson } from '../core/util.js';

export const sha256hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** JSON with sorted keys: what is hashed and signed. */
export const canonical = (v: unknown): string => stableJson(v);

/** Per-user configuration directory: $PROEFLAB_CONFIG_DIR, else $XDG_CONFIG_HOME/proeflab, else ~/.config/proeflab. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PROEFLAB_CONFIG_DIR) return env.PROEFLAB_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'proeflab');
}

export const defaultKeyFile = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'signing-key.pem');

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicPem: string;
  fingerprint: string;
  file?: string;
}

/** SSH-style fingerprint of an Ed25519 public key: SHA256:<base64 of sha256(SPKI DER)>. */
export function fingerprint(pub: KeyObject | string): string {
  const key = typeof pub === 'string' ? createPublicKey(pub) : pub;
  const der = key.export({ type: 'spki', format: 'der' });
  return 'SHA256:' + createHash('sha256').update(der).digest('base64').replace(/=+$/, '');
}

export class KeyError extends Error {
  override name = 'KeyError';
}

/** Create a key pair (private PEM mode 0600, public next to it as .pub.pem). Refuses to overwrite unless force. */
export function initKey(file = defaultKeyFile(), opts: { force?: boolean } = {}): SigningKey {
  if (existsSync(file) && !opts.force) throw new KeyError(`${file} bestaat al (gebruik --force om een nieuwe sleutel te maken)`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  chmodSync(file, 0o600);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(publicFileFor(file), publicPem);
  return { privateKey, publicKey, publicPem, fingerprint: fingerprint(publicKey), file };
}

export const publicFileFor = (file: string) => file.replace(/\.pem$/, '') + '.pub.pem';

export function loadKey(file = defaultKeyFile()): SigningKey {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    throw new KeyError(`geen ondertekeningssleutel in ${file} (maak er een met: proeflab keys init${file === defaultKeyFile() ? '' : ` --key ${file}`})`);
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KeyError(`${file}: geen Ed25519-sleutel (${privateKey.asymmetricKeyType})`);
  const publicKey = createPublicKey(privateKey);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, publicPem, fingerprint: fingerprint(publicKey), file };
}

/** Load the key, creating it first when it does not exist (installation key on first use). */
export function loadOrInitKey(file = defaultKeyFile()): { key: SigningKey; created: boolean } {
  if (existsSync(file)) return { key: loadKey(file), created: false };
  return { key: initKey(file), created: true };
}

export const signBytes = (key: SigningKey, data: string | Buffer): string => sign(null, Buffer.from(data), key.privateKey).toString('base64');

export function verifyBytes(publicPem: string, data: string | Buffer, signatureB64: string): boolean {
  try {
    return verify(null, Buffer.from(data), createPublicKey(publicPem), Buffer.from(signatureB64.trim(), 'base64'));
  } catch {
    return false;
  }
}
