// The PowerShell behind every windows fact, and how its JSON becomes the parsed value. Scripts
// select properties explicitly and turn enums into their names (.ToString()) so Windows
// PowerShell 5.1 and PowerShell 7 produce the same JSON; normalisers still accept the numeric
// enum values 5.1 emits when a property is passed through unconverted.
import { z } from 'zod';
import { psJsonList } from './decode.js';

type Obj = Record<string, unknown>;
export interface FactDef {
  description: string;
  params?: z.ZodType<Record<string, unknown>>;
  script(params: Record<string, unknown>): string;
  parse(json: string, params: Record<string, unknown>): unknown;
}

const J = (depth = 4) => `ConvertTo-Json -Depth ${depth} -Compress`;
const psq = (s: string) => `'${s.replace(/'/g, "''")}'`;
const str = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' && v && 'IPAddressToString' in v ? String((v as Obj).IPAddressToString) : typeof v === 'object' && v && 'Value' in v ? String((v as Obj).Value) : String(v));
const bool = (v: unknown) => v === true || v === 'True' || v === 1 || v === 'true';
const en = (map: Record<number, string>) => (v: unknown) => (typeof v === 'number' ? (map[v] ?? String(v)) : str(v));

export const SERVICE_STATUS = en({ 1: 'Stopped', 2: 'StartPending', 3: 'StopPending', 4: 'Running', 5: 'ContinuePending', 6: 'PausePending', 7: 'Paused' });
export const START_TYPE = en({ 0: 'Boot', 1: 'System', 2: 'Automatic', 3: 'Manual', 4: 'Disabled' });
const GPO_BOOL = en({ 0: 'False', 1: 'True', 2: 'NotConfigured' });
const FW_ACTION = en({ 0: 'NotConfigured', 2: 'Allow', 4: 'Block' });
const FW_DIR = en({ 1: 'Inbound', 2: 'Outbound' });
const SHARE_RIGHT = en({ 0: 'Full', 1: 'Change', 2: 'Read', 3: 'Custom' });
const ACE_TYPE = en({ 0: 'Allow', 1: 'Deny' });
const PROTECTION = en({ 0: 'Off', 1: 'On', 2: 'Unknown' });
const VOLUME_STATUS = en({ 0: 'FullyDecrypted', 1: 'FullyEncrypted', 2: 'EncryptionInProgress', 3: 'DecryptionInProgress', 4: 'EncryptionPaused', 5: 'DecryptionPaused' });
/** FileSystemRights numbers as Get-Acl gives them → the names Explorer shows. */
const FS_RIGHTS: Record<number, string> = { 2032127: 'FullControl', 1245631: 'Modify, Synchronize', 1179817: 'ReadAndExecute, Synchronize', 1180063: 'Read, Write, Synchronize', 1179785: 'Read, Synchronize', 278: 'Write', 268435456: 'GenericAll', [-536805376]: 'Modify, Synchronize', [-1610612736]: 'ReadAndExecute, Synchronize' };
export const fsRights = (v: unknown) => (typeof v === 'number' ? (FS_RIGHTS[v] ?? String(v)) : str(v));

const Name = z.object({ name: z.string().min(1) });
const Zone = z.object({ zone: z.string().min(1) });

