// After `tsc -p tsconfig.build.json`: the compiled server reads its bank holidays and policy
// presets from ../config relative to dist/src, so the shipped configuration is copied beside it.
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/config', { recursive: true, force: true });
cpSync('config', 'dist/config', { recursive: true });
