// Shapes of sql facts and helpers shared by checks/sql-*.ts.
import { LOCAL_HOSTS } from '../drivers/sql/grants.js';

export interface HbaRule { line: number; type: string; databases: string[]; users: string[]; address: string | null; netmask: string | null; method: string; error?: string }
export interface SqlUsers {
  engine: 'mariadb' | 'mysql' | 'postgres';
  users: { name: string; host?: string; canLogin?: boolean; superuser?: boolean }[];
  hba?: HbaRule[];
  hbaError?: string;
}
export interface SqlGrant { privileges: string[]; schema: string; table: string; grantOption?: boolean; host?: string }
export interface SqlGrants { engine: string; user: string; exists: boolean; superuser?: boolean; global?: string[]; grants: SqlGrant[]; hosts?: string[] }

const ip4 = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);

function inCidr(from: string, address: string, netmask: string | null): boolean {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(from)) return address === from;
  const [a, bits] = address.split('/');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(a ?? '')) return false;
  const mask = netmask ? ip4(netmask) : bits === undefined ? 0xffffffff : bits === '0' ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  return ((ip4(from) & mask) >>> 0) === ((ip4(a!) & mask) >>> 0);
}

/** First matching pg_hba line for a TCP connection of `user` from `from` decides (reject = no). */
export function pgHbaAllows(hba: HbaRule[], user: string, from: string): boolean {
  for (const h of hba) {
    if (h.error || h.type === 'local') continue;
    if (!(h.users.includes('all') || h.users.includes(user))) continue;
    const addr = h.address;
    const hit = addr === null || addr === 'all' ? true : addr === 'samehost' || addr === 'samenet' ? from.startsWith('127.') || from === '::1' || from === 'localhost' : inCidr(from === 'localhost' ? '127.0.0.1' : from, addr, h.netmask);
    if (hit) return h.method !== 'reject';
  }
  return false;
}

/** MySQL account host pattern that admits connections from elsewhere than this machine. */
export const isRemoteHost = (h: string) => !LOCAL_HOSTS.has(h.toLowerCase());
