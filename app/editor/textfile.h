// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Chorus::App {

enum class LineEnding { LF, CRLF, CR };

enum class TextEncoding { Utf8, Utf8Bom, Utf16LE, Utf16BE, Latin1 };

// How a file's bytes were laid out, so a save writes them back the same way.
struct FileFormat
{
    TextEncoding encoding = TextEncoding::Utf8;
    LineEnding lineEnding = LineEnding::LF;
    // The file mixed several line endings; a save writes `lineEnding` everywhere.
    bool mixedLineEndings = false;
};

// Reads and writes text files without ever damaging them.
//
// The editor's text always uses "\n" between lines (QTextDocument cannot hold "\r"), so the
// codec normalises on load and restores on save:
//  - line endings: the dominant one (LF, CRLF or CR; ties go to LF, then CRLF) is detected and
//    written back. A file with one kind of ending therefore round-trips byte for byte. A file
//    with mixed endings is reported (FileFormat::mixedLineEndings, shown in the status bar)
//    and is saved with the dominant one, the way Kate and VS Code do.
//  - a trailing newline, or its absence, is kept: it is just the last "\n" of the text.
//  - encodings: a UTF-8 BOM, UTF-16 LE/BE BOMs, strict UTF-8 without a BOM, else Latin-1
//    (ISO 8859-1 maps every byte to one code point and back, so any non-UTF-8 file survives
//    unchanged even when its real encoding is another 8-bit one).
//  - files with NUL bytes (and no UTF-16 BOM) are binary and refused; files over `maxSize`
//    are refused with a message instead of being loaded.
// Not thread-bound; all functions are reentrant.
class TextFile
{
    Q_DECLARE_TR_FUNCTIONS(TextFile)

public:
    enum class Error { None, Unreadable, Binary, TooLarge };

    struct Loaded
    {
        Error error = Error::None;
        QString errorText; // translated, for the user
        QString text; // lines separated by "\n"
        FileFormat format;
    };

    static constexpr qint64 defaultMaxSize = 64 * 1024 * 1024;

    static Loaded load(const QString &path, qint64 maxSize = defaultMaxSize);
    static Loaded decode(const QByteArray &bytes);
    static QByteArray encode(const QString &text, const FileFormat &format);
    // Writes atomically (QSaveFile): a crash mid-save leaves the old file intact.
    static bool save(const QString &path, const QString &text, const FileFormat &format,
                     QString *errorText);

    static QString encodingName(TextEncoding encoding);
    static QString lineEndingName(LineEnding ending);
};

} // namespace Chorus::App