export const FACTS: Record<string, FactDef> = {
  'windows.computer': {
    description: 'Computernaam, domein(lidmaatschap), Windows-versie en build',
    script: () => `$cs = Get-CimInstance -ClassName Win32_ComputerSystem; $os = Get-CimInstance -ClassName Win32_OperatingSystem; [pscustomobject]@{ Name = $cs.Name; Domain = $cs.Domain; PartOfDomain = $cs.PartOfDomain; DomainRole = $cs.DomainRole; Workgroup = $cs.Workgroup; Caption = $os.Caption; Version = $os.Version; BuildNumber = $os.BuildNumber } | ${J(2)}`,
    parse: (j) => {
      const o = psJsonList(j)[0] ?? {};
      const role = Number(o.DomainRole ?? 0);
      return { name: str(o.Name), domain: str(o.Domain), partOfDomain: bool(o.PartOfDomain), domainController: role >= 4, domainRole: role, workgroup: o.Workgroup ? str(o.Workgroup) : null, os: str(o.Caption), version: str(o.Version), build: Number(o.BuildNumber ?? 0) };
    },
  },
  'windows.features': {
    description: 'Geïnstalleerde rollen en onderdelen (Get-WindowsFeature)',
    script: () => `Get-WindowsFeature | Where-Object { $_.InstallState -eq 'Installed' } | Select-Object Name, DisplayName, FeatureType, @{n='InstallState';e={$_.InstallState.ToString()}} | ${J(2)}`,
    parse: (j) => ({ features: psJsonList(j).map((f) => ({ name: str(f.Name), displayName: str(f.DisplayName), type: str(f.FeatureType), installed: str(f.InstallState) === 'Installed' || f.InstallState === 1 })) }),
  },
  'windows.users': {
    description: 'Lokale gebruikers (Get-LocalUser)',
    script: () => `Get-LocalUser | Select-Object Name, Enabled, FullName, Description, PasswordRequired, @{n='PasswordExpires';e={if ($_.PasswordExpires) { $_.PasswordExpires.ToString('o') } else { $null }}}, @{n='LastLogon';e={if ($_.LastLogon) { $_.LastLogon.ToString('o') } else { $null }}}, @{n='SID';e={$_.SID.Value}} | ${J(2)}`,
    parse: (j) => ({ users: psJsonList(j).map((u) => ({ name: str(u.Name), enabled: bool(u.Enabled), fullName: str(u.FullName), passwordRequired: bool(u.PasswordRequired), passwordExpires: u.PasswordExpires ? str(u.PasswordExpires) : null, sid: str(u.SID) })) }),
  },
  'windows.groups': {
    description: 'Lokale groepen met leden (Get-LocalGroup, Get-LocalGroupMember)',
    script: () => `Get-LocalGroup | ForEach-Object { $g = $_; [pscustomobject]@{ Name = $g.Name; Description = $g.Description; Members = @(Get-LocalGroupMember -Group $g.Name -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ Name = $_.Name; ObjectClass = $_.ObjectClass; PrincipalSource = $_.PrincipalSource.ToString() } }) } } | ${J(4)}`,
    parse: (j) => ({ groups: psJsonList(j).map((g) => ({ name: str(g.Name), members: psArr(g.Members).map((m) => ({ name: str(m.Name), short: str(m.Name).split('\\').pop()!, class: str(m.ObjectClass) })) })) }),
  },
  'windows.services': {
    description: 'Services met status en opstarttype (Get-Service)',
    script: () => `Get-Service | Select-Object Name, DisplayName, @{n='Status';e={$_.Status.ToString()}}, @{n='StartType';e={$_.StartType.ToString()}} | ${J(2)}`,
    parse: (j) => ({ services: psJsonList(j).map((s) => ({ name: str(s.Name), displayName: str(s.DisplayName), status: SERVICE_STATUS(s.Status), startType: START_TYPE(s.StartType) })) }),
  },
  'windows.firewall': {
    description: 'Windows Firewall: profielen en regels (Get-NetFirewallProfile, Get-NetFirewallRule, poortfilters)',
    script: () =>
      `$p = Get-NetFirewallProfile | Select-Object Name, @{n='Enabled';e={$_.Enabled.ToString()}}, @{n='DefaultInboundAction';e={$_.DefaultInboundAction.ToString()}}, @{n='DefaultOutboundAction';e={$_.DefaultOutboundAction.ToString()}}; ` +
      `$r = Get-NetFirewallRule | Where-Object { $_.Enabled -eq 'True' -or $_.Group -eq $null } | ForEach-Object { $f = $_ | Get-NetFirewallPortFilter; [pscustomobject]@{ Name = $_.Name; DisplayName = $_.DisplayName; Enabled = $_.Enabled.ToString(); Direction = $_.Direction.ToString(); Action = $_.Action.ToString(); Profile = $_.Profile.ToString(); Protocol = $f.Protocol; LocalPort = @($f.LocalPort) } }; ` +
      `[pscustomobject]@{ Profiles = @($p); Rules = @($r) } | ${J(4)}`,
    parse: (j) => {
      const o = (JSON.parse(j.trim() || '{}') ?? {}) as Obj;
      return {
        profiles: psArr(o.Profiles).map((p) => ({ name: str(p.Name), enabled: GPO_BOOL(p.Enabled) === 'True', defaultInbound: FW_ACTION(p.DefaultInboundAction), defaultOutbound: FW_ACTION(p.DefaultOutboundAction) })),
        rules: psArr(o.Rules).map((r) => ({ name: str(r.Name), displayName: str(r.DisplayName), enabled: GPO_BOOL(r.Enabled) === 'True', direction: FW_DIR(r.Direction), action: FW_ACTION(r.Action), profile: str(r.Profile), protocol: str(r.Protocol), localPorts: (Array.isArray(r.LocalPort) ? r.LocalPort : [r.LocalPort]).filter((x) => x !== null && x !== undefined).map(str) })),
      };
    },
  },
  'windows.shares': {
    description: 'SMB-shares met sharerechten en NTFS-rechten (Get-SmbShare, Get-SmbShareAccess, Get-Acl)',
    script: () =>
      `Get-SmbShare | Where-Object { -not $_.Special } | ForEach-Object { $s = $_; [pscustomobject]@{ Name = $s.Name; Path = $s.Path; Description = $s.Description; ` +
      `Access = @(Get-SmbShareAccess -Name $s.Name | Select-Object AccountName, @{n='AccessControlType';e={$_.AccessControlType.ToString()}}, @{n='AccessRight';e={$_.AccessRight.ToString()}}); ` +
      `Ntfs = @((Get-Acl -Path $s.Path).Access | Select-Object @{n='IdentityReference';e={$_.IdentityReference.Value}}, @{n='FileSystemRights';e={$_.FileSystemRights.ToString()}}, @{n='AccessControlType';e={$_.AccessControlType.ToString()}}, IsInherited) } } | ${J(4)}`,
    parse: (j) => ({
      shares: psJsonList(j).map((s) => ({
        name: str(s.Name),
        path: str(s.Path),
        access: psArr(s.Access).map((a) => ({ account: str(a.AccountName), type: ACE_TYPE(a.AccessControlType), right: SHARE_RIGHT(a.AccessRight) })),
        ntfs: psArr(s.Ntfs).map((a) => ({ account: str(a.IdentityReference), rights: fsRights(a.FileSystemRights), type: ACE_TYPE(a.AccessControlType), inherited: bool(a.IsInherited) })),
      })),
    }),
  },
  'windows.dns-zones': {
    description: 'DNS-zones van de DNS-server (Get-DnsServerZone)',
    script: () => `Get-DnsServerZone | Select-Object ZoneName, ZoneType, IsDsIntegrated, IsReverseLookupZone, IsAutoCreated, @{n='DynamicUpdate';e={$_.DynamicUpdate.ToString()}} | ${J(2)}`,
    parse: (j) => ({ zones: psJsonList(j).map((z) => ({ name: str(z.ZoneName), type: str(z.ZoneType), adIntegrated: bool(z.IsDsIntegrated), reverse: bool(z.IsReverseLookupZone), autoCreated: bool(z.IsAutoCreated), dynamicUpdate: str(z.DynamicUpdate) })) }),
  },
  'windows.dns-records': {
    description: 'Records van één DNS-zone (Get-DnsServerResourceRecord)',
    params: Zone,
    script: (p) =>
      `Get-DnsServerResourceRecord -ZoneName ${psq(String(p.zone))} | Select-Object HostName, RecordType, @{n='TimeToLive';e={$_.TimeToLive.TotalSeconds}}, @{n='Data';e={ $d = $_.RecordData; switch ($_.RecordType) { 'A' { $d.IPv4Address.IPAddressToString } 'AAAA' { $d.IPv6Address.IPAddressToString } 'CNAME' { $d.HostNameAlias } 'PTR' { $d.PtrDomainName } 'NS' { $d.NameServer } 'MX' { '{0} {1}' -f $d.Preference, $d.MailExchange } 'SRV' { '{0} {1} {2} {3}' -f $d.Priority, $d.Weight, $d.Port, $d.DomainName } default { [string]$d } } }} | ${J(3)}`,
    parse: (j, p) => ({ zone: p.zone, records: psJsonList(j).map((r) => ({ name: str(r.HostName), type: str(r.RecordType), ttl: Number(r.TimeToLive ?? 0), data: str(r.Data) })) }),
  },
  'windows.dhcp': {
    description: 'DHCP-scopes met opties en reserveringen (Get-DhcpServerv4Scope, -OptionValue, -Reservation)',
    script: () =>
      `$server = @(Get-DhcpServerv4OptionValue -ErrorAction SilentlyContinue | Select-Object OptionId, Name, Value); ` +
      `$scopes = Get-DhcpServerv4Scope | ForEach-Object { $s = $_; [pscustomobject]@{ ScopeId = $s.ScopeId.IPAddressToString; Name = $s.Name; SubnetMask = $s.SubnetMask.IPAddressToString; StartRange = $s.StartRange.IPAddressToString; EndRange = $s.EndRange.IPAddressToString; State = $s.State; LeaseDuration = $s.LeaseDuration.TotalSeconds; ` +
      `Options = @(Get-DhcpServerv4OptionValue -ScopeId $s.ScopeId | Select-Object OptionId, Name, Value); Reservations = @(Get-DhcpServerv4Reservation -ScopeId $s.ScopeId | Select-Object @{n='IPAddress';e={$_.IPAddress.IPAddressToString}}, ClientId, Name, Description) } }; ` +
      `[pscustomobject]@{ ServerOptions = $server; Scopes = @($scopes) } | ${J(5)}`,
    parse: (j) => {
      const o = (JSON.parse(j.trim() || '{}') ?? {}) as Obj;
      const opts = (x: unknown) => psArr(x).map((v) => ({ id: Number(v.OptionId), name: str(v.Name), value: (Array.isArray(v.Value) ? v.Value : [v.Value]).map(str) }));
      return {
        serverOptions: opts(o.ServerOptions),
        scopes: psArr(o.Scopes).map((s) => ({ scopeId: str(s.ScopeId), name: str(s.Name), mask: str(s.SubnetMask), start: str(s.StartRange), end: str(s.EndRange), state: str(s.State), leaseSeconds: Number(s.LeaseDuration ?? 0), options: opts(s.Options), reservations: psArr(s.Reservations).map((r) => ({ ip: str(r.IPAddress), mac: str(r.ClientId).toLowerCase().replace(/[:]/g, '-'), name: str(r.Name) })) })),
      };
    },
  },
  'windows.updates': {
    description: 'Openstaande updates (Windows Update-zoekopdracht, alleen lezen) en laatst geïnstalleerde (Get-HotFix)',
    script: () =>
      `$searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher(); $r = $searcher.Search('IsInstalled=0 and IsHidden=0'); ` +
      `$pending = @($r.Updates | ForEach-Object { [pscustomobject]@{ Title = $_.Title; KB = @($_.KBArticleIDs); Severity = $_.MsrcSeverity; Categories = @($_.Categories | ForEach-Object { $_.Name }) } }); ` +
      `$hot = @(Get-HotFix | Sort-Object InstalledOn -Descending -ErrorAction SilentlyContinue | Select-Object -First 5 HotFixID, Description, @{n='InstalledOn';e={if ($_.InstalledOn) { $_.InstalledOn.ToString('yyyy-MM-dd') } else { $null }}}); ` +
      `[pscustomobject]@{ Pending = $pending; Installed = $hot } | ${J(4)}`,
    parse: (j) => {
      const o = (JSON.parse(j.trim() || '{}') ?? {}) as Obj;
      return {
        pending: psArr(o.Pending).map((u) => ({ title: str(u.Title), kb: (Array.isArray(u.KB) ? u.KB : [u.KB]).filter(Boolean).map(str), severity: u.Severity ? str(u.Severity) : null, categories: psArr(u.Categories as unknown).map(str) })),
        installed: psArr(o.Installed).map((h) => ({ id: str(h.HotFixID), description: str(h.Description), installedOn: h.InstalledOn ? str(h.InstalledOn) : null })),
      };
    },
  },
  'windows.bitlocker': {
    description: 'BitLocker-status per volume (Get-BitLockerVolume)',
    script: () => `Get-BitLockerVolume | Select-Object MountPoint, @{n='VolumeStatus';e={$_.VolumeStatus.ToString()}}, @{n='ProtectionStatus';e={$_.ProtectionStatus.ToString()}}, @{n='EncryptionMethod';e={$_.EncryptionMethod.ToString()}}, EncryptionPercentage, @{n='KeyProtector';e={@($_.KeyProtector | ForEach-Object { $_.KeyProtectorType.ToString() })}} | ${J(3)}`,
    parse: (j) => ({ volumes: psJsonList(j).map((v) => ({ mountPoint: str(v.MountPoint), volumeStatus: VOLUME_STATUS(v.VolumeStatus), protection: PROTECTION(v.ProtectionStatus), method: str(v.EncryptionMethod), percentage: Number(v.EncryptionPercentage ?? 0), protectors: psArr(v.KeyProtector as unknown).map(str) })) }),
  },
  'windows.gpo-links': {
    description: 'GPO-koppelingen op domein en OU\'s (Get-GPInheritance)',
    script: () =>
      `$d = Get-ADDomain; $targets = @($d.DistinguishedName) + @(Get-ADOrganizationalUnit -Filter * | ForEach-Object { $_.DistinguishedName }); ` +
      `$targets | ForEach-Object { $i = Get-GPInheritance -Target $_; [pscustomobject]@{ Target = $_; BlockInheritance = $i.GpoInheritanceBlocked; Links = @($i.GpoLinks | ForEach-Object { [pscustomobject]@{ DisplayName = $_.DisplayName; Enabled = $_.Enabled; Enforced = $_.Enforced; Order = $_.Order } }) } } | ${J(4)}`,
    parse: (j) => ({ targets: psJsonList(j).map((t) => ({ target: str(t.Target), blockInheritance: bool(t.BlockInheritance), links: psArr(t.Links).map((l) => ({ gpo: str(l.DisplayName), enabled: bool(l.Enabled), enforced: bool(l.Enforced), order: Number(l.Order ?? 0) })) })) }),
  },
  'windows.exec': {
    description: 'Vrij PowerShell-commando (alleen lezende cmdlets; uitvoer als JSON indien mogelijk)',
    params: z.object({ script: z.string().min(1) }),
    script: (p) => String(p.script),
    parse: (j) => {
      try {
        return { json: JSON.parse(j) };
      } catch {
        return { text: j };
      }
    },
  },
};

/** An array (or a single object serialised as one) from a nested JSON property. */
function psArr(v: unknown): Obj[] {
  if (v === null || v === undefined) return [];
  return (Array.isArray(v) ? v : [v]) as Obj[];
}
