// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/certificategenerator.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSysInfo>

#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace Chorus::Host {

namespace {

const QString CertificateName = QStringLiteral("chorus-host.crt");
const QString KeyName = QStringLiteral("chorus-host.key");
constexpr QFileDevice::Permissions OwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions OwnerOnlyFolder
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

struct Free
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
    void operator()(X509_EXTENSION *p) const { X509_EXTENSION_free(p); }
};
template<typename T> using Owned = std::unique_ptr<T, Free>;

QString openSslError(const char *what)
{
    char buffer[256] = {};
    const unsigned long code = ERR_get_error();
    ERR_error_string_n(code, buffer, sizeof buffer);
    ERR_clear_error();
    return QStringLiteral("%1 failed: %2")
        .arg(QLatin1StringView(what), code ? QString::fromLatin1(buffer) : QStringLiteral("?"));
}

QByteArray readBio(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data);
    return size > 0 && data ? QByteArray(data, size) : QByteArray();
}

Owned<BIO> bioOf(const QByteArray &bytes)
{
    return Owned<BIO>(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

// "DNS:localhost,IP:127.0.0.1,…" for the subjectAltName extension. Names with characters a
// DNS name cannot hold are left out rather than escaped: they could smuggle in other entries.
QByteArray subjectAltNames(const QStringList &names)
{
    QList<QByteArray> entries;
    for (const QString &name : names) {
        QByteArray entry;
        if (QHostAddress address; address.setAddress(name)) {
            entry = "IP:" + address.toString().toLatin1();
        } else {
            const QByteArray ascii = name.toLatin1();
            const bool plain = !ascii.isEmpty() && ascii.size() <= 253
                && std::all_of(ascii.begin(), ascii.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                           || (c >= '0' && c <= '9') || c == '-' || c == '.';
                   });
            if (plain && QString::fromLatin1(ascii) == name) {
                entry = "DNS:" + ascii;
            }
        }
        if (!entry.isEmpty() && !entries.contains(entry)) {
            entries.append(entry);
        }
    }
    return entries.join(',');
}

bool addExtension(X509 *cert, int nid, const QByteArray &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    const Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData()));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

// Written to `<path>.new` created 0600 (never readable by others, not even for a moment), then
// renamed over `path`.
bool writeOwnerOnly(const QString &path, const QByteArray &bytes, QString *error)
{
    const QString temporary = path + QStringLiteral(".new");
    QFile::remove(temporary);
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnlyFile)
        || file.write(bytes) != bytes.size() || !file.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(temporary, file.errorString());
        return false;
    }
#ifdef Q_OS_UNIX
    ::fsync(file.handle());
#endif
    file.close();
    QFile::remove(path);
    if (!QFile::rename(temporary, path)) {
        *error = QStringLiteral("cannot rename %1 to %2").arg(temporary, path);
        return false;
    }
    return true;
}

bool makeOwnerOnlyFolder(const QString &folder, QString *error)
{
    const QFileInfo info(folder);
    if (!info.exists()) {
        if (!QDir().mkpath(info.absolutePath())
            || !QDir().mkdir(info.absoluteFilePath(), OwnerOnlyFolder)) {
            *error = QStringLiteral("cannot create the folder %1").arg(folder);
            return false;
        }
    } else if (!info.isDir()) {
        *error = QStringLiteral("%1 is not a folder").arg(folder);
        return false;
    }
    // An existing folder is tightened too: the key must not be listed by others either.
    if (!QFile::setPermissions(folder, OwnerOnlyFolder)) {
        *error = QStringLiteral("cannot restrict the permissions of %1").arg(folder);
        return false;
    }
    return true;
}

// A pair that can be used as it is: both load, they match, and the certificate is valid now
// and for at least another day.
bool reusable(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem);
    if (chain.isEmpty() || chain.constFirst().isNull()) {
        return false;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QSslCertificate &cert = chain.constFirst();
    return cert.effectiveDate() <= now.addSecs(3600) && cert.expiryDate() > now.addDays(1)
        && CertificateGenerator::keyMatches(certificatePem, keyPem);
}

QByteArray readSmallFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(1024 * 1024) : QByteArray();
}

} // namespace

QStringList CertificateGenerator::defaultHostNames()
{
    QStringList names { QStringLiteral("localhost"), QStringLiteral("127.0.0.1"),
                        QStringLiteral("::1") };
    const QString machine = QSysInfo::machineHostName();
    if (!machine.isEmpty()) {
        names.append(machine);
    }
    return names;
}

