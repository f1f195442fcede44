// The simulated RouterOS configuration: menus, items, add/set/remove, and how RouterOS renders
// them (`/export` compact/verbose/terse, `print` table/detail/terse/single). One state is shared
// by the API server and the SSH CLI of a simulator instance.
import { quoteValue } from '../../drivers/routeros/parsers/values.js';

export type Item = Record<string, string>;

export class RosError extends Error {
  constructor(
    message: string,
    /** API trap category (0 missing item or command, 1 argument value failure, 2 interrupted, ...). */
    readonly category?: number,
  ) {
    super(message);
  }
}

interface MenuDef {
  path: string;
  /** One item without .id (`/system identity`). */
  single?: boolean;
  /** Print only. */
  readonly?: boolean;
  /** Items exist from the start and can only be set (ethernet ports, services). */
  fixed?: boolean;
  /** Defaults of a new item (or of the single item); also the properties the menu knows. */
  defaults: Item;
  /** Other accepted properties without a default. */
  extra?: string[];
  required?: string[];
  bool?: string[];
  /** Hidden in a v7 export unless show-sensitive (and in v6 with hide-sensitive). */
  sensitive?: string[];
  /** Write-only: never printed or exported (passwords). */
  writeOnly?: string[];
  /** Not part of `/export`. */
  noExport?: boolean;
  /** Export selector of an existing item (`[ find default-name=ether1 ]`, `telnet`). */
  selector?: (it: Item) => string;
  /** Flag letter → boolean property. */
  flags: [string, string][];
  /** Columns of the plain `print` table. */
  columns: string[];
  /** Properties computed from the state, shown by print (never exported). */
  computed?: (it: Item, st: RosState) => Item;
}

const FW_PROPS = [
  'chain', 'action', 'protocol', 'src-address', 'dst-address', 'src-port', 'dst-port', 'in-interface', 'out-interface',
  'in-interface-list', 'out-interface-list', 'src-address-list', 'dst-address-list', 'connection-state', 'connection-nat-state',
  'to-addresses', 'to-ports', 'jump-target', 'log', 'log-prefix', 'ipsec-policy', 'icmp-options', 'limit', 'reject-with', 'place-before',
];

const X: [string, string] = ['X', 'disabled'];

