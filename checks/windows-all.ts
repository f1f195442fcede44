// All windows check kinds (one file per kind), registered in checks/index.ts with a single entry.
import type { CheckKind } from '../src/core/types.js';
import { windowsBitlocker } from './windows-bitlocker.js';
import { windowsComputer } from './windows-computer.js';
import { windowsDhcp } from './windows-dhcp.js';
import { windowsDns } from './windows-dns.js';
import { windowsFeature } from './windows-feature.js';
import { windowsFirewall } from './windows-firewall.js';
import { windowsGpoLink } from './windows-gpo-link.js';
import { windowsLocalGroup } from './windows-local-group.js';
import { windowsLocalUser } from './windows-local-user.js';
import { windowsService } from './windows-service.js';
import { windowsShare } from './windows-share.js';
import { windowsUpdates } from './windows-updates.js';

export const windowsChecks: CheckKind[] = [
  windowsComputer, windowsFeature, windowsLocalUser, windowsLocalGroup, windowsService, windowsFirewall, windowsShare, windowsDns, windowsDhcp, windowsUpdates, windowsBitlocker, windowsGpoLink,
] as CheckKind[];
