// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/serveroptions.h"

#include "host/redis/redisaddress.h"
#include "host/redis/redisroomstore.h"
#include "host/transport/originpolicy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace Chorus::Host {

namespace {

const char *const HelpEpilogue = R"(
Storage (--sync):
  full    every update is fsync'ed to the SQLite WAL before any peer sees it or it is
          acknowledged: nothing acknowledged is lost even on an OS crash or power cut.
  normal  every update is written to the WAL (the OS has it) before any peer sees it or it is
          acknowledged: nothing is lost when the host process is killed (kill -9); an OS
          crash or power cut may lose the most recent updates. Faster on slow disks.

Security:
  The token is checked after the WebSocket connects (first message), never in the URL, and is
  compared in constant time. Prefer --token-file: a --token value is visible to other users
  in the process list. A client that sends the --read-only-token instead joins read-only:
  it sees every document live but its edits are dropped (it is told so once per connection).
  Browsers are refused (close 1008) unless their Origin is given with --origin (repeatable,
  scheme://host[:port]) or is the host's own web editor page (http://ADDRESS:PORT, reached by
  an IP address or localhost): a web page open in your browser cannot read or write the
  documents of a host on this computer. Clients that send no Origin (native apps) are allowed.
  One remote address may hold --max-connections-per-address connections (more: close 1013)
  and --max-handshakes-per-address upgrades in progress (more: HTTP 429); clients on this
  computer (loopback) share only --max-connections.

Scale-out (--redis redis://HOST:PORT[/DB]):
  Documents live in Redis (or Valkey) instead of SQLite, and every instance started with the
  same --redis serves every document: put several behind a load balancer. An update is
  acknowledged once Redis has it durably (run Redis with appendonly yes, appendfsync always).
  If Redis goes away, clients are closed with 1013 (try again later) until it is back.

Transport (--transport):
  auto    native for ws on Linux, qt otherwise and for wss.
  native  Linux only, ws only: its own epoll loop and RFC 6455 framing; about 1 KB per idle
          connection and one write per peer per relayed batch.
  qt      QtWebSockets (QWebSocketServer); needed for wss.

Pacing (--pacing-load, --write-budget):
  A host that keeps up relays every update in the event-loop turn that read it. Only while it
  is behind -- its thread ran or waited for a CPU at least --pacing-load of the time (default
  0.6, smoothed over about a second), a quarter of that in its own passes -- does it write
  each peer at most once per interval (growing up to 100 ms while that lasts), so relays to a
  peer share a write (a write costs a few microseconds of CPU whatever its size). It relays at
  once again when, without pacing, its load would be under 0.7 of --pacing-load.
  --write-budget N also paces above N writes a second, whatever the load: less CPU at the
  price of latency (default 0: no such budget).

The room is the URL path (ws://HOST:PORT/ROOM); the room .chorus/index lists the documents.
A browser opening http://HOST:PORT/?doc=ROOM gets the web editor (unless --no-web).
)";

bool fail(int *exitCode, const QString &message)
{
    std::fprintf(stderr, "chorus-server: %s\n", qPrintable(message));
    *exitCode = 2;
    return false;
}

bool parsePositive(const QString &text, qint64 max, qint64 *out)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v <= 0 || v > max) {
        return false;
    }
    *out = v;
    return true;
}

// --token/--token-file and --read-only-token/--read-only-token-file: one of a pair, not empty.
bool readSecret(const QCommandLineParser &parser, const QCommandLineOption &value,
                const QCommandLineOption &file, QByteArray *out, int *exitCode)
{
    const QString valueName = QStringLiteral("--") + value.names().constFirst();
    const QString fileName = QStringLiteral("--") + file.names().constFirst();
    if (parser.isSet(value) && parser.isSet(file)) {
        return fail(exitCode,
                    QStringLiteral("%1 and %2 exclude each other").arg(valueName, fileName));
    }
    if (parser.isSet(value)) {
        *out = parser.value(value).toUtf8();
    } else if (parser.isSet(file)) {
        QFile f(parser.value(file));
        if (!f.open(QIODevice::ReadOnly)) {
            return fail(exitCode,
                        QStringLiteral("%1: cannot read %2: %3")
                            .arg(fileName, f.fileName(), f.errorString()));
        }
        *out = f.read(64 * 1024).trimmed();
    }
    if ((parser.isSet(value) || parser.isSet(file)) && out->isEmpty()) {
        return fail(exitCode, QStringLiteral("%1: the token is empty").arg(valueName));
    }
    return true;
}

} // namespace