function menus(v7: boolean): MenuDef[] {
  return [
    { path: '/system identity', single: true, defaults: { name: 'MikroTik' }, flags: [], columns: [] },
    {
      path: '/system resource',
      single: true,
      readonly: true,
      noExport: true,
      defaults: {},
      flags: [],
      columns: [],
    },
    { path: '/system routerboard', single: true, readonly: true, noExport: true, defaults: {}, flags: [], columns: [] },
    { path: '/system license', single: true, readonly: true, noExport: true, defaults: {}, flags: [], columns: [] },
    {
      path: '/interface bridge',
      defaults: { name: '', mtu: 'auto', 'protocol-mode': 'rstp', 'vlan-filtering': 'false', pvid: '1', 'frame-types': 'admit-all', 'ingress-filtering': v7 ? 'true' : 'false', comment: '', disabled: 'false' },
      extra: ['admin-mac', 'auto-mac'],
      required: ['name'],
      bool: ['vlan-filtering', 'ingress-filtering', 'disabled', 'auto-mac'],
      flags: [X, ['R', 'running']],
      columns: ['NAME', 'MTU', 'PROTOCOL-MODE', 'VLAN-FILTERING'],
      computed: () => ({ running: 'true' }),
    },
    {
      path: '/interface ethernet',
      fixed: true,
      defaults: { name: '', 'default-name': '', mtu: '1500', 'mac-address': '', comment: '', disabled: 'false' },
      bool: ['disabled'],
      selector: (it) => `[ find default-name=${it['default-name']} ]`,
      flags: [X, ['R', 'running'], ['S', 'slave']],
      columns: ['NAME', 'MTU', 'MAC-ADDRESS'],
      computed: (it, st) => ({ running: it.disabled === 'true' ? 'false' : 'true', slave: st.list('/interface bridge port').some((p) => p.interface === it.name) ? 'true' : 'false' }),
    },
    ...(v7
      ? [
          {
            path: '/interface wifi security',
            defaults: { name: '', 'authentication-types': '', passphrase: '', comment: '', disabled: 'false' },
            required: ['name'],
            bool: ['disabled'],
            sensitive: ['passphrase'],
            flags: [X],
            columns: ['NAME', 'AUTHENTICATION-TYPES'],
          } satisfies MenuDef,
          {
            path: '/interface wifi',
            fixed: true,
            defaults: { name: '', 'default-name': '', 'configuration.ssid': '', 'configuration.mode': 'ap', security: '', 'security.authentication-types': '', 'security.passphrase': '', comment: '', disabled: 'true' },
            bool: ['disabled'],
            sensitive: ['security.passphrase'],
            selector: (it) => `[ find default-name=${it['default-name']} ]`,
            flags: [X, ['R', 'running']],
            columns: ['NAME', 'CONFIGURATION.SSID', 'SECURITY'],
            computed: (it) => ({ running: it.disabled === 'true' ? 'false' : 'true' }),
          } satisfies MenuDef,
        ]
      : [
          {
            path: '/interface wireless security-profiles',
            defaults: { name: '', mode: 'none', 'authentication-types': '', 'wpa2-pre-shared-key': '', 'wpa-pre-shared-key': '', 'supplicant-identity': 'MikroTik', default: 'false', comment: '' },
            required: ['name'],
            sensitive: ['wpa2-pre-shared-key', 'wpa-pre-shared-key'],
            selector: (it) => (it.default === 'true' ? '[ find default=yes ]' : `[ find name=${quoteValue(it.name)} ]`),
            flags: [['*', 'default']],
            columns: ['NAME', 'MODE', 'AUTHENTICATION-TYPES'],
          } satisfies MenuDef,
          {
            path: '/interface wireless',
            fixed: true,
            defaults: { name: '', 'default-name': '', ssid: 'MikroTik', mode: 'station', band: '2ghz-b/g/n', 'security-profile': 'default', comment: '', disabled: 'true' },
            bool: ['disabled'],
            selector: (it) => `[ find default-name=${it['default-name']} ]`,
            flags: [X, ['R', 'running']],
            columns: ['NAME', 'SSID', 'MODE', 'SECURITY-PROFILE'],
            computed: (it) => ({ running: it.disabled === 'true' ? 'false' : 'true' }),
          } satisfies MenuDef,
        ]),
    {
      path: '/interface vlan',
      defaults: { name: '', interface: '', 'vlan-id': '', mtu: '1500', comment: '', disabled: 'false' },
      required: ['name', 'interface', 'vlan-id'],
      bool: ['disabled'],
      flags: [X, ['R', 'running']],
      columns: ['NAME', 'MTU', 'VLAN-ID', 'INTERFACE'],
      computed: () => ({ running: 'true' }),
    },
    {
      // Built-in lists (all, none, dynamic, static) exist from the start, are never exported and cannot be removed.
      path: '/interface list',
      defaults: { name: '', comment: '', builtin: 'false' },
      extra: ['include', 'exclude'],
      required: ['name'],
      bool: ['builtin'],
      flags: [['*', 'builtin']],
      columns: ['NAME'],
    },
    {
      path: '/interface list member',
      defaults: { list: '', interface: '', comment: '', disabled: 'false' },
      required: ['list', 'interface'],
      bool: ['disabled'],
      flags: [X, ['D', 'dynamic']],
      columns: ['LIST', 'INTERFACE'],
      computed: () => ({ dynamic: 'false' }),
    },
    {
      path: '/ip pool',
      defaults: { name: '', ranges: '', comment: '' },
      extra: ['next-pool'],
      required: ['name', 'ranges'],
      flags: [],
      columns: ['NAME', 'RANGES'],
    },
    {
      path: '/ip dhcp-server',
      defaults: { name: '', interface: '', 'address-pool': 'static-only', 'lease-time': v7 ? '30m' : '10m', comment: '', disabled: 'false' },
      required: ['name', 'interface'],
      bool: ['disabled'],
      flags: [X, ['I', 'invalid']],
      columns: ['NAME', 'INTERFACE', 'RELAY', 'ADDRESS-POOL', 'LEASE-TIME'],
      computed: () => ({ invalid: 'false', relay: '0.0.0.0' }),
    },
    {
      path: '/snmp community',
      defaults: { name: '', addresses: '::/0', security: 'none', 'read-access': 'true', 'write-access': 'false', 'authentication-protocol': 'MD5', 'authentication-password': '', 'encryption-protocol': 'DES', 'encryption-password': '', default: 'false', comment: '', disabled: 'false' },
      required: ['name'],
      bool: ['read-access', 'write-access', 'disabled'],
      sensitive: ['authentication-password', 'encryption-password'],
      selector: (it) => (it.default === 'true' ? '[ find default=yes ]' : `[ find name=${quoteValue(it.name)} ]`),
      flags: [['*', 'default'], X],
      columns: ['NAME', 'ADDRESSES', 'SECURITY', 'READ-ACCESS', 'WRITE-ACCESS'],
    },
    {
      path: '/interface bridge port',
      defaults: { bridge: '', interface: '', pvid: '1', 'frame-types': 'admit-all', 'ingress-filtering': v7 ? 'true' : 'false', comment: '', disabled: 'false' },
      required: ['bridge', 'interface'],
      bool: ['ingress-filtering', 'disabled'],
      flags: [X, ['I', 'inactive'], ['D', 'dynamic']],
      columns: ['INTERFACE', 'BRIDGE', 'PVID', 'FRAME-TYPES'],
      computed: () => ({ inactive: 'false', dynamic: 'false' }),
    },
    {
      path: '/interface bridge vlan',
      defaults: { bridge: '', 'vlan-ids': '', tagged: '', untagged: '', comment: '', disabled: 'false' },
      required: ['bridge', 'vlan-ids'],
      bool: ['disabled'],
      flags: [X, ['D', 'dynamic']],
      columns: ['BRIDGE', 'VLAN-IDS', 'TAGGED', 'UNTAGGED'],
      computed: (it) => ({ dynamic: 'false', 'current-tagged': it.tagged, 'current-untagged': it.untagged }),
    },
    {
      path: '/ip address',
      defaults: { address: '', network: '', interface: '', comment: '', disabled: 'false' },
      // `network` is always exported, as RouterOS does
      required: ['address', 'interface', 'network'],
      bool: ['disabled'],
      flags: [X, ['I', 'invalid'], ['D', 'dynamic']],
      columns: ['ADDRESS', 'NETWORK', 'INTERFACE'],
      computed: (it) => ({ 'actual-interface': it.interface, invalid: 'false', dynamic: 'false' }),
    },
    {
      path: '/ip dhcp-server lease',
      defaults: { address: '', 'mac-address': '', server: '', comment: '', disabled: 'false' },
      extra: ['client-id', 'lease-time'],
      required: ['address', 'mac-address'],
      bool: ['disabled'],
      flags: [X, ['R', 'radius'], ['D', 'dynamic'], ['B', 'blocked']],
      columns: ['ADDRESS', 'MAC-ADDRESS', 'HOST-NAME', 'SERVER', 'STATUS'],
      computed: () => ({ dynamic: 'false', radius: 'false', blocked: 'false', status: 'waiting', 'host-name': '' }),
    },
    {
      path: '/ip dhcp-server network',
      defaults: { address: '', gateway: '', 'dns-server': '', netmask: '', 'domain': '', comment: '' },
      extra: ['ntp-server'],
      required: ['address'],
      flags: [],
      columns: ['ADDRESS', 'GATEWAY', 'DNS-SERVER'],
    },
    {
      path: '/ip dns',
      single: true,
      defaults: { servers: '', 'allow-remote-requests': 'false' },
      bool: ['allow-remote-requests'],
      flags: [],
      columns: [],
    },
    {
      path: '/ip neighbor discovery-settings',
      single: true,
      defaults: v7 ? { 'discover-interface-list': 'all', protocol: 'cdp,lldp,mndp', mode: 'tx-and-rx' } : { 'discover-interface-list': 'all' },
      flags: [],
      columns: [],
    },
    {
      path: '/ip firewall address-list',
      defaults: { list: '', address: '', comment: '', disabled: 'false' },
      extra: ['timeout'],
      required: ['list', 'address'],
      bool: ['disabled'],
      flags: [X, ['D', 'dynamic']],
      columns: ['LIST', 'ADDRESS', 'CREATION-TIME'],
      computed: () => ({ dynamic: 'false', 'creation-time': 'jan/02/1970 00:00:00' }),
    },
    {
      path: '/ip firewall filter',
      defaults: { chain: '', action: 'accept', comment: '', disabled: 'false' },
      extra: FW_PROPS,
      // `action=` is always exported, as RouterOS does
      required: ['chain', 'action'],
      bool: ['disabled', 'log'],
      flags: [X, ['I', 'invalid'], ['D', 'dynamic']],
      columns: ['CHAIN', 'ACTION', 'IN-INTERFACE', 'CONNECTION-STATE'],
      computed: () => ({ invalid: 'false', dynamic: 'false', bytes: '0', packets: '0' }),
    },
    {
      path: '/ip firewall nat',
      defaults: { chain: '', action: 'accept', comment: '', disabled: 'false' },
      extra: FW_PROPS,
      // `action=` is always exported, as RouterOS does
      required: ['chain', 'action'],
      bool: ['disabled', 'log'],
      flags: [X, ['I', 'invalid'], ['D', 'dynamic']],
      columns: ['CHAIN', 'ACTION', 'OUT-INTERFACE', 'TO-ADDRESSES'],
      computed: () => ({ invalid: 'false', dynamic: 'false', bytes: '0', packets: '0' }),
    },
    {
      path: '/ip route',
      defaults: { 'dst-address': '0.0.0.0/0', gateway: '', distance: '1', comment: '', disabled: 'false' },
      extra: ['routing-table', 'routing-mark', 'check-gateway', 'pref-src', 'type'],
      bool: ['disabled'],
      flags: [X, ['A', 'active'], ['D', 'dynamic'], ['C', 'connect'], ['S', 'static']],
      columns: ['DST-ADDRESS', 'GATEWAY', 'DISTANCE'],
      computed: () => ({ active: 'true', dynamic: 'false', connect: 'false', static: 'true' }),
    },
    {
      path: '/ip service',
      fixed: true,
      defaults: { name: '', port: '', address: '', disabled: 'false' },
      extra: ['certificate'],
      bool: ['disabled'],
      selector: (it) => it.name,
      flags: [X, ['I', 'invalid']],
      columns: ['NAME', 'PORT', 'ADDRESS', 'CERTIFICATE'],
      computed: () => ({ invalid: 'false' }),
    },
    {
      path: '/snmp',
      single: true,
      defaults: { enabled: 'false', contact: '', location: '', 'trap-community': 'public', 'trap-version': '1', 'engine-id': '' },
      bool: ['enabled'],
      flags: [],
      columns: [],
    },
    {
      path: '/system ntp client',
      single: true,
      defaults: v7 ? { enabled: 'false', mode: 'unicast', servers: '' } : { enabled: 'false', mode: 'unicast', 'primary-ntp': '0.0.0.0', 'secondary-ntp': '0.0.0.0', 'server-dns-names': '' },
      bool: ['enabled'],
      flags: [],
      columns: [],
    },
    {
      path: '/user',
      noExport: true,
      defaults: { name: '', group: 'read', address: '', comment: '', disabled: 'false', password: '' },
      required: ['name', 'group'],
      bool: ['disabled'],
      writeOnly: ['password'],
      flags: [X],
      columns: ['NAME', 'GROUP', 'ADDRESS', 'LAST-LOGGED-IN'],
      computed: () => ({ 'last-logged-in': '' }),
    },
    {
      path: '/file',
      noExport: true,
      defaults: { name: '', type: '', size: '0', 'creation-time': '' },
      flags: [],
      columns: ['NAME', 'TYPE', 'SIZE', 'CREATION-TIME'],
    },
  ];
}

