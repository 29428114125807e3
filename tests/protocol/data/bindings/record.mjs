// Records the awareness states the four common Yjs editor bindings publish, with the real
// packages from npm (versions pinned in package.json / package-lock.json beside this file):
// page.mjs is bundled with esbuild and run in headless Chromium from the system's packages,
// driven by playwright-core (no browser is downloaded). Writes one <binding>.json per binding
// here; tst_awarenessbindings reads them.
//
// Run it again (inside scripts/dev) after changing a pinned version:
//   mkdir -p build/bindings && cp tests/protocol/data/bindings/{package.json,package-lock.json,.npmrc} \
//       build/bindings/ && (cd build/bindings && npm ci) &&
//   node tests/protocol/data/bindings/record.mjs build/bindings/node_modules
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const modules = resolve(process.argv[2] ?? join(here, 'node_modules'))
const require = createRequire(join(modules, 'noop.js'))
const esbuild = require('esbuild')
const { chromium } = require('playwright-core')
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium'

const work = mkdtempSync(join(tmpdir(), 'chorus-bindings-'))
try {
  await esbuild.build({
    entryPoints: [join(here, 'page.mjs')],
    bundle: true,
    format: 'iife', // file:// pages cannot load module scripts
    outfile: join(work, 'page.js'),
    nodePaths: [modules],
    loader: { '.css': 'empty', '.ttf': 'empty' },
    logLevel: 'warning'
  })
  writeFileSync(join(work, 'page.html'),
    '<!doctype html><meta charset="utf-8"><body><script src="page.js"></script>')

  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  try {
    const page = context.pages()[0] ?? await context.newPage()
    const errors = []
    page.on('pageerror', error => errors.push(String(error)))
    page.on('console', message => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(pathToFileURL(join(work, 'page.html')).href)
    await page.waitForFunction(() => typeof window.recordAll === 'function', null, { timeout: 30000 })
      .catch(error => { throw new Error(`${error.message}\n${errors.join('\n')}`) })
    const recorded = await page.evaluate(() => window.recordAll())
    const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'))
    const version = name => lock.packages[`node_modules/${name}`]?.version
    for (const [binding, fixture] of Object.entries(recorded)) {
      const out = { recordedWith: { [binding]: version(binding), yjs: version('yjs'), 'y-protocols': version('y-protocols') }, ...fixture }
      writeFileSync(join(here, `${binding}.json`), JSON.stringify(out, null, 2) + '\n')
      console.log(`${binding}: ${fixture.cases.length} cases`)
    }
    if (errors.length > 0) console.warn('page errors (not fatal):\n' + errors.join('\n'))
  } finally {
    await context.close()
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
