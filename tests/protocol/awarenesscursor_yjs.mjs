// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Oracle for tst_awarenesscursoryjs: reads, with real Yjs and y-protocols, the awareness
// updates Chorus publishes. Input (argv[2], a JSON file): [{update, awarenessUpdate, clientId,
// textName}] with the document update and the awareness update in hex. Output (stdout): per
// case the state a y-protocols peer decodes, and where its cursor resolves the two ways the
// bindings read it: `raw`, the parsed JSON handed straight to
// createAbsolutePositionFromRelativePosition (y-codemirror.next, y-monaco), and `fromJSON`,
// through createRelativePositionFromJSON first (y-quill, y-prosemirror). A throw is reported
// as {error}, the way the browser's plugin would have crashed.
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const { Y, awarenessProtocol } = await import(pathToFileURL(process.env.CHORUS_NODE_DIR + '/deps.mjs'))

const fromHex = hex => Uint8Array.from(hex.match(/../g) ?? [], h => parseInt(h, 16))

const where = (read, doc, ytext) => {
  try {
    const abs = read()
    if (abs === null) return null
    return { index: abs.index, inText: abs.type === ytext }
  } catch (error) {
    return { error: String(error) }
  }
}

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const results = cases.map(c => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, fromHex(c.update))
  const ytext = doc.getText(c.textName)
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awarenessProtocol.applyAwarenessUpdate(awareness, fromHex(c.awarenessUpdate), 'chorus')
  const state = awareness.getStates().get(c.clientId) ?? null
  awareness.destroy() // its renewal timer would keep Node running
  const cursor = state?.cursor
  const resolve = pos => ({
    raw: where(() => Y.createAbsolutePositionFromRelativePosition(pos, doc), doc, ytext),
    fromJSON: where(() => Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(pos), doc), doc, ytext)
  })
  return {
    text: ytext.toString(),
    state,
    anchor: cursor == null ? null : resolve(cursor.anchor),
    head: cursor == null ? null : resolve(cursor.head)
  }
})
process.stdout.write(JSON.stringify(results))
