#!/usr/bin/env bash
# The test command (`npm test`): system packages, lint (with the layer rules), typecheck,
# build, unit and integration tests, end-to-end tests in Chromium, and the Electron smoke test
# where Electron exists. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "system packages"; bash scripts/setup-system.sh
step "lint"; npx eslint --max-warnings 0 .
step "typecheck"; npm run --silent typecheck
step "build"; npx electron-vite build >/dev/null
step "unit and integration tests (vitest)"; npx vitest run
step "end-to-end tests (Playwright, Debian Chromium)"; npx playwright test
step "Electron smoke test"; node scripts/electron-smoke.mjs
printf '\nAll tests passed.\n'
