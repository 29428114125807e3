// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// lib0 primitives: the byte-level codec under every Yjs update and y-protocols message.
// Expected bytes follow lib0's encoding.js (varuint 7 bits/byte little-endian groups; varint
// with a sign bit in the first byte).
#include "crdt/lib0decoder.h"
#include "crdt/lib0encoder.h"

#include <QTest>

using namespace Chorus::Crdt;

class TestLib0 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void varUint_data();
    void varUint();
    void varInt_data();
    void varInt();
    void varString_data();
    void varString();
    void uint8Array();
    void truncated_data();
    void truncated();
    void overflow();
    void declaredLengthPastInput();
    void invalidUtf8();
    void floatsAndBigInt();
};

void TestLib0::varUint_data()
{
    QTest::addColumn<quint64>("value");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("0") << quint64(0) << QByteArray::fromHex("00");
    QTest::newRow("1") << quint64(1) << QByteArray::fromHex("01");
    QTest::newRow("127") << quint64(127) << QByteArray::fromHex("7f");
    QTest::newRow("128") << quint64(128) << QByteArray::fromHex("8001");
    QTest::newRow("255") << quint64(255) << QByteArray::fromHex("ff01");
    QTest::newRow("2^14-1") << quint64(16383) << QByteArray::fromHex("ff7f");
    QTest::newRow("2^14") << quint64(16384) << QByteArray::fromHex("808001");
    QTest::newRow("2^32-1") << quint64(0xffffffffULL) << QByteArray::fromHex("ffffffff0f");
    QTest::newRow("2^32") << (quint64(1) << 32) << QByteArray::fromHex("8080808010");
    QTest::newRow("2^53-1") << ((quint64(1) << 53) - 1) << QByteArray::fromHex("ffffffffffffff0f");
}

void TestLib0::varUint()
{
    QFETCH(quint64, value);
    QFETCH(QByteArray, bytes);
    Lib0Encoder enc;
    enc.writeVarUint(value);
    if (!bytes.isEmpty()) {
        QCOMPARE(enc.data().toHex(), bytes.toHex());
    }
    Lib0Decoder dec(enc.data());
    QCOMPARE(dec.readVarUint(), value);
    QVERIFY(dec.ok());
    QVERIFY(dec.atEnd());
}

void TestLib0::varInt_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("0") << qint64(0) << QByteArray::fromHex("00");
    QTest::newRow("1") << qint64(1) << QByteArray::fromHex("01");
    QTest::newRow("-1") << qint64(-1) << QByteArray::fromHex("41");
    QTest::newRow("63") << qint64(63) << QByteArray::fromHex("3f");
    QTest::newRow("64") << qint64(64) << QByteArray::fromHex("8001");
    QTest::newRow("-64") << qint64(-64) << QByteArray::fromHex("c001");
    QTest::newRow("127") << qint64(127) << QByteArray::fromHex("bf01");
    QTest::newRow("128") << qint64(128) << QByteArray::fromHex("8002");
    QTest::newRow("2^14") << qint64(16384) << QByteArray::fromHex("808002");
    QTest::newRow("2^32") << (qint64(1) << 32) << QByteArray::fromHex("8080808020");
    QTest::newRow("2^53-1") << ((qint64(1) << 53) - 1) << QByteArray::fromHex("bfffffffffffff1f");
    QTest::newRow("-(2^53-1)") << -((qint64(1) << 53) - 1)
                               << QByteArray::fromHex("ffffffffffffff1f");
}

void TestLib0::varInt()
{
    QFETCH(qint64, value);
    QFETCH(QByteArray, bytes);
    Lib0Encoder enc;
    enc.writeVarInt(value);
    QCOMPARE(enc.data().toHex(), bytes.toHex());
    Lib0Decoder dec(enc.data());
    QCOMPARE(dec.readVarInt(), value);
    QVERIFY(dec.ok());
    QVERIFY(dec.atEnd());
}

void TestLib0::varString_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QString() << QByteArray::fromHex("00");
    QTest::newRow("ascii") << QStringLiteral("abc") << QByteArray::fromHex("03616263");
    QTest::newRow("bmp") << QString(QChar(0x00e4)) << QByteArray::fromHex("02c3a4");
    // U+1F600 is a surrogate pair in UTF-16 and four bytes of UTF-8.
    QTest::newRow("astral") << QString::fromUcs4(U"\U0001F600")
                            << QByteArray::fromHex("04f09f9880");
    QTest::newRow("mixed") << (QStringLiteral("a") + QString::fromUcs4(U"\U0001F680")
                               + QStringLiteral("b"))
                           << QByteArray::fromHex("0661f09f9a8062");
}

