#!/usr/bin/env node
import { main } from './program.js';

process.exitCode = await main(process.argv.slice(2));
// Pooled connections or timers must not keep a finished command alive.
process.exit();
