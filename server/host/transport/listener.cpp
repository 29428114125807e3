// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/listener.h"

#include "host/transport/qtwebsocketlistener.h"
#ifdef CHORUS_HAVE_EPOLL
#include "host/transport/epolllistener.h"
#endif

namespace Chorus::Host {

std::unique_ptr<Listener> Listener::create(const ServerOptions &options)
{
#ifdef CHORUS_HAVE_EPOLL
    // TLS stays with QtWebSockets (QSslSocket); plain ws gets the lean native transport.
    if (!options.isTls() && options.transport != ServerOptions::Transport::Qt) {
        return std::make_unique<EpollListener>(options);
    }
#endif
    return std::make_unique<QtWebSocketListener>(options);
}

} // namespace Chorus::Host