ServerOptions ServerOptions::parse(const QStringList &arguments, int *exitCode)
{
    *exitCode = -1;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Chorus host: serves collaborative documents over the y-websocket protocol."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const auto opt
        = [](const char *name, const char *desc, const char *value, const char *def = nullptr) {
              QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(desc),
                                   QString::fromLatin1(value));
              if (def) {
                  o.setDefaultValue(QString::fromLatin1(def));
              }
              return o;
          };
    const auto bind
        = opt("bind", "Address to listen on (default 127.0.0.1).", "address", "127.0.0.1");
    const auto port = opt("port", "TCP port (default 1234; 0 picks a free one).", "port", "1234");
    const auto dataDir = opt("data-dir",
                             "Directory for the SQLite database (created if missing). Without "
                             "it documents live in memory only.",
                             "dir");
    const auto token = opt("token", "Access token clients must send after connecting.", "token");
    const auto tokenFile = opt("token-file", "Read the access token from this file.", "file");
    const auto roToken
        = opt("read-only-token",
              "A second token that lets clients read but not edit (needs a token).", "token");
    const auto roTokenFile
        = opt("read-only-token-file", "Read the read-only token from this file.", "file");
    const auto origin = opt(
        "origin", "Allow browser pages from this Origin (repeatable; default none).", "origin");
    const auto tlsCert = opt("tls-cert", "PEM certificate: serve wss:// instead of ws://.", "file");
    const auto tlsKey = opt("tls-key", "PEM private key for --tls-cert.", "file");
    // The help text spells the default out; keep it with Protocol::MessageLimits.
    static_assert(Protocol::MessageLimits::HostMaxMessageBytes == 16777216);
    const auto maxMessage = opt("max-message-bytes",
                                "Largest accepted message (default 16777216); larger closes the "
                                "connection with 1009.",
                                "bytes", "16777216");
    const auto maxConnections = opt("max-connections",
                                    "Most simultaneous connections (default 4096); more are "
                                    "closed with 1013.",
                                    "n", "4096");
    const auto maxRooms = opt("max-rooms",
                              "Most documents loaded at once (default 1024); joining another is "
                              "closed with 1013.",
                              "n", "1024");
    const auto maxDocuments = opt("max-documents",
                                  "Most documents stored (default 10000); a join that would "
                                  "create another is closed with 1013.",
                                  "n", "10000");
    const auto maxPerAddress = opt("max-connections-per-address",
                                   "Most connections from one remote address (default 256); "
                                   "more are closed with 1013.",
                                   "n", "256");
    const auto maxHandshakesPerAddress
        = opt("max-handshakes-per-address",
              "Most upgrades in progress from one remote address (default 32); more get HTTP "
              "429.",
              "n", "32");
    const auto pacingLoad = opt("pacing-load",
                                "Host thread load (0.05-10) from which each peer's relays are "
                                "batched (default 0.6); see below.",
                                "share", "0.6");
    const auto writeBudget = opt("write-budget",
                                 "Also batch above this many socket writes a second (default 0: "
                                 "never for the rate alone); see below.",
                                 "n", "0");
    const auto sync = opt("sync", "full (default) or normal; see below.", "mode", "full");
    const auto logLevel
        = opt("log-level", "error, warning, info (default) or debug.", "level", "info");
    const auto transport = opt("transport",
                               "auto (default), native or qt: the WebSocket implementation; "
                               "see below.",
                               "kind", "auto");
    parser.addOptions({ bind, port, dataDir, token, tokenFile, roToken, roTokenFile, origin,
                        tlsCert, tlsKey, maxMessage, maxConnections, maxRooms, writeBudget, sync,
                        logLevel, transport });
    parser.addOptions({ maxDocuments, maxPerAddress, maxHandshakesPerAddress });
    const QCommandLineOption noWeb(QStringLiteral("no-web"),
                                   QStringLiteral("Do not serve the web editor at the HTTP root "
                                                  "(a browser then gets HTTP 426)."));
    parser.addOption(noWeb);
    parser.addOption(pacingLoad);

    const auto redis = opt("redis",
                           "Share documents with other instances through Redis: "
                           "redis://HOST:PORT[/DB]; see below.",
                           "url");
    parser.addOption(redis);

    ServerOptions out;
    if (!parser.parse(arguments)) {
        fail(exitCode, parser.errorText());
        return out;
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        std::fputs(HelpEpilogue, stdout);
        *exitCode = 0;
        return out;
    }
    if (parser.isSet(version)) {
        std::printf("chorus-server %s\n", CHORUS_VERSION);
        *exitCode = 0;
        return out;
    }
    if (!parser.positionalArguments().isEmpty()) {
        fail(exitCode,
             QStringLiteral("unexpected argument: %1")
                 .arg(parser.positionalArguments().constFirst()));
        return out;
    }
    if (!out.bind.setAddress(parser.value(bind))) {
        fail(exitCode, QStringLiteral("--bind: not an IP address: %1").arg(parser.value(bind)));
        return out;
    }
    bool ok = false;
    const uint p = parser.value(port).toUInt(&ok);
    if (!ok || p > 65535) {
        fail(exitCode, QStringLiteral("--port: expected 0-65535, got %1").arg(parser.value(port)));
        return out;
    }
    out.port = quint16(p);
    out.dataDir = parser.value(dataDir);
    out.redisUrl = parser.value(redis);
    if (parser.isSet(redis)) {
        QString why;
        if (!RedisRoomStore::isSupported()) {
            fail(exitCode,
                 QStringLiteral("--redis: this chorus-server was built without Redis support "
                                "(hiredis was not found at build time)"));
            return out;
        }
        if (!RedisAddress::parse(out.redisUrl, &why).isValid()) {
            fail(exitCode, QStringLiteral("--redis: %1").arg(why));
            return out;
        }
        if (!out.dataDir.isEmpty()) {
            fail(exitCode,
                 QStringLiteral("--redis and --data-dir exclude each other (with "
                                "--redis the documents live in Redis)"));
            return out;
        }
    }
    out.serveWebEditor = !parser.isSet(noWeb);
    if (!readSecret(parser, token, tokenFile, &out.token, exitCode)
        || !readSecret(parser, roToken, roTokenFile, &out.readOnlyToken, exitCode)) {
        return out;
    }
    if (!out.readOnlyToken.isEmpty() && out.token.isEmpty()) {
        fail(exitCode,
             QStringLiteral("--read-only-token needs --token (without one everyone may edit)"));
        return out;
    }
    if (!out.readOnlyToken.isEmpty() && out.readOnlyToken == out.token) {
        fail(exitCode, QStringLiteral("the read-only token must differ from the token"));
        return out;
    }
    for (const QString &o : parser.values(origin)) {
        if (OriginPolicy::normalise(o).isEmpty()) {
            fail(exitCode,
                 QStringLiteral("--origin: expected scheme://host[:port], got %1").arg(o));
            return out;
        }
        out.allowedOrigins.append(o);
    }
    out.tlsCertFile = parser.value(tlsCert);
    out.tlsKeyFile = parser.value(tlsKey);
    if (out.tlsCertFile.isEmpty() != out.tlsKeyFile.isEmpty()) {
        fail(exitCode, QStringLiteral("--tls-cert and --tls-key go together"));
        return out;
    }
    qint64 n = 0;
    if (!parsePositive(parser.value(maxMessage), qint64(1) << 31, &n)) {
        fail(exitCode, QStringLiteral("--max-message-bytes: expected 1-2147483648"));
        return out;
    }
    out.maxMessageBytes = n;
    if (!parsePositive(parser.value(maxConnections), 1000000, &n)) {
        fail(exitCode, QStringLiteral("--max-connections: expected a positive number"));
        return out;
    }
    out.maxConnections = int(n);
    if (!parsePositive(parser.value(maxRooms), 1000000, &n)) {
        fail(exitCode, QStringLiteral("--max-rooms: expected a positive number"));
        return out;
    }
    out.maxRooms = int(n);
    if (!parsePositive(parser.value(maxDocuments), 100000000, &n)) {
        fail(exitCode, QStringLiteral("--max-documents: expected a positive number"));
        return out;
    }
    out.maxDocuments = int(n);
    if (!parsePositive(parser.value(maxPerAddress), 1000000, &n)) {
        fail(exitCode, QStringLiteral("--max-connections-per-address: expected a positive number"));
        return out;
    }
    out.maxConnectionsPerAddress = int(n);
    if (!parsePositive(parser.value(maxHandshakesPerAddress), 1000000, &n)) {
        fail(exitCode, QStringLiteral("--max-handshakes-per-address: expected a positive number"));
        return out;
    }
    out.maxHandshakesPerAddress = int(n);
    if (parser.value(writeBudget) == u"0") {
        out.writeBudgetPerSecond = 0;
    } else if (parsePositive(parser.value(writeBudget), 100000000, &n)) {
        out.writeBudgetPerSecond = int(n);
    } else {
        fail(exitCode, QStringLiteral("--write-budget: expected 0 or a positive number"));
        return out;
    }
    const double load = parser.value(pacingLoad).toDouble(&ok);
    if (!ok || !(load >= 0.05 && load <= 10)) {
        fail(exitCode, QStringLiteral("--pacing-load: expected a number from 0.05 to 10"));
        return out;
    }
    out.pacingLoad = load;
    const QString s = parser.value(sync);
    if (s == u"full") {
        out.sync = SyncMode::Full;
    } else if (s == u"normal") {
        out.sync = SyncMode::Normal;
    } else {
        fail(exitCode, QStringLiteral("--sync: expected full or normal, got %1").arg(s));
        return out;
    }
    const QString t = parser.value(transport);
    if (t == u"auto") {
        out.transport = Transport::Auto;
    } else if (t == u"native") {
        out.transport = Transport::Native;
    } else if (t == u"qt") {
        out.transport = Transport::Qt;
    } else {
        fail(exitCode, QStringLiteral("--transport: expected auto, native or qt, got %1").arg(t));
        return out;
    }
#ifndef CHORUS_HAVE_EPOLL
    if (out.transport == Transport::Native) {
        fail(exitCode, QStringLiteral("--transport native: only on Linux"));
        return out;
    }
#endif
    if (out.transport == Transport::Native && out.isTls()) {
        fail(exitCode, QStringLiteral("--transport native does not do TLS: use auto or qt"));
        return out;
    }
    out.logLevel = parser.value(logLevel);
    static const QStringList levels = { QStringLiteral("error"), QStringLiteral("warning"),
                                        QStringLiteral("info"), QStringLiteral("debug") };
    if (!levels.contains(out.logLevel)) {
        fail(exitCode, QStringLiteral("--log-level: expected error, warning, info or debug"));
        return out;
    }
    return out;
}

} // namespace Chorus::Host
