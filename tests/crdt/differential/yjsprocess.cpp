// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "yjsprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcessEnvironment>

namespace Chorus::Crdt::Testing {

YjsProcess::~YjsProcess()
{
    if (m_proc.state() != QProcess::NotRunning) {
        m_proc.closeWriteChannel(); // the script exits when stdin closes
        if (!m_proc.waitForFinished(5000)) {
            m_proc.kill();
            m_proc.waitForFinished(2000);
        }
    }
}

bool YjsProcess::start(QString *why)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString node = env.value(QStringLiteral("CHORUS_NODE"));
    const QString nodeDir = env.value(QStringLiteral("CHORUS_NODE_DIR"));
    const QString source = env.value(QStringLiteral("CHORUS_SOURCE_DIR"));
    if (node.isEmpty() || nodeDir.isEmpty() || source.isEmpty()) {
        *why = QStringLiteral("CHORUS_NODE/CHORUS_NODE_DIR/CHORUS_SOURCE_DIR not set: run through "
                              "ctest so the Node oracle fixture is installed");
        return false;
    }
    if (!QFileInfo::exists(nodeDir + QStringLiteral("/node_modules/yjs/package.json"))) {
        *why = QStringLiteral("Yjs is not installed in %1 (the node_oracles_setup fixture)")
                   .arg(nodeDir);
        return false;
    }
    m_proc.setProgram(node);
    m_proc.setArguments({ source + QStringLiteral("/tests/crdt/differential/yjs-peer.mjs") });
    m_proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_proc.start();
    if (!m_proc.waitForStarted(10000)) {
        *why = QStringLiteral("cannot start %1: %2").arg(node, m_proc.errorString());
        return false;
    }
    return true;
}

QJsonObject YjsProcess::call(const QJsonObject &request, int timeoutMs)
{
    auto fail = [this](const QString &msg) {
        m_dead = true;
        return QJsonObject { { QStringLiteral("ok"), false }, { QStringLiteral("error"), msg } };
    };
    if (m_dead) {
        return fail(QStringLiteral("the Yjs helper process died earlier"));
    }
    m_proc.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    QDeadlineTimer deadline(timeoutMs);
    qsizetype nl;
    while ((nl = m_buffer.indexOf('\n')) < 0) {
        if (m_proc.state() != QProcess::Running) {
            return fail(QStringLiteral("the Yjs helper exited (code %1)").arg(m_proc.exitCode()));
        }
        if (deadline.hasExpired()) {
            return fail(
                QStringLiteral("the Yjs helper did not answer within %1 ms").arg(timeoutMs));
        }
        m_proc.waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 1000)));
        m_buffer += m_proc.readAllStandardOutput();
    }
    const QByteArray line = m_buffer.left(nl);
    m_buffer.remove(0, nl + 1);
    QJsonParseError pe;
    const QJsonDocument answer = QJsonDocument::fromJson(line, &pe);
    if (!answer.isObject()) {
        return fail(QStringLiteral("bad answer from the Yjs helper: %1").arg(pe.errorString()));
    }
    return answer.object();
}

} // namespace Chorus::Crdt::Testing