/** Order of the menus in `/export` (as RouterOS does: objects before what refers to them). */
const EXPORT_ORDER = [
  '/interface bridge', '/interface ethernet', '/interface wifi security', '/interface wifi', '/interface wireless security-profiles',
  '/interface wireless', '/interface vlan', '/interface list', '/ip pool', '/ip dhcp-server', '/snmp community', '/interface bridge port',
  '/ip neighbor discovery-settings', '/interface bridge vlan', '/interface list member', '/ip address', '/ip dhcp-server lease', '/ip dhcp-server network', '/ip dns',
  '/ip firewall address-list', '/ip firewall filter', '/ip firewall nat', '/ip route', '/ip service', '/snmp',
  '/system identity', '/system ntp client',
];

export interface SimOptions {
  /** RouterOS major version to behave as (6 or 7; default 7). */
  version?: 6 | 7;
  identity?: string;
  user?: string;
  password?: string;
  serial?: string;
  model?: string;
}

export interface RosFile {
  name: string;
  type: string;
  contents: string;
  created: string;
}

export class RosState {
  readonly version: string;
  readonly major: 6 | 7;
  readonly defs: Map<string, MenuDef>;
  private items = new Map<string, Item[]>();
  private singles = new Map<string, Item>();
  private nextId = 1;
  readonly info: Record<string, Item>;