bool CertificateGenerator::generate(const QStringList &hostNames, int validityDays,
                                    QByteArray *certificatePem, QByteArray *keyPem, QString *error)
{
    const Owned<EVP_PKEY> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) {
        *error = openSslError("EC P-256 key generation");
        return false;
    }
    const Owned<X509> cert(X509_new());
    const Owned<BIGNUM> serial(BN_new());
    if (!cert || !serial) {
        *error = openSslError("allocation");
        return false;
    }
    const QByteArray machine = QSysInfo::machineHostName().toUtf8();
    const QByteArray commonName
        = machine.isEmpty() ? QByteArray("Chorus session") : "Chorus session on " + machine;
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray san = subjectAltNames(hostNames);
    // No keyUsage extension: without keyCertSign in it OpenSSL (and so Qt) would no longer
    // see the certificate as self-signed.
    const bool ok = X509_set_version(cert.get(), X509_VERSION_3) == 1
        // A random positive 127-bit serial: no two certificates of a machine share one.
        && BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1
        && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr
        // An hour back: a joiner whose clock is a little behind still sees a valid certificate.
        && X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr
        && X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(validityDays) * 86400) != nullptr
        && X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>("Chorus"), -1, -1, 0)
            == 1
        && X509_NAME_add_entry_by_txt(
               name, "CN", MBSTRING_UTF8,
               reinterpret_cast<const unsigned char *>(commonName.left(64).constData()), -1, -1, 0)
            == 1
        && X509_set_issuer_name(cert.get(), name) == 1
        && X509_set_pubkey(cert.get(), key.get()) == 1
        && addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(cert.get(), NID_ext_key_usage, "serverAuth")
        && addExtension(cert.get(), NID_subject_key_identifier, "hash")
        && (san.isEmpty() || addExtension(cert.get(), NID_subject_alt_name, san))
        && X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
    if (!ok) {
        *error = openSslError("building the certificate");
        return false;
    }
    const Owned<BIO> certBio(BIO_new(BIO_s_mem()));
    const Owned<BIO> keyBio(BIO_new(BIO_s_mem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1) {
        *error = openSslError("writing PEM");
        return false;
    }
    *certificatePem = readBio(certBio.get());
    *keyPem = readBio(keyBio.get());
    return true;
}

bool CertificateGenerator::keyMatches(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    const Owned<BIO> certBio = bioOf(certificatePem);
    const Owned<BIO> keyBio = bioOf(keyPem);
    if (!certBio || !keyBio) {
        return false;
    }
    const Owned<X509> cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    // A null passphrase callback with a null argument would prompt on the terminal for an
    // encrypted key; an empty passphrase makes such a key simply fail to load.
    const Owned<EVP_PKEY> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, const_cast<char *>("")));
    const bool match = cert && key && X509_check_private_key(cert.get(), key.get()) == 1;
    ERR_clear_error();
    return match;
}

QString CertificateGenerator::fingerprint(const QByteArray &certificatePem)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem);
    if (chain.isEmpty() || chain.constFirst().isNull()) {
        return {};
    }
    return QString::fromLatin1(chain.constFirst().digest(QCryptographicHash::Sha256).toHex());
}

CertificateGenerator::Result CertificateGenerator::ensure(const QString &folder,
                                                          const QStringList &extraHostNames,
                                                          int validityDays)
{
    Result result;
    if (folder.isEmpty()) {
        result.error = QStringLiteral("no folder for the certificate");
        return result;
    }
    if (!makeOwnerOnlyFolder(folder, &result.error)) {
        return result;
    }
    const QDir dir(folder);
    result.certificateFile = dir.absoluteFilePath(CertificateName);
    result.keyFile = dir.absoluteFilePath(KeyName);
    QByteArray certificatePem = readSmallFile(result.certificateFile);
    QByteArray keyPem = readSmallFile(result.keyFile);
    if (reusable(certificatePem, keyPem)) {
        QFile::setPermissions(result.keyFile, OwnerOnlyFile);
        QFile::setPermissions(result.certificateFile, OwnerOnlyFile);
    } else {
        if (!generate(defaultHostNames() + extraHostNames, validityDays, &certificatePem, &keyPem,
                      &result.error)) {
            return result;
        }
        // The key first: a certificate on disk without its key is never reused.
        QFile::remove(result.certificateFile);
        if (!writeOwnerOnly(result.keyFile, keyPem, &result.error)
            || !writeOwnerOnly(result.certificateFile, certificatePem, &result.error)) {
            return result;
        }
        result.generated = true;
    }
    result.sha256 = fingerprint(certificatePem);
    if (result.sha256.isEmpty()) {
        result.error = QStringLiteral("the certificate in %1 does not load").arg(folder);
    }
    return result;
}

} // namespace Chorus::Host
