// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>

namespace Chorus::Crdt::Testing {

// The Node helper tests/crdt/differential/yjs-peer.mjs: real Yjs documents in one long-lived
// process, one JSON request line answered by one JSON line (protocol at the top of the
// script). Started from CHORUS_NODE / CHORUS_NODE_DIR (set by chorus_add_test ... NODE).
// Blocking calls with a timeout; test support only.
class YjsProcess
{
public:
    ~YjsProcess();
    // False + reason when Node or the oracles are not available (the caller QSKIPs).
    bool start(QString *why);
    // Sends one request; returns the answer, or {"ok":false,"error":...} on a protocol error
    // or a timeout (then the process is dead and every later call fails fast).
    QJsonObject call(const QJsonObject &request, int timeoutMs = 60000);

    static QString b64(const QByteArray &bytes) { return QString::fromLatin1(bytes.toBase64()); }
    static QByteArray bin(const QJsonValue &v)
    {
        return QByteArray::fromBase64(v.toString().toLatin1());
    }

private:
    QProcess m_proc;
    QByteArray m_buffer;
    bool m_dead = false;
};

} // namespace Chorus::Crdt::Testing
