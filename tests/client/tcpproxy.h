// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

// A TCP relay for liveness tests: forwards 127.0.0.1:port() to a target port, and can be told
// to swallow everything (a host that hangs without closing: a dead Wi-Fi, a frozen process).
class TcpProxy : public QTcpServer
{
public:
    explicit TcpProxy(quint16 target)
        : m_target(target)
    { }

    bool blackhole = false; // true: accept and read, forward nothing, answer nothing

    bool start() { return listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return serverPort(); }
    int accepted() const { return m_accepted; }

protected:
    void incomingConnection(qintptr handle) override
    {
        ++m_accepted;
        auto *client = new QTcpSocket(this);
        client->setSocketDescriptor(handle);
        auto *upstream = new QTcpSocket(this);
        upstream->connectToHost(QHostAddress::LocalHost, m_target);
        pipe(client, upstream);
        pipe(upstream, client);
    }

private:
    void pipe(QTcpSocket *from, QTcpSocket *to)
    {
        QObject::connect(from, &QTcpSocket::readyRead, this, [this, from, to] {
            const QByteArray bytes = from->readAll();
            if (!blackhole) {
                to->write(bytes);
            }
        });
        QObject::connect(from, &QTcpSocket::disconnected, to, [to] {
            if (to->state() == QAbstractSocket::ConnectedState) {
                to->disconnectFromHost();
            }
        });
    }

    quint16 m_target;
    int m_accepted = 0;
};