  constructor(opts: SimOptions = {}) {
    this.major = opts.version ?? 7;
    this.version = this.major === 7 ? '7.14.3 (stable)' : '6.49.15 (long-term)';
    this.defs = new Map(menus(this.major === 7).map((d) => [d.path, d]));
    const serial = opts.serial ?? 'HGH09SIM7RB';
    const model = opts.model ?? (this.major === 7 ? 'RB5009UG+S+' : 'RB2011UiAS-2HnD');
    this.info = {
      '/system resource': {
        uptime: '1d2h3m4s', version: this.version, 'build-time': this.major === 7 ? '2024-05-02 12:00:00' : 'Feb/29/2024 10:00:00',
        'free-memory': '900.0MiB', 'total-memory': '1024.0MiB', cpu: 'ARM64', 'cpu-count': '4', 'cpu-frequency': '350MHz', 'cpu-load': '1%',
        'free-hdd-space': '900.0MiB', 'total-hdd-space': '1024.0MiB', 'architecture-name': this.major === 7 ? 'arm64' : 'mipsbe',
        'board-name': this.major === 7 ? 'RB5009UG+S+' : 'RB2011UiAS-2HnD', platform: 'MikroTik',
      },
      '/system routerboard': {
        routerboard: 'true', 'board-name': this.major === 7 ? 'RB5009UG+S+' : 'RB2011UiAS-2HnD', model, 'serial-number': serial,
        'firmware-type': this.major === 7 ? 'mvebu' : 'ar9344', 'factory-firmware': '7.1', 'current-firmware': this.version.split(' ')[0], 'upgrade-firmware': this.version.split(' ')[0],
      },
      '/system license': this.major === 7 ? { 'software-id': 'SIM7-RB01', level: 'p1', features: '' } : { 'software-id': 'SIM6-RB01', nlevel: '5', features: '' },
    };
    for (const d of this.defs.values()) {
      if (d.single && !d.readonly) this.singles.set(d.path, { ...d.defaults });
      else if (!d.single) this.items.set(d.path, []);
    }
    this.singles.get('/system identity')!.name = opts.identity ?? 'MikroTik';
    for (let i = 1; i <= 5; i++)
      this.push('/interface ethernet', { ...this.def('/interface ethernet').defaults, name: `ether${i}`, 'default-name': `ether${i}`, 'mac-address': `48:A9:8A:00:00:0${i}` });
    if (this.major === 7) this.push('/interface wifi', { ...this.def('/interface wifi').defaults, name: 'wifi1', 'default-name': 'wifi1' });
    else {
      this.push('/interface wireless security-profiles', { ...this.def('/interface wireless security-profiles').defaults, name: 'default', default: 'true' });
      this.push('/interface wireless', { ...this.def('/interface wireless').defaults, name: 'wlan1', 'default-name': 'wlan1' });
    }
    const services: [string, string, boolean][] = [
      ['telnet', '23', false], ['ftp', '21', false], ['www', '80', false], ['ssh', '22', false], ['www-ssl', '443', true],
      ['api', '8728', false], ['winbox', '8291', false], ['api-ssl', '8729', false],
    ];
    for (const [name, port, disabled] of services) this.push('/ip service', { name, port, address: '', disabled: String(disabled) });
    this.push('/snmp community', { ...this.def('/snmp community').defaults, name: 'public', default: 'true' });
    for (const [name, comment] of [['all', 'contains all interfaces'], ['none', 'contains no interfaces'], ['dynamic', 'contains dynamic interfaces'], ['static', 'contains static interfaces']])
      this.push('/interface list', { ...this.def('/interface list').defaults, name, comment, builtin: 'true' });
    this.push('/user', { ...this.def('/user').defaults, name: opts.user ?? 'admin', group: 'full', password: opts.password ?? '', comment: 'system default user' });
    this.files.push({ name: 'flash', type: 'disk', contents: '', created: 'jan/01/1970 00:00:01' });
  }

