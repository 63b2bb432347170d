#!/usr/bin/env node
// The package's bin. npm puts node_modules/.bin (with the project's Node 24) first on PATH for
// `npx sluice`, so the TypeScript entry point runs through Node's type stripping.
import '../src/cli/main.ts'
