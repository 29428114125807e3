// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/transport/connection.h"
#include "host/transport/websocketframereader.h"

#include <QByteArray>
#include <QHostAddress>

namespace Chorus::Host {

class EpollListener;

// A WebSocket connection on a non-blocking socket in an EpollListener's epoll set: the upgrade
// handshake, then RFC 6455 frames both ways. Kept lean for hosts with thousands of idle peers:
// nothing is buffered while idle (input is parsed straight from the listener's read buffer, and
// only an unfinished frame is kept), and a flush is one send().
//
// Closing is graceful: after our close frame the write side is shut down (FIN), the input is
// read and dropped until the peer closes too, and the socket is closed then — so the peer reads
// the close frame instead of a reset. Bounded by a deadline and a byte budget.
//
// Created and owned by its EpollListener; Linux only; host thread only.
class EpollConnection final : public Connection
{
public:
    EpollConnection(EpollListener *listener, int fd, qint64 handshakeDeadlineMs);
    ~EpollConnection() override;

    void setMaxMessageBytes(qint64 bytes) override { m_reader.setMaxMessageBytes(bytes); }
    void send(const QByteArray &message) override;
    void flush() override;
    void sendAll(const QList<QByteArray> &messages) override;
    qint64 bytesToWrite() const override { return m_out.size() - m_outPos; }
    void ping() override;
    void close(int code, const QString &reason) override;
    void abort() override;
    QString peerAddress() const override;

private:
    friend class EpollListener;
    enum class State : quint8 { Handshaking, Open, Closing, Closed };

    // From the listener's dispatch.
    void handleEvents(quint32 events, char *buffer, qsizetype bufferSize);
    bool isPastDeadline(qint64 nowMs) const { return m_deadlineMs && nowMs > m_deadlineMs; }
    bool isEstablished() const { return m_established; }
    ConnectionHandler *handler() const { return m_handler; }

    void readInput(char *buffer, qsizetype bufferSize);
    // Parses handshake or frames from `data`; returns the bytes consumed.
    qsizetype process(QByteArrayView data);
    qsizetype processHandshake(QByteArrayView data);
    void writeOut();
    void setWantWrite(bool on);
    void startClosing(const QByteArray &lastFrames);
    void finish(); // closes the socket; the listener tells the handler and deletes us

    EpollListener *m_listener;
    int m_fd;
    State m_state = State::Handshaking;
    bool m_wantWrite = false;
    bool m_shutdownAfterWrite = false;
    bool m_established = false; // handed to the host (it gets connectionClosed)
    qint64 m_deadlineMs; // handshake or closing deadline; 0: none
    QHostAddress m_remote; // from accept (per-address limits, UpgradeRequest)
    qint64 m_discarded = 0; // input dropped while closing
    qsizetype m_outPos = 0; // m_out before this was written
    QByteArray m_in; // an unfinished handshake or frame
    QByteArray m_out; // not yet taken by the socket
    WebSocketFrameReader m_reader;
};

} // namespace Chorus::Host