  files: RosFile[] = [];

  def(path: string): MenuDef {
    const d = this.defs.get(path);
    if (!d) throw new RosError('no such command prefix', 0);
    return d;
  }

  has(path: string): boolean {
    return this.defs.has(path);
  }

  private push(path: string, it: Item) {
    const item = { '.id': `*${(this.nextId++).toString(16).toUpperCase()}`, ...it };
    this.items.get(path)!.push(item);
    return item;
  }

  /** The stored items of a list menu (no computed properties). */
  list(path: string): Item[] {
    if (path === '/file') return this.files.map((f, i) => ({ '.id': `*${(i + 1).toString(16).toUpperCase()}`, name: f.name, type: f.type, size: String(f.contents.length), 'creation-time': f.created }));
    return this.items.get(path) ?? [];
  }

  single(path: string): Item {
    return this.info[path] ?? this.singles.get(path)!;
  }

  /** What `print` shows: items with computed properties, write-only ones removed. */
  view(path: string): Item[] {
    if (path === '/interface') return this.interfaces();
    if (path === '/ip route') return [...this.connectedRoutes(), ...this.list(path).map((it) => this.present(path, it))];
    const d = this.def(path);
    if (d.single) return [this.present(path, this.single(path))];
    return this.list(path).map((it) => this.present(path, it));
  }

