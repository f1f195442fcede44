// Interface names: IOS prints them long (GigabitEthernet0/1), short (Gi0/1) or with a space
// (CDP: `Gig 1/0/10`). Checks compare them in canonical (long) form.

const LONG: Array<[string[], string]> = [
  [['gi', 'gig', 'ge', 'gige', 'gigabit', 'gigabitethernet'], 'GigabitEthernet'],
  [['fa', 'fas', 'fastethernet'], 'FastEthernet'],
  [['te', 'ten', 'tengig', 'tengige', 'tengigabitethernet'], 'TenGigabitEthernet'],
  [['tw', 'two', 'twogigabitethernet'], 'TwoGigabitEthernet'],
  [['twe', 'twentyfivegige', 'twentyfivegigabitethernet'], 'TwentyFiveGigE'],
  [['fo', 'for', 'fortygigabitethernet', 'fortygige'], 'FortyGigabitEthernet'],
  [['hu', 'hun', 'hundredgige', 'hundredgigabitethernet'], 'HundredGigE'],
  [['fiv', 'fivegigabitethernet'], 'FiveGigabitEthernet'],
  [['ap', 'appgigabitethernet'], 'AppGigabitEthernet'],
  [['e', 'et', 'eth', 'ethernet'], 'Ethernet'],
  [['po', 'port-channel', 'portchannel'], 'Port-channel'],
  [['vl', 'vlan'], 'Vlan'],
  [['lo', 'loopback'], 'Loopback'],
  [['tu', 'tunnel'], 'Tunnel'],
  [['se', 'serial'], 'Serial'],
  [['di', 'dialer'], 'Dialer'],
  [['mu', 'multilink'], 'Multilink'],
  [['nu', 'null'], 'Null'],
  [['bd', 'bdi'], 'BDI'],
  [['vi', 'virtual-access'], 'Virtual-Access'],
  [['vt', 'virtual-template'], 'Virtual-Template'],
  [['ce', 'cellular'], 'Cellular'],
  [['at', 'atm'], 'ATM'],
  [['mgmt', 'management'], 'Management'],
];

const SHORT: Record<string, string> = {
  GigabitEthernet: 'Gi',
  FastEthernet: 'Fa',
  TenGigabitEthernet: 'Te',
  TwoGigabitEthernet: 'Tw',
  TwentyFiveGigE: 'Twe',
  FortyGigabitEthernet: 'Fo',
  HundredGigE: 'Hu',
  FiveGigabitEthernet: 'Fi',
  AppGigabitEthernet: 'Ap',
  Ethernet: 'Et',
  'Port-channel': 'Po',
  Vlan: 'Vl',
  Loopback: 'Lo',
  Tunnel: 'Tu',
  Serial: 'Se',
  Dialer: 'Di',
  Multilink: 'Mu',
  Null: 'Nu',
  'Virtual-Access': 'Vi',
  'Virtual-Template': 'Vt',
};

const BY_ABBR = new Map<string, string>();
for (const [abbrs, long] of LONG) for (const a of abbrs) BY_ABBR.set(a, long);

/** Canonical long interface name: `gi0/1`, `Gi 0/1`, `GigabitEthernet0/1` → `GigabitEthernet0/1`. */
export function canonicalInterface(name: string): string {
  const t = name.trim();
  const m = /^([A-Za-z][A-Za-z-]*?)\s*(\d[\d/.:]*)$/.exec(t);
  if (!m) return t;
  const key = m[1].toLowerCase();
  const long = BY_ABBR.get(key) ?? LONG.find(([abbrs]) => abbrs[abbrs.length - 1].startsWith(key) && key.length >= 2)?.[1];
  return long ? long + m[2] : m[1] + m[2];
}

/** Short interface name as IOS prints it in tables: `GigabitEthernet0/1` → `Gi0/1`. */
export function shortInterface(name: string): string {
  const c = canonicalInterface(name);
  const m = /^([A-Za-z][A-Za-z-]*?)(\d[\d/.:]*)$/.exec(c);
  if (!m) return c;
  return (SHORT[m[1]] ?? m[1]) + m[2];
}

/** Same interface, whatever the spelling. */
export function sameInterface(a: string, b: string): boolean {
  return canonicalInterface(a).toLowerCase() === canonicalInterface(b).toLowerCase();
}
