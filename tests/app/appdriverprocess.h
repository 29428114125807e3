// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The test side of chorus-app-driver (appdriver.cpp): starts it as a child process with its own
// environment, sends one command at a time and waits for the answer while this process's event
// loop keeps running (the in-process host lives on it). Header-only, for tests.

#include <QDeadlineTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>
#include <QUrl>

namespace Chorus::App::Testing {

class AppDriverProcess
{
public:
    AppDriverProcess() { m_process.setProcessChannelMode(QProcess::SeparateChannels); }
    ~AppDriverProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    static QString program() { return qEnvironmentVariable("CHORUS_APP_DRIVER"); }

    // Starts the driver and waits for its "identity" line.
    bool start(const QStringList &arguments, const QProcessEnvironment &environment)
    {
        m_process.setProcessEnvironment(environment);
        m_process.start(program(), arguments);
        if (!m_process.waitForStarted(10000)) {
            return false;
        }
        const QByteArray line = readLine(20000);
        if (!line.startsWith("identity ")) {
            return false;
        }
        const QList<QByteArray> words = line.split(' ');
        m_name = QUrl::fromPercentEncoding(words.value(1));
        m_color = QString::fromLatin1(words.value(2));
        return true;
    }

    // One command, one answer line (empty on timeout or when the driver died).
    QByteArray ask(const QByteArray &command, int timeoutMs = 20000)
    {
        m_process.write(command + '\n');
        return readLine(timeoutMs);
    }

    // Polls `state` until `done` holds for its words; returns the last state line.
    template<typename Done> QByteArray waitForState(Done done, int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        QByteArray line;
        do {
            line = ask("state");
            const QList<QByteArray> w = line.split(' ');
            // An empty text leaves no sixth word (the line is trimmed).
            if (w.size() >= 5
                && done(w.at(1) == "1", w.at(2) == "1", w.at(3).toInt(), w.at(4).toInt(),
                        QUrl::fromPercentEncoding(w.value(5)))) {
                return line;
            }
            QTest::qWait(100);
        } while (!deadline.hasExpired() && m_process.state() == QProcess::Running);
        return line;
    }

    static QString textOf(const QByteArray &stateLine)
    {
        return QUrl::fromPercentEncoding(stateLine.split(' ').value(5));
    }

    QProcess &process() { return m_process; }
    QString name() const { return m_name; }
    QString color() const { return m_color; }
    QByteArray errors() { return m_process.readAllStandardError(); }

private:
    QByteArray readLine(int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_process.canReadLine() && !deadline.hasExpired()
               && m_process.state() == QProcess::Running) {
            QTest::qWait(5);
        }
        return m_process.canReadLine() ? m_process.readLine().trimmed() : QByteArray();
    }

    QProcess m_process;
    QString m_name;
    QString m_color;
};

} // namespace Chorus::App::Testing
