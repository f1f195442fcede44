// Secrets never reach evidence or reports. Known secret values (from the lab's credentials) and
// secret-bearing configuration lines are replaced by <redacted>; the count is kept as a note.

export const REDACTED = '<redacted>';

/** Default values are findings, not secrets: a check must be able to say "community is still public". */
const NOT_SECRET = new Set(['', 'public', 'private', 'cisco', 'class', 'admin', 'password']);

/**
 * Patterns for secrets inside device output. Group 1 is kept, group 2 is the secret.
 * Covers IOS (enable secret, username secret/password, snmp-server community, key strings, tacacs/radius keys),
 * RouterOS export (password=, authentication-key=, wpa keys, secret=) and shadow-style hashes.
 */
const PATTERNS: RegExp[] = [
  /^(\s*enable (?:secret|password)(?: level \d+)?(?: \d+)? )(\S+)/gm,
  /^(\s*username \S+(?: privilege \d+)?(?: algorithm-type \S+)? (?:secret|password)(?: \d+)? )(\S+)/gm,
  /^(\s*(?:password|secret)(?: \d+)? )(\S+)/gm,
  /^(\s*snmp-server community )(\S+)/gm,
  /^(\s*snmp-server user \S+ \S+ v3 auth \S+ )(\S+)/gm,
  /(\bpriv \S+(?: \d+)? )(\S+)/gm,
  /^(\s*(?:key-string|key \d+|ip ospf message-digest-key \d+ md5(?: \d+)?|ip ospf authentication-key(?: \d+)?) )(\S+)/gm,
  /^(\s*(?:tacacs-server|radius-server) key(?: \d+)? )(\S+)/gm,
  /^(\s*ppp (?:chap|pap sent-username \S+) password(?: \d+)? )(\S+)/gm,
  /((?:^|\s)(?:password|authentication-key|wpa-pre-shared-key|wpa2-pre-shared-key|passphrase|secret|auth-password|encryption-password|private-key)=)("[^"]*"|\S+)/gm,
  /^(\S+:)(\$[0-9a-z]+\$[^:]+)(?=:)/gm,
];

export interface Redacted {
  text: string;
  count: number;
}

export function redact(text: string, secrets: readonly string[] = []): Redacted {
  let count = 0;
  let out = text;
  for (const p of PATTERNS) {
    out = out.replace(p, (m, keep: string, secret: string) => {
      const bare = secret.replace(/^"|"$/g, '');
      if (NOT_SECRET.has(bare.toLowerCase()) || secret === REDACTED) return m;
      count++;
      return keep + REDACTED;
    });
  }
  for (const s of secrets) {
    if (!s || s.length < 3 || NOT_SECRET.has(s.toLowerCase())) continue;
    const parts = out.split(s);
    if (parts.length > 1) {
      count += parts.length - 1;
      out = parts.join(REDACTED);
    }
  }
  return { text: out, count };
}

/** Redact every string inside a parsed value the same way. */
export function redactDeep<T>(value: T, secrets: readonly string[]): { value: T; count: number } {
  let count = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = redact(v, secrets);
      count += r.count;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(value) as T, count };
}
