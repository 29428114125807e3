// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QTest>

// Runs tests/client/yws_server.mjs (a real @y/websocket-server) for a test; the process ends
// with this object (stdin closes, then a kill after 3 s).
class NodeServer
{
public:
    ~NodeServer() { stop(); }

    // Starts on `port` (0: any) and waits for "listening PORT"; false with a reason otherwise.
    bool start(quint16 port = 0, QString *why = nullptr)
    {
        const QString node = qEnvironmentVariable("CHORUS_NODE");
        if (node.isEmpty()) {
            if (why) {
                *why = QStringLiteral("node not found (CHORUS_NODE is empty)");
            }
            return false;
        }
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(node,
                        { qEnvironmentVariable("CHORUS_SOURCE_DIR")
                              + QStringLiteral("/tests/client/yws_server.mjs"),
                          QString::number(port) });
        QElapsedTimer waited;
        waited.start();
        while (!m_process.canReadLine() && m_process.state() != QProcess::NotRunning
               && waited.elapsed() < 30000) {
            m_process.waitForReadyRead(100);
        }
        const QByteArray line = m_process.readLine().trimmed();
        if (!line.startsWith("listening ")) {
            if (why) {
                *why = QStringLiteral("the Node server did not start: %1")
                           .arg(QString::fromUtf8(line));
            }
            return false;
        }
        m_port = quint16(line.mid(10).toUInt());
        return m_port != 0;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning) {
            return;
        }
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }

    quint16 port() const { return m_port; }

private:
    QProcess m_process;
    quint16 m_port = 0;
};
