// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/editor/textfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringDecoder>
#include <QStringEncoder>

namespace Chorus::App {

namespace {

bool startsWith(const QByteArray &bytes, std::initializer_list<unsigned char> prefix)
{
    if (bytes.size() < qsizetype(prefix.size())) {
        return false;
    }
    qsizetype i = 0;
    for (const unsigned char b : prefix) {
        if (static_cast<unsigned char>(bytes.at(i++)) != b) {
            return false;
        }
    }
    return true;
}

// Counts the three kinds of line ending and rewrites them all to "\n" in one pass.
QString normaliseLineEndings(const QString &in, FileFormat *format)
{
    qsizetype lf = 0, crlf = 0, cr = 0;
    QString out;
    out.reserve(in.size());
    const QChar *p = in.constData();
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = p[i];
        if (c == u'\r') {
            if (i + 1 < n && p[i + 1] == u'\n') {
                ++crlf;
                ++i;
            } else {
                ++cr;
            }
            out.append(u'\n');
        } else {
            if (c == u'\n') {
                ++lf;
            }
            out.append(c);
        }
    }
    format->mixedLineEndings = (lf > 0) + (crlf > 0) + (cr > 0) > 1;
    if (crlf > lf && crlf >= cr) {
        format->lineEnding = LineEnding::CRLF;
    } else if (cr > lf && cr > crlf) {
        format->lineEnding = LineEnding::CR;
    } else {
        format->lineEnding = LineEnding::LF;
    }
    return out;
}

} // namespace

TextFile::Loaded TextFile::load(const QString &path, qint64 maxSize)
{
    Loaded out;
    QFile file(path);
    const QFileInfo info(path);
    if (info.exists() && info.size() > maxSize) {
        out.error = Error::TooLarge;
        out.errorText = tr("%1 is too large to edit (%2 MiB; the limit is %3 MiB).")
                            .arg(info.fileName())
                            .arg(double(info.size()) / (1024 * 1024), 0, 'f', 1)
                            .arg(maxSize / (1024 * 1024));
        return out;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = Error::Unreadable;
        out.errorText = tr("Cannot read %1: %2").arg(path, file.errorString());
        return out;
    }
    // Read at most one byte past the limit: the file may have grown since the stat.
    const QByteArray bytes = file.read(maxSize + 1);
    if (bytes.size() > maxSize) {
        out.error = Error::TooLarge;
        out.errorText = tr("%1 is too large to edit (the limit is %2 MiB).")
                            .arg(info.fileName())
                            .arg(maxSize / (1024 * 1024));
        return out;
    }
    out = decode(bytes);
    if (out.error == Error::Binary) {
        out.errorText
            = tr("%1 looks like a binary file; Chorus edits text only.").arg(info.fileName());
    }
    return out;
}

TextFile::Loaded TextFile::decode(const QByteArray &bytes)
{
    Loaded out;
    QString text;
    if (startsWith(bytes, { 0xEF, 0xBB, 0xBF })) {
        out.format.encoding = TextEncoding::Utf8Bom;
        text = QString::fromUtf8(bytes.constData() + 3, bytes.size() - 3);
    } else if (startsWith(bytes, { 0xFF, 0xFE }) || startsWith(bytes, { 0xFE, 0xFF })) {
        const bool le = static_cast<unsigned char>(bytes.at(0)) == 0xFF;
        out.format.encoding = le ? TextEncoding::Utf16LE : TextEncoding::Utf16BE;
        QStringDecoder decoder(le ? QStringConverter::Utf16LE : QStringConverter::Utf16BE,
                               QStringConverter::Flag::Stateless);
        text = decoder.decode(QByteArrayView(bytes).sliced(2));
        if (decoder.hasError() || bytes.size() % 2 != 0) {
            out.error = Error::Binary;
            return out;
        }
    } else {
        if (bytes.contains('\0')) {
            out.error = Error::Binary;
            return out;
        }
        QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
        text = utf8.decode(bytes);
        if (utf8.hasError()) {
            out.format.encoding = TextEncoding::Latin1;
            text = QString::fromLatin1(bytes);
        }
    }
    out.text = normaliseLineEndings(text, &out.format);
    return out;
}

QByteArray TextFile::encode(const QString &text, const FileFormat &format)
{
    QString withEndings = text;
    if (format.lineEnding == LineEnding::CRLF) {
        withEndings.replace(u'\n', QStringLiteral("\r\n"));
    } else if (format.lineEnding == LineEnding::CR) {
        withEndings.replace(u'\n', u'\r');
    }
    switch (format.encoding) {
    case TextEncoding::Utf8: return withEndings.toUtf8();
    case TextEncoding::Utf8Bom: return QByteArray("\xEF\xBB\xBF") + withEndings.toUtf8();
    case TextEncoding::Latin1: return withEndings.toLatin1();
    case TextEncoding::Utf16LE:
    case TextEncoding::Utf16BE: {
        const bool le = format.encoding == TextEncoding::Utf16LE;
        QStringEncoder encoder(le ? QStringConverter::Utf16LE : QStringConverter::Utf16BE);
        return QByteArray(le ? "\xFF\xFE" : "\xFE\xFF") + QByteArray(encoder.encode(withEndings));
    }
    }
    return withEndings.toUtf8();
}

bool TextFile::save(const QString &path, const QString &text, const FileFormat &format,
                    QString *errorText)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *errorText = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = encode(text, format);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        *errorText = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString TextFile::encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8: return QStringLiteral("UTF-8");
    case TextEncoding::Utf8Bom: return tr("UTF-8 with BOM");
    case TextEncoding::Utf16LE: return QStringLiteral("UTF-16LE");
    case TextEncoding::Utf16BE: return QStringLiteral("UTF-16BE");
    case TextEncoding::Latin1: return tr("Latin-1 (not UTF-8)");
    }
    return {};
}

QString TextFile::lineEndingName(LineEnding ending)
{
    switch (ending) {
    case LineEnding::LF: return QStringLiteral("LF");
    case LineEnding::CRLF: return QStringLiteral("CRLF");
    case LineEnding::CR: return QStringLiteral("CR");
    }
    return {};
}

} // namespace Chorus::App
