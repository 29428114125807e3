// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateGenerator: a self-signed certificate and key made with OpenSSL's library, kept
// owner-only and reused (same fingerprint) while valid.
#include "host/transport/certificategenerator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

using Chorus::Host::CertificateGenerator;

class tst_Certificate : public QObject
{
    Q_OBJECT

private:
    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void generatedPairLoadsInQt()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("a/tls"));
        const auto r = CertificateGenerator::ensure(folder, { QStringLiteral("192.168.1.20") });
        QVERIFY2(r.isOk(), qPrintable(r.error));
        QVERIFY(r.generated);

        const QList<QSslCertificate> chain = QSslCertificate::fromPath(r.certificateFile);
        QCOMPARE(chain.size(), 1);
        const QSslCertificate &cert = chain.constFirst();
        QVERIFY(!cert.isNull());
        QVERIFY(cert.isSelfSigned());
        QCOMPARE(cert.publicKey().algorithm(), QSsl::Ec);
        QCOMPARE(cert.publicKey().length(), 256);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(cert.effectiveDate() <= now);
        QVERIFY(cert.expiryDate() > now.addDays(700));
        QVERIFY(cert.expiryDate() < now.addDays(740));

        const auto san = cert.subjectAlternativeNames();
        QVERIFY(san.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
        QVERIFY(san.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
        QVERIFY(san.values(QSsl::IpAddressEntry).contains(QStringLiteral("192.168.1.20")));

        const QByteArray keyPem = readAll(r.keyFile);
        const QSslKey key(keyPem, QSsl::Ec);
        QVERIFY(!key.isNull());
        QCOMPARE(key.type(), QSsl::PrivateKey);
        QVERIFY(CertificateGenerator::keyMatches(readAll(r.certificateFile), keyPem));

        // The fingerprint in the form Client::DocumentConnection pins: lowercase hex, no
        // separators.
        const QString expected = QString::fromLatin1(
            QCryptographicHash::hash(cert.toDer(), QCryptographicHash::Sha256).toHex());
        QCOMPARE(r.sha256, expected);
        QCOMPARE(r.sha256.size(), 64);
    }

    void ownerOnlyPermissions()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("tls"));
        const auto r = CertificateGenerator::ensure(folder);
        QVERIFY2(r.isOk(), qPrintable(r.error));
        const auto ownerRw = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        const auto ownerRwx = ownerRw | QFileDevice::ExeOwner;
        // QFileInfo reports the ReadUser/... aliases too; compare the owner and other bits.
        const auto mask = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(QFileInfo(r.keyFile).permissions() & mask, ownerRw);
        QCOMPARE(QFileInfo(r.certificateFile).permissions() & mask, ownerRw);
        QCOMPARE(QFileInfo(folder).permissions() & mask, ownerRwx);
        QVERIFY(!QFile::exists(r.keyFile + QStringLiteral(".new")));

        // Loosened by someone else: tightened again on reuse.
        QFile::setPermissions(r.keyFile, ownerRw | QFileDevice::ReadOther);
        QFile::setPermissions(folder, ownerRwx | QFileDevice::ReadOther | QFileDevice::ExeOther);
        const auto again = CertificateGenerator::ensure(folder);
        QVERIFY(again.isOk());
        QVERIFY(!again.generated);
        QCOMPARE(QFileInfo(r.keyFile).permissions() & mask, ownerRw);
        QCOMPARE(QFileInfo(folder).permissions() & mask, ownerRwx);
    }

    void fingerprintStableAcrossReuse()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("tls"));
        const auto first = CertificateGenerator::ensure(folder);
        QVERIFY2(first.isOk(), qPrintable(first.error));
        const QByteArray keyBefore = readAll(first.keyFile);
        for (int i = 0; i < 3; ++i) {
            const auto again = CertificateGenerator::ensure(folder);
            QVERIFY(again.isOk());
            QVERIFY(!again.generated);
            QCOMPARE(again.sha256, first.sha256);
        }
        QCOMPARE(readAll(first.keyFile), keyBefore);

        // Another folder: another key, another fingerprint.
        const auto other = CertificateGenerator::ensure(dir.filePath(QStringLiteral("other")));
        QVERIFY(other.isOk());
        QVERIFY(other.sha256 != first.sha256);
    }

    void brokenPairIsReplaced_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("key missing") << QStringLiteral("removeKey");
        QTest::newRow("certificate missing") << QStringLiteral("removeCert");
        QTest::newRow("key garbage") << QStringLiteral("garbageKey");
        QTest::newRow("key of another pair") << QStringLiteral("foreignKey");
        QTest::newRow("expired") << QStringLiteral("expired");
    }
    void brokenPairIsReplaced()
    {
        QFETCH(QString, damage);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("tls"));
        const auto first = CertificateGenerator::ensure(folder);
        QVERIFY(first.isOk());
        const auto overwrite = [](const QString &path, const QByteArray &bytes) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(bytes);
        };
        if (damage == u"removeKey") {
            QFile::remove(first.keyFile);
        } else if (damage == u"removeCert") {
            QFile::remove(first.certificateFile);
        } else if (damage == u"garbageKey") {
            overwrite(first.keyFile,
                      "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        } else if (damage == u"foreignKey") {
            QByteArray cert, key;
            QString error;
            QVERIFY(CertificateGenerator::generate({}, 30, &cert, &key, &error));
            QVERIFY(!CertificateGenerator::keyMatches(readAll(first.certificateFile), key));
            overwrite(first.keyFile, key);
        } else if (damage == u"expired") {
            QByteArray cert, key;
            QString error;
            QVERIFY(CertificateGenerator::generate({}, 0, &cert, &key, &error)); // ends now
            overwrite(first.certificateFile, cert);
            overwrite(first.keyFile, key);
        }
        const auto again = CertificateGenerator::ensure(folder);
        QVERIFY2(again.isOk(), qPrintable(again.error));
        QVERIFY(again.generated);
        QVERIFY(again.sha256 != first.sha256);
        QVERIFY(CertificateGenerator::keyMatches(readAll(again.certificateFile),
                                                 readAll(again.keyFile)));
    }

    void subjectAltNamesRejectInjection()
    {
        QByteArray cert, key;
        QString error;
        QVERIFY(CertificateGenerator::generate(
            { QStringLiteral("ok.example"), QStringLiteral("evil,DNS:bank.example") }, 30, &cert,
            &key, &error));
        const auto san = QSslCertificate::fromData(cert).constFirst().subjectAlternativeNames();
        QVERIFY(san.values(QSsl::DnsEntry).contains(QStringLiteral("ok.example")));
        QVERIFY(!san.values(QSsl::DnsEntry).contains(QStringLiteral("bank.example")));
    }

    void unusableFolderIsAnError()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plain-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const auto r = CertificateGenerator::ensure(file);
        QVERIFY(!r.isOk());
        QVERIFY(r.error.contains(QStringLiteral("not a folder")));
        QVERIFY(!CertificateGenerator::ensure(QString()).isOk());
    }
};

QTEST_GUILESS_MAIN(tst_Certificate)
#include "tst_certificate.moc"
