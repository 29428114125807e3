// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The y-websocket message codec: every message type encodes to the agreed bytes and decodes back;
// truncated, oversized and garbage inputs give a typed error with the byte offset, never a
// partial message. Expected bytes follow y-protocols (sync.js, auth.js) and docs/protocol.md.
#include "protocol/closecode.h"
#include "protocol/message.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Chorus::Protocol;
using Chorus::Crdt::DecodeError;

Q_DECLARE_METATYPE(Chorus::Protocol::Message)
Q_DECLARE_METATYPE(Chorus::Crdt::DecodeError::Code)

class TestMessage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void everyPrefixFails_data() { roundTrip_data(); }
    void everyPrefixFails();
    void malformed_data();
    void malformed();
    void garbageNeverCrashes();
    void extensionsAreMarked();
    void describeNeverShowsToken();
    void closeCodes();
};

void TestMessage::roundTrip_data()
{
    QTest::addColumn<Message>("message");
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray big(200, 'x');
    QTest::newRow("step1 empty sv")
        << Message(SyncStep1 { QByteArray::fromHex("00") }) << QByteArray::fromHex("00000100");
    QTest::newRow("step1 sv") << Message(SyncStep1 { QByteArray::fromHex("01e807 05") })
                              << QByteArray::fromHex("000004 01e80705");
    QTest::newRow("step2") << Message(SyncStep2 { QByteArray::fromHex("0000") })
                           << QByteArray::fromHex("0001020000");
    QTest::newRow("update") << Message(SyncUpdate { QByteArray::fromHex("0000") })
                            << QByteArray::fromHex("0002020000");
    QTest::newRow("update 200 bytes (2-byte length)")
        << Message(SyncUpdate { big }) << QByteArray::fromHex("0002c801") + big;
    QTest::newRow("update empty payload")
        << Message(SyncUpdate {}) << QByteArray::fromHex("000200");
    QTest::newRow("awareness") << Message(AwarenessMessage { QByteArray::fromHex("00") })
                               << QByteArray::fromHex("010100");
    QTest::newRow("query awareness") << Message(QueryAwareness {}) << QByteArray::fromHex("03");
    QTest::newRow("permission denied")
        << Message(PermissionDenied { QStringLiteral("no") }) << QByteArray::fromHex("0200026e6f");
    QTest::newRow("permission denied unicode")
        << Message(PermissionDenied { QStringLiteral(u"\u00e9") })
        << QByteArray::fromHex("020002c3a9");
    QTest::newRow("auth token") << Message(AuthToken { QStringLiteral("t") })
                                << QByteArray::fromHex("02010174");
    QTest::newRow("authenticated rw")
        << Message(Authenticated { QStringLiteral("rw") }) << QByteArray::fromHex("0202027277");
    QTest::newRow("authenticated ro")
        << Message(Authenticated { QStringLiteral("ro") }) << QByteArray::fromHex("020202726f");
    QTest::newRow("read-only notice")
        << Message(ReadOnlyNotice { QStringLiteral("ro") }) << QByteArray::fromHex("020302726f");
    QTest::newRow("epoch") << Message(Epoch { QStringLiteral("e1") })
                           << QByteArray::fromHex("64026531");
    QTest::newRow("epoch empty") << Message(Epoch {}) << QByteArray::fromHex("6400");
    QTest::newRow("ack 0") << Message(Ack { 0 }) << QByteArray::fromHex("6500");
    QTest::newRow("ack 127") << Message(Ack { 127 }) << QByteArray::fromHex("657f");
    QTest::newRow("ack 300") << Message(Ack { 300 }) << QByteArray::fromHex("65ac02");
    QTest::newRow("ack 2^53-1") << Message(Ack { (quint64(1) << 53) - 1 })
                                << QByteArray::fromHex("65ffffffffffffff0f");
}

void TestMessage::roundTrip()
{
    QFETCH(Message, message);
    QFETCH(QByteArray, bytes);
    QCOMPARE(encodeMessage(message).toHex(), bytes.toHex());
    const DecodedMessage decoded = decodeMessage(bytes);
    QVERIFY2(decoded.isOk(), qPrintable(decoded.error.toString()));
    QVERIFY(decoded.message == message);
}

void TestMessage::everyPrefixFails()
{
    QFETCH(QByteArray, bytes);
    for (qsizetype n = 0; n < bytes.size(); ++n) {
        const DecodedMessage decoded = decodeMessage(QByteArrayView(bytes).first(n));
        QVERIFY2(!decoded.isOk(), qPrintable(QStringLiteral("prefix %1 decoded").arg(n)));
        QVERIFY(std::holds_alternative<std::monostate>(decoded.message));
        QVERIFY(decoded.error.offset >= 0 && decoded.error.offset <= n);
    }
}

