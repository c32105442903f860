#!/usr/bin/env node
// The `depot` command: checks Node first (an old Node would crash in better-sqlite3), then runs
// the TypeScript CLI through tsx so the command needs no build step.
import './check-node.mjs';
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