  private present(path: string, it: Item): Item {
    const d = this.def(path);
    const out: Item = { ...it, ...(d.computed ? d.computed(it, this) : {}) };
    for (const w of d.writeOnly ?? []) delete out[w];
    return out;
  }

  private interfaceMenus(): string[] {
    return ['/interface ethernet', this.major === 7 ? '/interface wifi' : '/interface wireless', '/interface bridge', '/interface vlan'];
  }

  interfaces(): Item[] {
    const out: Item[] = [];
    const add = (path: string, type: string) => {
      for (const it of this.list(path)) {
        const disabled = it.disabled ?? 'false';
        out.push({
          '.id': it['.id'], name: it.name, ...(it['default-name'] ? { 'default-name': it['default-name'] } : {}), type, mtu: it.mtu ?? '1500',
          'actual-mtu': '1500', 'mac-address': it['mac-address'] || '48:A9:8A:00:00:10', running: disabled === 'true' ? 'false' : 'true', disabled,
          dynamic: 'false', slave: this.list('/interface bridge port').some((p) => p.interface === it.name) ? 'true' : 'false', comment: it.comment ?? '',
        });
      }
    };
    add('/interface ethernet', 'ether');
    add(this.major === 7 ? '/interface wifi' : '/interface wireless', this.major === 7 ? 'wifi' : 'wlan');
    add('/interface bridge', 'bridge');
    add('/interface vlan', 'vlan');
    return out;
  }

  private connectedRoutes(): Item[] {
    return this.list('/ip address')
      .filter((a) => a.disabled !== 'true')
      .map((a, i) => {
        const [ip, len] = a.address.split('/');
        return {
          '.id': `*${(0x8000000 + i).toString(16).toUpperCase()}`, 'dst-address': `${networkOf(ip, Number(len ?? 32))}/${len ?? 32}`, gateway: a.interface,
          'pref-src': ip, distance: '0', scope: '10', active: 'true', dynamic: 'true', connect: 'true', static: 'false', disabled: 'false', comment: '',
        };
      });
  }

  /** All interface names (for validation). */
  interfaceNames(): Set<string> {
    return new Set(this.interfaces().map((i) => i.name));
  }

  // --- changes -------------------------------------------------------------------------------

  private normalise(path: string, props: Item, forSet: boolean): Item {
    const d = this.def(path);
    const known = new Set([...Object.keys(d.defaults), ...(d.extra ?? [])]);
    const out: Item = {};
    for (const [k, v0] of Object.entries(props)) {
      if (k === '.id' || k === 'numbers') continue;
      if (!known.has(k) || k === 'default' || k === 'default-name' || k === 'builtin') throw new RosError(`unknown parameter ${k}`, 1);
      let v = v0;
      if (d.bool?.includes(k)) {
        if (/^(yes|true)$/i.test(v)) v = 'true';
        else if (/^(no|false)$/i.test(v)) v = 'false';
        else throw new RosError(`value of ${k} must be yes or no`, 1);
      }
      out[k] = v;
    }
    if (!forSet && path === '/ip address' && out.address) {
      if (!/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(out.address)) throw new RosError(`invalid value for argument address`, 1);
      const [ip, len] = out.address.split('/');
      if (!out.address.includes('/')) out.address = `${ip}/32`;
      out.network ||= networkOf(ip, Number(len ?? 32));
    }
    return out;
  }

  private validate(path: string, it: Item) {
    const ifaces = () => this.interfaceNames();
    const needIface = (k: string) => {
      if (it[k] && !ifaces().has(it[k])) throw new RosError(`input does not match any value of ${k}`, 1);
    };
    switch (path) {
      case '/ip address':
      case '/interface vlan':
      case '/ip dhcp-server':
      case '/interface bridge port':
        needIface('interface');
        break;
    }
    if (path === '/interface bridge port' || path === '/interface bridge vlan')
      if (!this.list('/interface bridge').some((b) => b.name === it.bridge)) throw new RosError('input does not match any value of bridge', 1);
    if (path === '/ip dhcp-server' && it['address-pool'] && it['address-pool'] !== 'static-only' && !this.list('/ip pool').some((p) => p.name === it['address-pool']))
      throw new RosError('input does not match any value of address-pool', 1);
    if (path === '/interface vlan' && !/^\d+$/.test(it['vlan-id'] ?? '')) throw new RosError('invalid value for argument vlan-id', 1);
    const lists = () => new Set(this.list('/interface list').map((l) => l.name));
    if (path === '/interface list member') {
      if (!lists().has(it.list)) throw new RosError('input does not match any value of list', 1);
      needIface('interface');
    }
    if (path === '/ip firewall filter' || path === '/ip firewall nat')
      for (const k of ['in-interface-list', 'out-interface-list'])
        if (it[k] && !lists().has(it[k].replace(/^!/, ''))) throw new RosError(`input does not match any value of ${k}`, 1);
  }

