// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Chorus::Host {

// Turns SIGINT and SIGTERM into a Qt signal on the thread that created the object (the
// self-pipe trick: the async-signal-safe handler only writes a byte to a socket pair, a
// QSocketNotifier reads it). Only one instance per process may exist, since POSIX signal
// dispositions are process-wide; the app, which stops its hosted server itself, has none.
// On platforms without POSIX signals it never fires.
class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void received(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Chorus::Host
