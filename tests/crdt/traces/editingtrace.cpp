// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "editingtrace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#ifdef CHORUS_HAVE_ZLIB
#include <zlib.h>
#endif

namespace Chorus::Crdt::Traces {

namespace {

#ifdef CHORUS_HAVE_ZLIB
QByteArray gunzip(const QByteArray &in, QString *error)
{
    z_stream zs {};
    // 16 + MAX_WBITS: expect a gzip header, not a zlib one.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        *error = QStringLiteral("inflateInit2 failed");
        return {};
    }
    QByteArray out;
    out.resize(qMax<qsizetype>(in.size() * 8, 1 << 16));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    zs.avail_in = uInt(in.size());
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (qsizetype(zs.total_out) == out.size()) {
            out.resize(out.size() * 2);
        }
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + zs.total_out);
        zs.avail_out = uInt(out.size() - qsizetype(zs.total_out));
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            *error = QStringLiteral("gzip data is corrupt (zlib %1)").arg(rc);
            inflateEnd(&zs);
            return {};
        }
    }
    out.resize(qsizetype(zs.total_out));
    inflateEnd(&zs);
    return out;
}
#endif

} // namespace

QByteArray readMaybeGzip(const QString &file, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(file, f.errorString());
        return {};
    }
    if (!file.endsWith(QLatin1String(".gz"))) {
        return f.readAll();
    }
#ifdef CHORUS_HAVE_ZLIB
    return gunzip(f.readAll(), error);
#else
    f.close();
    QProcess gz;
    gz.start(QStringLiteral("gzip"), { QStringLiteral("-dc"), file });
    if (!gz.waitForFinished(120000) || gz.exitCode() != 0) {
        *error = QStringLiteral("gzip -dc %1 failed: %2").arg(file, gz.errorString());
        return {};
    }
    return gz.readAllStandardOutput();
#endif
}

bool EditingTrace::load(const QString &file, QString *error)
{
    const QByteArray json = readMaybeGzip(file, error);
    if (json.isEmpty()) {
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: not a JSON object (%2)").arg(file, pe.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    name = QFileInfo(file).fileName().section(QLatin1Char('.'), 0, 0);
    endContent = root.value(QLatin1String("endContent")).toString();
    if (!root.value(QLatin1String("startContent")).toString().isEmpty()) {
        *error = QStringLiteral("%1: startContent is not empty").arg(file);
        return false;
    }
    const QJsonArray jtxns = root.value(QLatin1String("txns")).toArray();
    txns.clear();
    patches.clear();
    txns.reserve(jtxns.size());
    for (const QJsonValue &jt : jtxns) {
        const QJsonArray jps = jt.toObject().value(QLatin1String("patches")).toArray();
        txns.append(Txn { patches.size(), jps.size() });
        for (const QJsonValue &jp : jps) {
            const QJsonArray p = jp.toArray();
            Patch patch { p.at(0).toInt(), p.at(1).toInt(), p.at(2).toString() };
            for (QChar c : std::as_const(patch.ins)) {
                if (c.isSurrogate()) {
                    // Code point positions would need converting to UTF-16 units.
                    *error = QStringLiteral("%1: holds characters outside the BMP").arg(file);
                    return false;
                }
            }
            patches.append(std::move(patch));
        }
    }
    return true;
}

} // namespace Chorus::Crdt::Traces
