// A small SNMP agent for simulated devices (net-snmp's Agent): system group, IF-MIB interfaces
// and an ENTITY-MIB chassis with serial and model, answering v2c with a community and/or v3 with
// users. Used by the demo and tests; the stand-in lab serves real recordings with snmpsim instead.
import { createSocket } from 'node:dgram';
import netSnmp from 'net-snmp';

// The agent half of net-snmp is not in drivers/snmp's typings (the driver only reads); the few
// calls used here are typed locally.
interface AgentApi {
  createAgent(o: object, cb: (err: unknown) => void): {
    getAuthorizer(): { addCommunity(c: string): void; addUser(u: object): void };
    getMib(): {
      registerProvider(p: object): void;
      registerProviders(p: object[]): void;
      setScalarValue(name: string, v: unknown): void;
      addTableRow(name: string, row: unknown[]): void;
    };
    close(cb?: () => void): void;
  };
  MaxAccess: Record<string, number>;
  MibProviderType: { Scalar: number; Table: number };
  ObjectType: Record<string, number>;
  SecurityLevel: Record<string, number>;
  AuthProtocols: Record<string, number>;
  PrivProtocols: Record<string, number>;
}
const snmp = netSnmp as unknown as AgentApi;

export interface SimInterface {
  name: string;
  descr?: string;
  alias?: string;
  up: boolean;
  adminUp?: boolean;
  speedMbps?: number;
}

export interface SnmpAgentOptions {
  host?: string;
  /** UDP port; 0 (default) picks a free one. */
  port?: number;
  /** v1/v2c community (omit for v3 only). */
  community?: string;
  /** v3 users with SHA/AES keys. */
  users?: { name: string; authKey: string; privKey?: string }[];
  sysDescr: string;
  sysName: string;
  sysLocation?: string;
  sysContact?: string;
  sysObjectID?: string;
  interfaces?: SimInterface[];
  chassis?: { model: string; serial: string; descr?: string; softwareRev?: string };
}

export interface SnmpAgentSim {
  host: string;
  port: number;
  close(): Promise<void>;
}

async function freeUdpPort(host: string): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, host, () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const RO = snmp.MaxAccess['read-only'];
const scalar = (name: string, oid: string, type: number) => ({ name, type: snmp.MibProviderType.Scalar, oid, scalarType: type, maxAccess: RO });

export async function startSnmpAgent(o: SnmpAgentOptions): Promise<SnmpAgentSim> {
  const host = o.host ?? '127.0.0.1';
  const port = o.port || (await freeUdpPort(host));
  const agent = snmp.createAgent({ port, address: host, disableAuthorization: false }, () => {});
  const auth = agent.getAuthorizer();
  if (o.community) auth.addCommunity(o.community);
  for (const u of o.users ?? [])
    auth.addUser({
      name: u.name,
      level: u.privKey ? snmp.SecurityLevel.authPriv : snmp.SecurityLevel.authNoPriv,
      authProtocol: snmp.AuthProtocols.sha,
      authKey: u.authKey,
      ...(u.privKey ? { privProtocol: snmp.PrivProtocols.aes, privKey: u.privKey } : {}),
    });
  const mib = agent.getMib();
  const S = snmp.ObjectType as Record<string, number>;
  mib.registerProviders([
    scalar('sysDescr', '1.3.6.1.2.1.1.1', S.OctetString),
    scalar('sysObjectID', '1.3.6.1.2.1.1.2', S.OID),
    scalar('sysUpTime', '1.3.6.1.2.1.1.3', S.TimeTicks),
    scalar('sysContact', '1.3.6.1.2.1.1.4', S.OctetString),
    scalar('sysName', '1.3.6.1.2.1.1.5', S.OctetString),
    scalar('sysLocation', '1.3.6.1.2.1.1.6', S.OctetString),
  ]);
  mib.setScalarValue('sysDescr', o.sysDescr);
  mib.setScalarValue('sysObjectID', o.sysObjectID ?? '1.3.6.1.4.1.9.1.1208');
  const started = Date.now();
  mib.setScalarValue('sysUpTime', 0);
  mib.setScalarValue('sysContact', o.sysContact ?? '');
  mib.setScalarValue('sysName', o.sysName);
  mib.setScalarValue('sysLocation', o.sysLocation ?? '');
  const upTimer = setInterval(() => mib.setScalarValue('sysUpTime', Math.floor((Date.now() - started) / 10)), 1000);
  upTimer.unref();

  const col = (number: number, name: string, type: number) => ({ number, name, type, maxAccess: RO });
  if (o.interfaces?.length) {
    mib.registerProvider({
      name: 'ifTable',
      type: snmp.MibProviderType.Table,
      oid: '1.3.6.1.2.1.2.2.1',
      maxAccess: snmp.MaxAccess['not-accessible'],
      tableColumns: [col(1, 'ifIndex', S.Integer), col(2, 'ifDescr', S.OctetString), col(3, 'ifType', S.Integer), col(5, 'ifSpeed', S.Gauge), col(7, 'ifAdminStatus', S.Integer), col(8, 'ifOperStatus', S.Integer)],
      tableIndex: [{ columnName: 'ifIndex' }],
    });
    mib.registerProvider({
      name: 'ifXTable',
      type: snmp.MibProviderType.Table,
      oid: '1.3.6.1.2.1.31.1.1.1',
      maxAccess: snmp.MaxAccess['not-accessible'],
      tableColumns: [col(1, 'ifName', S.OctetString), col(15, 'ifHighSpeed', S.Gauge), col(18, 'ifAlias', S.OctetString)],
      tableAugments: 'ifTable',
    });
    o.interfaces.forEach((i, n) => {
      const speed = i.speedMbps ?? 1000;
      mib.addTableRow('ifTable', [n + 1, i.descr ?? i.name, 6, Math.min(speed * 1e6, 4294967295), i.adminUp === false ? 2 : 1, i.up ? 1 : 2]);
      mib.addTableRow('ifXTable', [n + 1, i.name, speed, i.alias ?? '']);
    });
  }
  if (o.chassis) {
    mib.registerProvider({
      name: 'entPhysicalTable',
      type: snmp.MibProviderType.Table,
      oid: '1.3.6.1.2.1.47.1.1.1.1',
      maxAccess: snmp.MaxAccess['not-accessible'],
      tableColumns: [
        col(1, 'entPhysicalIndex', S.Integer),
        col(2, 'entPhysicalDescr', S.OctetString),
        col(5, 'entPhysicalClass', S.Integer),
        col(7, 'entPhysicalName', S.OctetString),
        col(10, 'entPhysicalSoftwareRev', S.OctetString),
        col(11, 'entPhysicalSerialNum', S.OctetString),
        col(13, 'entPhysicalModelName', S.OctetString),
      ],
      tableIndex: [{ columnName: 'entPhysicalIndex' }],
    });
    const c = o.chassis;
    mib.addTableRow('entPhysicalTable', [1, c.descr ?? c.model, 3, 'Chassis', c.softwareRev ?? '', c.serial, c.model]);
  }
  return {
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(upTimer);
        agent.close(() => resolve());
      }),
  };
}
