// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// node build.mjs OUTDIR — bundles the web editor into OUTDIR: index.html and assets/ (editor.js,
// editor.css, icon.svg). One self-contained script, nothing fetched when the page runs.
import { build } from 'esbuild'
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const out = process.argv[2]
if (!out) {
  console.error('usage: node build.mjs OUTDIR')
  process.exit(2)
}
mkdirSync(join(out, 'assets'), { recursive: true })
await build({
  entryPoints: [join(here, 'src/main.js')],
  outfile: join(out, 'assets/editor.js'),
  bundle: true,
  format: 'iife',
  minify: true,
  target: ['es2020'],
  legalComments: 'eof', // the licences of the bundled packages stay with their code
  logLevel: 'warning'
})
copyFileSync(join(here, 'src/index.html'), join(out, 'index.html'))
copyFileSync(join(here, 'src/editor.css'), join(out, 'assets/editor.css'))
copyFileSync(join(here, 'src/icon.svg'), join(out, 'assets/icon.svg'))
