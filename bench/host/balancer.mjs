// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A tiny round-robin TCP balancer for the scale-out benchmark (docs/performance.md,
// "Scale-out"): loadgen takes one --url, so this spreads its connections over several
// chorus-server instances, as an operator's load balancer would. Each accepted connection is
// piped to the next backend in turn; nothing is parsed. Loopback only.
//   node balancer.mjs LISTEN_PORT BACKEND_PORT...
// Prints "balancing on PORT" once listening; its own CPU is reported beside the servers'.
import net from 'node:net'

const [listenPort, ...backends] = process.argv.slice(2).map(Number)
if (!listenPort || backends.length === 0 || backends.some(p => !p)) {
  console.error('usage: node balancer.mjs LISTEN_PORT BACKEND_PORT...')
  process.exit(2)
}
let next = 0
const server = net.createServer({ noDelay: true }, client => {
  const port = backends[next]
  next = (next + 1) % backends.length
  const upstream = net.connect({ host: '127.0.0.1', port, noDelay: true })
  client.pipe(upstream)
  upstream.pipe(client)
  const end = () => { client.destroy(); upstream.destroy() }
  client.on('error', end)
  upstream.on('error', end)
  client.on('close', end)
  upstream.on('close', end)
})
server.listen(listenPort, '127.0.0.1', () => console.log(`balancing on ${listenPort}`))
