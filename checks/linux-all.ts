// All linux check kinds (one file per kind), registered in checks/index.ts with a single entry.
import type { CheckKind } from '../src/core/types.js';
import { linuxAddress } from './linux-address.js';
import { linuxBackup } from './linux-backup.js';
import { linuxCron } from './linux-cron.js';
import { linuxFile } from './linux-file.js';
import { linuxFirewall } from './linux-firewall.js';
import { linuxGroup } from './linux-group.js';
import { linuxHostname } from './linux-hostname.js';
import { linuxListening } from './linux-listening.js';
import { linuxLog } from './linux-log.js';
import { linuxMount } from './linux-mount.js';
import { linuxPackage } from './linux-package.js';
import { linuxPasswordPolicy } from './linux-password-policy.js';
import { linuxResolver } from './linux-resolver.js';
import { linuxRoute } from './linux-route.js';
import { linuxScript } from './linux-script.js';
import { linuxService } from './linux-service.js';
import { linuxSshd } from './linux-sshd.js';
import { linuxSudo } from './linux-sudo.js';
import { linuxTimesync } from './linux-timesync.js';
import { linuxUpdates } from './linux-updates.js';
import { linuxUser } from './linux-user.js';

export const linuxChecks: CheckKind[] = [
  linuxHostname, linuxAddress, linuxRoute, linuxResolver, linuxUser, linuxGroup, linuxSudo, linuxPasswordPolicy, linuxPackage, linuxUpdates,
  linuxService, linuxListening, linuxFirewall, linuxSshd, linuxFile, linuxCron, linuxMount, linuxTimesync, linuxLog, linuxScript, linuxBackup,
] as CheckKind[];
