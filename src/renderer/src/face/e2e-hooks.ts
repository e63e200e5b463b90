/**
 * TEST HOOK, compiled out of production builds. In a build made with `--mode e2e` only, the
 * end-to-end tests may call `window.__kioskE2E.passLiveness()` so that the next liveness check
 * counts as passed without the head movements, which Chromium's fake camera (a looping photo)
 * cannot make. Everything else stays real: the camera, the quality gates, the face track, the
 * descriptor and the match. In any other build `import.meta.env.MODE === 'e2e'` is false at
 * build time, the bundler drops the branch, and the hook's name is not in the bundle (a test
 * checks the production bundle for it).
 */
let passNext = false

export function installE2eHooks(): void {
  if (import.meta.env.MODE === 'e2e') {
    Object.assign(window, {
      __kioskE2E: {
        passLiveness: () => {
          passNext = true
        },
      },
    })
  }
}

/** True once when the e2e hook asked for the current liveness check to pass. */
export function takeLivenessOverride(): boolean {
  if (import.meta.env.MODE !== 'e2e') return false
  const value = passNext
  passNext = false
  return value
}
