// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// TextFile: files survive a load/save round trip byte for byte; binary and huge files are
// refused with a message.
#include "app/editor/textfile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Chorus::App;

class TstTextFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void detectsFormat_data();
    void detectsFormat();
    void mixedLineEndingsUseTheDominantOne();
    void refusesBinary();
    void refusesTooLarge();
    void savesAtomicallyToDisk();
};

void TstTextFile::roundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("lf") << QByteArray("a\nb\n");
    QTest::newRow("lf no trailing newline") << QByteArray("a\nb");
    QTest::newRow("crlf") << QByteArray("one\r\ntwo\r\n");
    QTest::newRow("crlf no trailing newline") << QByteArray("one\r\ntwo");
    QTest::newRow("cr") << QByteArray("old\rmac\r");
    QTest::newRow("only newlines") << QByteArray("\n\n\n");
    QTest::newRow("utf8") << QByteArray("gr\xC3\xBC\xC3\x9F dich \xF0\x9F\x98\x80\n");
    QTest::newRow("utf8 bom") << QByteArray("\xEF\xBB\xBFhello\r\nworld");
    QTest::newRow("latin1") << QByteArray("caf\xE9 cr\xE8me\n\xFF\x80\x81");
    QTest::newRow("utf16le bom") << QByteArray("\xFF\xFEh\0i\0\r\0\n\0", 10);
    QTest::newRow("utf16be bom") << QByteArray("\xFE\xFF\0h\0i\0\n", 8);
    QTest::newRow("nbsp and tabs") << QByteArray("\t\xC2\xA0x\t\n");
}

void TstTextFile::roundTrip()
{
    QFETCH(QByteArray, bytes);
    const TextFile::Loaded loaded = TextFile::decode(bytes);
    QCOMPARE(loaded.error, TextFile::Error::None);
    QVERIFY(!loaded.text.contains(u'\r'));
    QCOMPARE(TextFile::encode(loaded.text, loaded.format), bytes);
}

void TstTextFile::detectsFormat_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<TextEncoding>("encoding");
    QTest::addColumn<LineEnding>("ending");
    QTest::addColumn<QString>("text");
    QTest::newRow("utf8 lf") << QByteArray("x\n") << TextEncoding::Utf8 << LineEnding::LF
                             << QStringLiteral("x\n");
    QTest::newRow("bom crlf") << QByteArray("\xEF\xBB\xBFx\r\ny") << TextEncoding::Utf8Bom
                              << LineEnding::CRLF << QStringLiteral("x\ny");
    QTest::newRow("latin1 cr") << QByteArray("\xE9\r") << TextEncoding::Latin1 << LineEnding::CR
                               << QStringLiteral("é\n");
    QTest::newRow("utf16le") << QByteArray("\xFF\xFE\x3D\xD8\x00\xDE", 6) << TextEncoding::Utf16LE
                             << LineEnding::LF << QStringLiteral("😀");
}

void TstTextFile::detectsFormat()
{
    QFETCH(QByteArray, bytes);
    QFETCH(TextEncoding, encoding);
    QFETCH(LineEnding, ending);
    QFETCH(QString, text);
    const TextFile::Loaded loaded = TextFile::decode(bytes);
    QCOMPARE(loaded.format.encoding, encoding);
    QCOMPARE(loaded.format.lineEnding, ending);
    QCOMPARE(loaded.text, text);
    QVERIFY(!loaded.format.mixedLineEndings);
}

void TstTextFile::mixedLineEndingsUseTheDominantOne()
{
    const TextFile::Loaded loaded = TextFile::decode("a\r\nb\r\nc\nd\r\n");
    QVERIFY(loaded.format.mixedLineEndings);
    QCOMPARE(loaded.format.lineEnding, LineEnding::CRLF);
    QCOMPARE(loaded.text, QStringLiteral("a\nb\nc\nd\n"));
    QCOMPARE(TextFile::encode(loaded.text, loaded.format), QByteArray("a\r\nb\r\nc\r\nd\r\n"));
}

void TstTextFile::refusesBinary()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("image.png"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
    file.close();
    const TextFile::Loaded loaded = TextFile::load(path);
    QCOMPARE(loaded.error, TextFile::Error::Binary);
    QVERIFY2(loaded.errorText.contains(QStringLiteral("image.png")), qPrintable(loaded.errorText));
    QVERIFY(loaded.errorText.contains(QStringLiteral("binary")));
}

void TstTextFile::refusesTooLarge()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    const TextFile::Loaded loaded = TextFile::load(path, 1024);
    QCOMPARE(loaded.error, TextFile::Error::TooLarge);
    QVERIFY(loaded.errorText.contains(QStringLiteral("too large")));
    QCOMPARE(TextFile::load(path, 8192).error, TextFile::Error::None);
}

void TstTextFile::savesAtomicallyToDisk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.txt"));
    const QByteArray original("\xEF\xBB\xBFline 1\r\nline 2");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(original);
    }
    const TextFile::Loaded loaded = TextFile::load(path);
    QString error;
    QVERIFY(TextFile::save(path, loaded.text, loaded.format, &error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), original);
    QVERIFY(!TextFile::save(dir.filePath(QStringLiteral("missing/dir/x.txt")), QString(),
                            loaded.format, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TstTextFile)
#include "tst_textfile.moc"