void TestLib0::varString()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    Lib0Encoder enc;
    enc.writeVarString(text);
    QCOMPARE(enc.data().toHex(), bytes.toHex());
    Lib0Decoder dec(enc.data());
    const QString back = dec.readVarString();
    QVERIFY(dec.ok());
    QCOMPARE(back, text);
    QCOMPARE(back.size(), text.size()); // UTF-16 units survive, surrogate pairs intact
}

void TestLib0::uint8Array()
{
    Lib0Encoder enc;
    const QByteArray payload(300, '\x5a');
    enc.writeVarUint8Array(payload);
    QCOMPARE(enc.size(), 2 + 300);
    Lib0Decoder dec(enc.data());
    QCOMPARE(dec.readVarUint8Array().toByteArray(), payload);
    QVERIFY(dec.ok() && dec.atEnd());
}

void TestLib0::truncated_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("what"); // 0 varuint, 1 varint, 2 string, 3 uint8array
    QTest::addColumn<int>("offset");
    QTest::newRow("empty varuint") << QByteArray() << 0 << 0;
    QTest::newRow("varuint continuation") << QByteArray::fromHex("80") << 0 << 0;
    QTest::newRow("varuint 3 bytes cut") << QByteArray::fromHex("ffff") << 0 << 0;
    QTest::newRow("varint continuation") << QByteArray::fromHex("c0") << 1 << 0;
    QTest::newRow("string body cut") << QByteArray::fromHex("0561") << 2 << 0;
    QTest::newRow("string length cut") << QByteArray::fromHex("85") << 2 << 0;
    QTest::newRow("array body cut") << QByteArray::fromHex("03aabb") << 3 << 0;
}

void TestLib0::truncated()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, what);
    QFETCH(int, offset);
    Lib0Decoder dec(bytes);
    switch (what) {
    case 0: QCOMPARE(dec.readVarUint(), quint64(0)); break;
    case 1: QCOMPARE(dec.readVarInt(), qint64(0)); break;
    case 2: QVERIFY(dec.readVarString().isEmpty()); break;
    default: QVERIFY(dec.readVarUint8Array().isEmpty()); break;
    }
    QVERIFY(!dec.ok());
    QVERIFY(dec.error().code == DecodeError::Code::UnexpectedEnd
            || dec.error().code == DecodeError::Code::LengthTooLarge);
    QCOMPARE(dec.error().offset, qsizetype(offset));
    QVERIFY(!dec.error().toString().isEmpty());
    // The error sticks: later reads return nothing and do not move on.
    QCOMPARE(dec.readUint8(), quint8(0));
    QCOMPARE(dec.error().offset, qsizetype(offset));
}

void TestLib0::overflow()
{
    // 2^53 does not fit a JavaScript safe integer: lib0 rejects it, so do we.
    Lib0Decoder dec(QByteArray::fromHex("8080808080808010"));
    dec.readVarUint();
    QCOMPARE(dec.error().code, DecodeError::Code::IntegerOverflow);
    // An endless run of continuation bytes is an error, not a loop.
    const QByteArray endless(64, '\x80');
    Lib0Decoder dec2(endless);
    dec2.readVarUint();
    QVERIFY(!dec2.ok());
}

void TestLib0::declaredLengthPastInput()
{
    // A length near 2^53 must be an error, never an allocation.
    Lib0Decoder dec(QByteArray::fromHex("ffffffffffffff0f41"));
    QVERIFY(dec.readVarUint8Array().isEmpty());
    QCOMPARE(dec.error().code, DecodeError::Code::LengthTooLarge);
    QCOMPARE(dec.error().offset, qsizetype(0));
}

void TestLib0::invalidUtf8()
{
    Lib0Decoder dec(QByteArray::fromHex("02c328"));
    QVERIFY(dec.readVarString().isEmpty());
    QCOMPARE(dec.error().code, DecodeError::Code::InvalidUtf8);
}

void TestLib0::floatsAndBigInt()
{
    Lib0Encoder enc;
    enc.writeFloat32(1.5f);
    enc.writeFloat64(-0.1);
    enc.writeBigInt64(-2);
    QCOMPARE(enc.data().left(4).toHex(), QByteArray("3fc00000"));
    QCOMPARE(enc.data().mid(12).toHex(), QByteArray("fffffffffffffffe"));
    Lib0Decoder dec(enc.data());
    QCOMPARE(dec.readFloat32(), 1.5f);
    QCOMPARE(dec.readFloat64(), -0.1);
    QCOMPARE(dec.readBigInt64(), qint64(-2));
    QVERIFY(dec.ok() && dec.atEnd());
}

QTEST_GUILESS_MAIN(TestLib0)
#include "tst_lib0.moc"
