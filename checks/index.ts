// Every check kind proeflab knows. One file per kind.
import type { CheckKind } from '../src/core/types.js';

export const allChecks: CheckKind[] = [];
