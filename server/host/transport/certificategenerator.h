// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Chorus::Host {

// The self-signed TLS certificate of a session hosted from the app: an EC P-256 key and an
// X.509 v3 certificate (SAN: localhost, 127.0.0.1, ::1, this machine's host name and any extra
// names given), made with OpenSSL's library, never a shell-out.
//
// ensure() keeps them in one folder (created 0700) as `chorus-host.crt` and `chorus-host.key`
// (both 0600, written to a new file and renamed, so a crash never leaves half a key). A pair
// already there is reused as long as it loads, the key matches the certificate and it is valid
// for at least another day; otherwise a new pair replaces it. Reuse keeps the fingerprint
// stable, so invite links handed out earlier stay valid.
//
// The fingerprint is the SHA-256 of the certificate's DER bytes as lowercase hex without
// separators: the form Client::DocumentConnection compares against its pin.
//
// Not a QObject; no state. Thread-safe (OpenSSL 3 needs no locking set-up). Generating a key
// takes a few milliseconds.
class CertificateGenerator
{
public:
    struct Result
    {
        QString certificateFile; // PEM
        QString keyFile; // PEM, PKCS#8
        QString sha256; // lowercase hex of SHA-256(DER), 64 characters
        bool generated = false; // false: an existing pair was reused
        QString error; // empty on success

        bool isOk() const { return error.isEmpty(); }
    };

    static constexpr int DefaultValidityDays = 2 * 365;

    // The certificate and key in `folder`, reused or (re)generated; see the class comment.
    static Result ensure(const QString &folder, const QStringList &extraHostNames = {},
                         int validityDays = DefaultValidityDays);

    // A fresh pair as PEM, nothing written. False (with *error) only when OpenSSL fails.
    static bool generate(const QStringList &hostNames, int validityDays, QByteArray *certificatePem,
                         QByteArray *keyPem, QString *error);

    // True when `keyPem` is the private key of `certificatePem`.
    static bool keyMatches(const QByteArray &certificatePem, const QByteArray &keyPem);

    // SHA-256 of the first certificate in `certificatePem` (DER), lowercase hex; empty if none.
    static QString fingerprint(const QByteArray &certificatePem);

    // The names a generated certificate covers besides `extra`: localhost, 127.0.0.1, ::1 and
    // the machine's host name.
    static QStringList defaultHostNames();
};

} // namespace Chorus::Host
