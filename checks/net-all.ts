// Service checks added for issue 5 (outside view + vantage point), registered in checks/index.ts with one entry.
import type { CheckKind } from '../src/core/types.js';
import { netDhcp, netFtp, netSftp, netSmb, netSmtp } from './net-services.js';
import { netTcpFrom } from './net-tcp-from.js';

export const netServiceChecks: CheckKind[] = [netSmtp, netFtp, netSftp, netSmb, netDhcp, netTcpFrom] as CheckKind[];
