// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Chorus::Host {

// Where a Redis (or Valkey) server is: parsed from `--redis redis://HOST:PORT[/DB]`. A value
// type with no dependency on the Redis client library, so the command line can be checked in
// a build without Redis support too. Only plain TCP (`redis://`); no password or TLS yet.
struct RedisAddress
{
    QString host;
    quint16 port = 6379;
    int database = 0;

    // The address, or an empty host with `error` set ("--redis: ..." is the caller's).
    static RedisAddress parse(const QString &url, QString *error);
    bool isValid() const { return !host.isEmpty(); }
    QString toString() const;
};

} // namespace Chorus::Host
