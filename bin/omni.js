#!/usr/bin/env node
// Thin shim: all logic lives in the compiled CLI so `npm run build` is the only step.
import '../dist/cli/main.js';
