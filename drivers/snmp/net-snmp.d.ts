// Minimal typings for the parts of `net-snmp` (3.x) proeflab uses. Read-only on purpose: the
// session type below does not declare set(), so a write cannot even be typed by mistake.
declare module 'net-snmp' {
  export interface VarBind {
    oid: string;
    type: number;
    value: unknown;
  }
  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
    idBitsSize?: 16 | 32;
    context?: string;
    sourceAddress?: string;
  }
  export interface User {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }
  export interface Session {
    get(oids: string[], cb: (error: Error | null, varbinds: VarBind[]) => void): void;
    getNext(oids: string[], cb: (error: Error | null, varbinds: VarBind[]) => void): void;
    getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, cb: (error: Error | null, varbinds: (VarBind | VarBind[])[]) => void): void;
    close(): void;
    on(event: 'error' | 'close', listener: (...args: unknown[]) => void): void;
  }
  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createV3Session(target: string, user: User, options?: SessionOptions): Session;
  export function isVarbindError(vb: VarBind): boolean;
  export const Version1: number;
  export const Version2c: number;
  export const Version3: number;
  export const ObjectType: Record<string, number | string>;
  export const SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
  export const AuthProtocols: { none: number; md5: number; sha: number; sha224: number; sha256: number; sha384: number; sha512: number };
  export const PrivProtocols: { none: number; des: number; aes: number; aes256b: number; aes256r: number };
  export const ErrorStatus: Record<string, number | string>;
  const snmp: {
    createSession: typeof createSession;
    createV3Session: typeof createV3Session;
    isVarbindError: typeof isVarbindError;
    Version1: number;
    Version2c: number;
    Version3: number;
    ObjectType: typeof ObjectType;
    SecurityLevel: typeof SecurityLevel;
    AuthProtocols: typeof AuthProtocols;
    PrivProtocols: typeof PrivProtocols;
    ErrorStatus: typeof ErrorStatus;
  };
  export default snmp;
}