  add(path: string, props: Item): string {
    const d = this.def(path);
    if (d.readonly || d.single || d.fixed) throw new RosError('no such command', 0);
    const p = this.normalise(path, props, false);
    for (const r of d.required ?? []) if (!p[r]) throw new RosError(`failure: ${r} not specified`, 1);
    const it: Item = { ...d.defaults, ...p };
    this.validate(path, it);
    const list = this.items.get(path)!;
    if (it.name !== undefined && d.defaults.name !== undefined && list.some((x) => x.name === it.name))
      throw new RosError(`failure: item with such name already exists`, 1);
    if (path.startsWith('/interface') && it.name && path !== '/interface bridge port' && path !== '/interface bridge vlan' && !path.includes('security') && this.interfaceNames().has(it.name))
      throw new RosError('failure: already have interface with such name', 1);
    if (path === '/ip address' && list.some((x) => x.address === it.address && x.interface === it.interface)) throw new RosError('failure: already have such address', 1);
    return this.push(path, it)['.id'];
  }

  set(path: string, ids: string[] | undefined, props: Item) {
    if (path === '/interface') {
      // `/interface set ether1 ...`: the item lives in its own menu (ethernet, bridge, vlan, ...)
      for (const id of ids ?? []) {
        const menu = this.interfaceMenus().find((m) => this.list(m).some((x) => x['.id'] === id));
        if (!menu) throw new RosError('no such item', 0);
        const allowed = Object.fromEntries(Object.entries(props).filter(([k]) => ['name', 'comment', 'disabled', 'mtu'].includes(k)));
        if (Object.keys(allowed).length !== Object.keys(props).length) throw new RosError(`unknown parameter ${Object.keys(props).find((k) => !(k in allowed))}`, 1);
        this.set(menu, [id], allowed);
      }
      return;
    }
    const d = this.def(path);
    if (d.readonly) throw new RosError('no such command', 0);
    const p = this.normalise(path, props, true);
    if (d.single) {
      Object.assign(this.singles.get(path)!, p);
      return;
    }
    if (!ids || !ids.length) throw new RosError('failure: no items specified (numbers or .id)', 1);
    for (const id of ids) {
      const it = this.byId(path, id);
      const next = { ...it, ...p };
      if (path === '/ip address' && p.address) {
        const [ip, len] = p.address.split('/');
        next.network = networkOf(ip, Number(len ?? 32));
      }
      this.validate(path, next);
      Object.assign(it, next);
    }
  }

  remove(path: string, ids: string[]) {
    const d = this.def(path);
    if (d.readonly || d.single || d.fixed) throw new RosError('no such command', 0);
    for (const id of ids) {
      const it = this.byId(path, id);
      if (it.default === 'true') throw new RosError('failure: default item can not be removed', 1);
      if (it.builtin === 'true') throw new RosError('failure: builtin list can not be removed', 1);
      if (path === '/user' && this.list('/user').filter((u) => u.group === 'full').length === 1 && it.group === 'full')
        throw new RosError('failure: cannot remove last full user', 1);
      const list = this.items.get(path)!;
      list.splice(list.indexOf(it), 1);
    }
  }

  byId(path: string, id: string): Item {
    const it = this.list(path).find((x) => x['.id'] === id);
    if (!it) throw new RosError('no such item', 0);
    return it;
  }

  /** Items selected by `[ find k=v ... ]` (all when empty). */
  find(path: string, where: Item): Item[] {
    return this.view(path).filter((it) =>
      Object.entries(where).every(([k, v]) => {
        const val = it[k] ?? '';
        if (this.def(path).bool?.includes(k) || k === 'default' || k === 'dynamic') return boolEq(val, v);
        return val === v;
      }),
    );
  }

  /** Check a password for the API/SSH login (user name without a `+...` suffix). */
  login(name: string, password: string): Item | undefined {
    const u = this.list('/user').find((x) => x.name === name && x.disabled !== 'true');
    return u && u.password === password ? u : undefined;
  }

