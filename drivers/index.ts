// Every driver and every parser proeflab knows. One folder per platform/transport.
import type { Driver, Parser } from '../src/core/types.js';

export const allDrivers: Driver[] = [];

export const allParsers: Parser[] = [];