void TestMessage::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<DecodeError::Code>("code");
    QTest::addColumn<qsizetype>("offset");
    using C = DecodeError::Code;
    QTest::newRow("empty") << QByteArray() << C::UnexpectedEnd << qsizetype(0);
    QTest::newRow("truncated type varuint")
        << QByteArray::fromHex("80") << C::UnexpectedEnd << qsizetype(0);
    QTest::newRow("type over 53 bits")
        << QByteArray::fromHex("ffffffffffffffffff01") << C::IntegerOverflow << qsizetype(0);
    QTest::newRow("unknown type 4") << QByteArray::fromHex("04") << C::UnknownType << qsizetype(0);
    QTest::newRow("unknown type 102")
        << QByteArray::fromHex("66") << C::UnknownType << qsizetype(0);
    QTest::newRow("unknown type 128")
        << QByteArray::fromHex("8001") << C::UnknownType << qsizetype(0);
    QTest::newRow("sync without subtype")
        << QByteArray::fromHex("00") << C::UnexpectedEnd << qsizetype(1);
    QTest::newRow("unknown sync subtype")
        << QByteArray::fromHex("000300") << C::UnknownType << qsizetype(1);
    QTest::newRow("step1 without length")
        << QByteArray::fromHex("0000") << C::UnexpectedEnd << qsizetype(2);
    QTest::newRow("length past input")
        << QByteArray::fromHex("00000500") << C::LengthTooLarge << qsizetype(2);
    QTest::newRow("length 2^53-1")
        << QByteArray::fromHex("0002ffffffffffffff0f00") << C::LengthTooLarge << qsizetype(2);
    QTest::newRow("length near 2^63")
        << QByteArray::fromHex("0002ffffffffffffffff7f") << C::IntegerOverflow << qsizetype(2);
    QTest::newRow("trailing after step1")
        << QByteArray::fromHex("0000010000") << C::TrailingBytes << qsizetype(4);
    QTest::newRow("trailing after query")
        << QByteArray::fromHex("0300") << C::TrailingBytes << qsizetype(1);
    QTest::newRow("awareness truncated")
        << QByteArray::fromHex("01") << C::UnexpectedEnd << qsizetype(1);
    QTest::newRow("auth without subtype")
        << QByteArray::fromHex("02") << C::UnexpectedEnd << qsizetype(1);
    QTest::newRow("unknown auth subtype")
        << QByteArray::fromHex("020400") << C::UnknownType << qsizetype(1);
    QTest::newRow("reason not utf-8")
        << QByteArray::fromHex("020002fffe") << C::InvalidUtf8 << qsizetype(2);
    QTest::newRow("token truncated")
        << QByteArray::fromHex("02010574") << C::LengthTooLarge << qsizetype(2);
    QTest::newRow("epoch truncated")
        << QByteArray::fromHex("64") << C::UnexpectedEnd << qsizetype(1);
    QTest::newRow("ack truncated varuint")
        << QByteArray::fromHex("6580") << C::UnexpectedEnd << qsizetype(1);
    QTest::newRow("ack trailing") << QByteArray::fromHex("650101") << C::TrailingBytes
                                  << qsizetype(2);
}

void TestMessage::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(DecodeError::Code, code);
    QFETCH(qsizetype, offset);
    const DecodedMessage decoded = decodeMessage(bytes);
    QVERIFY(!decoded.isOk());
    QVERIFY(std::holds_alternative<std::monostate>(decoded.message));
    QCOMPARE(DecodeError::codeName(decoded.error.code), DecodeError::codeName(code));
    QCOMPARE(decoded.error.offset, offset);
}

void TestMessage::garbageNeverCrashes()
{
    const quint32 seed = qEnvironmentVariableIsSet("CHORUS_SEED")
        ? qEnvironmentVariable("CHORUS_SEED").toUInt()
        : 20261126u;
    qInfo("seed %u (set CHORUS_SEED to replay)", seed);
    QRandomGenerator rng(seed);
    int ok = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray bytes(rng.bounded(12), Qt::Uninitialized);
        for (char &c : bytes) {
            // Bias towards small values so the type and length paths are reached often.
            c = char(rng.bounded(4) == 0 ? rng.bounded(256) : rng.bounded(6));
        }
        const DecodedMessage decoded = decodeMessage(bytes);
        if (decoded.isOk()) {
            ++ok;
            // Non-canonical varints decode too, so compare messages, not bytes.
            const DecodedMessage again = decodeMessage(encodeMessage(decoded.message));
            QVERIFY(again.isOk());
            QVERIFY(again.message == decoded.message);
        } else {
            QVERIFY(decoded.error.offset >= 0 && decoded.error.offset <= bytes.size());
        }
    }
    QVERIFY(ok > 0); // some inputs are valid messages, and those survive a round trip
}

void TestMessage::extensionsAreMarked()
{
    QVERIFY(isChorusExtension(Epoch {}));
    QVERIFY(isChorusExtension(Ack {}));
    QVERIFY(isChorusExtension(AuthToken {}));
    QVERIFY(isChorusExtension(Authenticated {}));
    QVERIFY(isChorusExtension(ReadOnlyNotice {}));
    QVERIFY(!isChorusExtension(PermissionDenied {}));
    QVERIFY(!isChorusExtension(SyncStep1 {}));
    QVERIFY(!isChorusExtension(QueryAwareness {}));
    QVERIFY(!isChorusExtension(AwarenessMessage {}));
}

void TestMessage::describeNeverShowsToken()
{
    QVERIFY(!describeMessage(AuthToken { QStringLiteral("s3cret") }).contains(u"s3cret"));
    QCOMPARE(describeMessage(Ack { 3 }), QStringLiteral("ack 3"));
}

void TestMessage::closeCodes()
{
    QCOMPARE(int(CloseCode::InvalidPayload), 1007);
    QCOMPARE(int(CloseCode::TryAgainLater), 1013);
    QCOMPARE(ChorusSubprotocol, QLatin1StringView("chorus.1"));
    QVERIFY(!closeCodeName(CloseCode::TooBig).isEmpty());
}

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
