// Every linux parser, registered for `proeflab parse --platform linux --command "…"` and used by the
// driver. The command patterns accept the usual variants (with/without sudo, flags in any order).
import type { Parser } from '../../../src/core/types.js';
import { parseChage, parseGroup, parseLoginDefs, parsePam, parsePasswd, parsePwquality, parseShadow, parseSudoList } from './accounts.js';
import { parseIptablesList, parseIptablesSave, parseNftJson, parseUfwStatus } from './firewall.js';
import { parseIpAddrJson, parseIpRouteJson, parseIpRouteText } from './ip.js';
import {
  parseAptSimulate, parseChronyTracking, parseCrontab, parseDnfUpdates, parseDpkgQuery, parseJournalJson, parseNtpqP, parseOsRelease,
  parseResolvConf, parseRpmQa, parseSha256sum, parseSshd, parseStat, parseUptime,
} from './misc.js';
import { parseSs } from './ss.js';
import { parseDf, parseFindmntJson, parseFree, parseMount } from './storage.js';
import { parseListTimers, parseListUnitFiles, parseListUnits, parseSystemctlShow, parseTimedatectl } from './systemd.js';

const S = '^(?:sudo\\s+(?:-\\S+\\s+)*)?';
const p = (command: string, match: string, parse: (raw: string) => unknown): Parser => ({ platform: 'linux', command, match: new RegExp(S + match), parse });

export const linuxParsers: Parser[] = [
  p('ip -j addr', 'ip\\s+(?:-\\S+\\s+)*-j(?:son)?\\s+(?:-\\S+\\s+)*a(?:d(?:dr?)?|ddress)?\\b', parseIpAddrJson),
  p('ip -j route', 'ip\\s+(?:-\\S+\\s+)*-j(?:son)?\\s+(?:-\\S+\\s+)*r(?:o(?:u(?:te?)?)?)?\\b', parseIpRouteJson),
  p('ip route', 'ip\\s+(?:-[46]\\s+)?r(?:o(?:u(?:te?)?)?)?(?:\\s+show)?\\s*$', parseIpRouteText),
  p('ss -Htulnp', 'ss(?:\\s+-\\S+)*\\s*$', parseSs),
  p('getent passwd', '(?:getent\\s+passwd|cat\\s+/etc/passwd)\\b', parsePasswd),
  p('getent group', '(?:getent\\s+group|cat\\s+/etc/group)\\b', parseGroup),
  p('getent shadow', '(?:getent\\s+shadow|cat\\s+/etc/shadow)\\b', parseShadow),
  p('chage -l', 'chage\\s+(?:-l|--list)\\b', parseChage),
  p('sudo -l -U', 'sudo\\s+(?:-\\S+\\s+)*-l\\b', parseSudoList),
  p('cat /etc/login.defs', 'cat\\s+/etc/login\\.defs\\b', parseLoginDefs),
  p('cat /etc/pam.d/common-password', 'cat\\s+/etc/pam\\.d/', parsePam),
  p('cat /etc/security/pwquality.conf', 'cat\\s+/etc/security/pwquality\\.conf\\b', parsePwquality),
  p('systemctl show', 'systemctl\\s+(?:--\\S+\\s+)*show\\b', parseSystemctlShow),
  p('systemctl list-units', 'systemctl(?:\\s+--\\S+)*(?:\\s+list-units\\b.*|\\s*$)', parseListUnits),
  p('systemctl list-unit-files', 'systemctl\\s+(?:--\\S+\\s+)*list-unit-files\\b', parseListUnitFiles),
  p('systemctl list-timers', 'systemctl\\s+(?:--?\\S+\\s+)*list-timers\\b', parseListTimers),
  p('timedatectl', 'timedatectl(?:\\s+(?:status|show))?\\s*$', parseTimedatectl),
  p('chronyc tracking', 'chronyc\\s+(?:-n\\s+)?tracking\\b', parseChronyTracking),
  p('ntpq -p', 'ntpq\\s+-p', parseNtpqP),
  p('iptables-save', 'ip6?tables-save\\b', parseIptablesSave),
  p('iptables -L', 'ip6?tables\\s+(?:-\\S+\\s+)*-\\S*L', parseIptablesList),
  p('ufw status', 'ufw\\s+status\\b', parseUfwStatus),
  p('nft -j list ruleset', 'nft\\s+(?:-\\S+\\s+)*-j\\s+(?:-\\S+\\s+)*list\\s+ruleset\\b', parseNftJson),
  p('findmnt -J', 'findmnt\\s+(?:-\\S+\\s+)*-\\S*J', parseFindmntJson),
  p('mount', 'mount\\s*$', parseMount),
  p('df -PTk', 'df\\b', parseDf),
  p('free', 'free\\b', parseFree),
  p('sshd -T', '(?:/usr/sbin/)?sshd\\s+(?:-\\S+\\s+)*-T\\b', parseSshd),
  p('cat /etc/ssh/sshd_config', 'cat\\s+/etc/ssh/sshd_config', parseSshd),
  p('crontab -l', 'crontab\\s+(?:-u\\s+\\S+\\s+)?-l\\b', (raw) => parseCrontab(raw, false)),
  p('cat /etc/crontab', 'cat\\s+/etc/cron(?:tab|\\.d/\\S+)\\b', (raw) => parseCrontab(raw, true)),
  p('stat -c', 'stat\\s+-c\\b', parseStat),
  p('sha256sum', 'sha256sum\\b', parseSha256sum),
  p('dpkg-query -W', 'dpkg-query\\s+(?:-\\S+\\s+)*-W\\b', parseDpkgQuery),
  p('rpm -qa', 'rpm\\s+-qa\\b', parseRpmQa),
  p('apt-get -s upgrade', 'apt-get\\s+(?:-\\S+\\s+)*-s\\b|apt-get\\s+--simulate\\b', parseAptSimulate),
  p('dnf updateinfo list', '(?:dnf|yum)\\s+(?:-\\S+\\s+)*(?:updateinfo|check-update)\\b', parseDnfUpdates),
  p('cat /etc/resolv.conf', 'cat\\s+\\S*resolv\\.conf\\b', parseResolvConf),
  p('journalctl -o json', 'journalctl\\b.*-o\\s*json\\b', parseJournalJson),
  p('uptime', 'uptime\\s*$', parseUptime),
  p('cat /etc/os-release', 'cat\\s+/(?:etc|usr/lib)/os-release\\b', parseOsRelease),
];