  addFile(name: string, type: string, contents: string) {
    this.files = this.files.filter((f) => f.name !== name);
    this.files.push({ name, type, contents, created: this.major === 7 ? '2024-05-03 10:00:00' : 'may/03/2024 10:00:00' });
  }

  // --- export --------------------------------------------------------------------------------

  export(opts: { terse?: boolean; verbose?: boolean; hideSensitive?: boolean; showSensitive?: boolean; menu?: string } = {}): string {
    const hide = this.major === 7 ? !opts.showSensitive : !!opts.hideSensitive;
    const ts = this.major === 7 ? '2024-05-03 10:00:00' : 'may/03/2024 10:00:00';
    const r = this.info['/system routerboard'];
    const lines = [
      `# ${ts} by RouterOS ${this.version.split(' ')[0]}`,
      `# software id = ${this.info['/system license']['software-id']}`,
      '#',
      `# model = ${r.model}`,
      `# serial number = ${r['serial-number']}`,
    ];
    const order = opts.menu ? [opts.menu] : EXPORT_ORDER;
    for (const path of order) {
      if (!this.defs.has(path)) continue;
      const d = this.def(path);
      if (d.noExport) continue;
      const cmds = this.exportMenu(path, d, !!opts.verbose, hide);
      if (!cmds.length) continue;
      if (opts.terse) for (const c of cmds) lines.push(`${path} ${c}`);
      else {
        lines.push(path);
        for (const c of cmds) lines.push(...wrap(c));
      }
    }
    return lines.join('\n') + '\n';
  }

  private exportMenu(path: string, d: MenuDef, verbose: boolean, hide: boolean): string[] {
    const render = (it: Item, base: Item | undefined, skip: string[]) => {
      const keys = Object.keys(it)
        .filter((k) => k !== '.id' && !skip.includes(k) && !(d.writeOnly ?? []).includes(k) && k !== 'default' && k !== 'default-name')
        .filter((k) => !(hide && d.sensitive?.includes(k)))
        .filter((k) => verbose || !base || it[k] !== base[k] || (d.required ?? []).includes(k))
        .sort();
      return keys.map((k) => `${k}=${quoteValue(d.bool?.includes(k) ? (it[k] === 'true' ? 'yes' : 'no') : it[k])}`).join(' ');
    };
    if (d.single) {
      const s = render(this.single(path), path === '/system identity' ? undefined : d.defaults, []);
      return s ? [`set ${s}`] : [];
    }
    const out: string[] = [];
    for (const it of this.list(path)) {
      if (it.builtin === 'true') continue;
      if (d.fixed || it.default === 'true') {
        const base = this.fixedDefaults(path, it);
        const s = render(it, base, []);
        if (s) out.push(`set ${d.selector!(it)} ${s}`);
      } else {
        out.push(`add ${render(it, d.defaults, [])}`.trimEnd());
      }
    }
    return out;
  }

  /** The factory state of a fixed/default item, to export only what was changed. */
  private fixedDefaults(path: string, it: Item): Item {
    const fresh = new RosState({ version: this.major });
    const same = fresh.list(path).find((x) => (it['default-name'] ? x['default-name'] === it['default-name'] : it.default === 'true' ? x.default === 'true' : x.name === it.name));
    return same ?? this.def(path).defaults;
  }
}

/** Break a long export line with ` \` continuations (RouterOS breaks between properties near 80 columns). */
function wrap(cmd: string): string[] {
  if (cmd.length <= 80) return [cmd];
  const words: string[] = [];
  // split at spaces outside quotes and brackets
  let cur = '';
  let q = false;
  let depth = 0;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (c === '\\' && q) {
      cur += c + cmd[++i];
      continue;
    }
    if (c === '"') q = !q;
    if (!q && c === '[') depth++;
    if (!q && c === ']') depth--;
    if (c === ' ' && !q && depth === 0) {
      words.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  words.push(cur);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const indent = lines.length ? '    ' : '';
    if (line && (indent + line + ' ' + w).length > 78) {
      lines.push(indent + line + ' \\');
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  lines.push((lines.length ? '    ' : '') + line);
  return lines;
}

export function networkOf(ip: string, len: number): string {
  const n = ip.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const net = (n & mask) >>> 0;
  return [24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.');
}

export function boolEq(a: string, b: string): boolean {
  const t = (x: string) => (/^(yes|true)$/i.test(x) ? 'true' : /^(no|false)$/i.test(x) ? 'false' : x);
  return t(a) === t(b);
}
