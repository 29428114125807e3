// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Reading client frames (WebSocketFrameReader) and writing server frames (WebSocketFrame) without
// sockets, against test-side reference code (masking) that shares nothing with the code under test.
#include "websockettestdata.h"

class tst_WebSocketFrames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- WebSocketFrameReader ----

    void reader_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<QString>("trace");

        const qint64 defaultMax = WebSocketFrameReader().maxMessageBytes();
        const auto row = [&](const char *name, const QByteArray &stream, const QString &trace,
                             qint64 max = -1) {
            QTest::newRow(name) << stream << (max < 0 ? defaultMax : max) << trace;
        };
        const auto msg = [](const QByteArray &p) { return messageToken(p); };

        row("binary empty", clientFrame(2, {}), u"msg:"_s);
        row("binary small", clientFrame(2, "hello"), msg("hello"));
        row("binary 125", clientFrame(2, pattern(125)), msg(pattern(125)));
        row("binary 126 (16-bit form)", clientFrame(2, pattern(126)), msg(pattern(126)));
        row("binary 65535 (16-bit form)", clientFrame(2, pattern(65535)), msg(pattern(65535)));
        row("binary 65536 (64-bit form)", clientFrame(2, pattern(65536)), msg(pattern(65536)));
        row("binary 200000 (64-bit form)", clientFrame(2, pattern(200000, 3)),
            msg(pattern(200000, 3)));
        row("two messages back to back", clientFrame(2, "ab") + clientFrame(2, "cd"),
            msg("ab") + u' ' + msg("cd"));
        row("unmasked binary", clientFrame(2, "x", true, false), u"error:1002"_s);
        row("unmasked ping", clientFrame(9, "x", true, false), u"error:1002"_s);
        row("unmasked close", clientFrame(8, closeBody(1000), true, false), u"error:1002"_s);
        row("RSV1", clientFrame(2, "x", true, true, 4), u"error:1002"_s);
        row("RSV2", clientFrame(2, "x", true, true, 2), u"error:1002"_s);
        row("RSV3", clientFrame(2, "x", true, true, 1), u"error:1002"_s);
        row("RSV on a ping", clientFrame(9, "x", true, true, 4), u"error:1002"_s);
        for (int op : { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF }) {
            QTest::addRow("opcode 0x%X", op)
                << clientFrame(op, "x") << defaultMax << u"error:1002"_s;
        }
        row("text", clientFrame(1, "hi"), u"error:1003"_s);
        row("text, first fragment", clientFrame(1, "hi", false), u"error:1003"_s);
        row("text, empty", clientFrame(1, {}), u"error:1003"_s);
        row("ping 125", clientFrame(9, pattern(125)),
            u"ping:"_s + QString::fromLatin1(pattern(125).toHex()));
        row("ping empty", clientFrame(9, {}), u"ping:"_s);
        row("ping 126", clientFrame(9, pattern(126)), u"error:1002"_s);
        row("ping 126 declared in the 7-bit form",
            clientFrame(9, {}, true, true, 0, LengthForm::Short, 126), u"error:1002"_s);
        row("pong 200", clientFrame(0xA, pattern(200)), u"error:1002"_s);
        row("close 126", clientFrame(8, closeBody(1000, pattern(124))), u"error:1002"_s);
        row("ping not final", clientFrame(9, "p", false), u"error:1002"_s);
        row("pong not final", clientFrame(0xA, "p", false), u"error:1002"_s);
        row("close not final", clientFrame(8, closeBody(1000), false), u"error:1002"_s);
        row("pong", clientFrame(0xA, "abc"), u"pong"_s);
        row("continuation without a start", clientFrame(0, "x"), u"error:1002"_s);
        row("continuation (not final) without a start", clientFrame(0, "x", false),
            u"error:1002"_s);
        row("binary while fragmented", clientFrame(2, "a", false) + clientFrame(2, "b"),
            u"frag error:1002"_s);
        row("text while fragmented", clientFrame(2, "a", false) + clientFrame(1, "b"),
            u"frag error:1003"_s);
        row("fragmented, ping between fragments",
            clientFrame(2, "ab", false) + clientFrame(9, "p") + clientFrame(0, "cd", false)
                + clientFrame(0, "ef"),
            u"frag ping:70 frag "_s + msg("abcdef"));
        row("fragmented, empty parts",
            clientFrame(2, {}, false) + clientFrame(0, {}, false) + clientFrame(0, "z")
                + clientFrame(2, "after"),
            u"frag frag "_s + msg("z") + u' ' + msg("after"));
        row("fragmented, 16- and 64-bit parts",
            clientFrame(2, pattern(300), false) + clientFrame(0, pattern(70000, 1)),
            u"frag "_s + msg(pattern(300) + pattern(70000, 1)));
        row("fragmented, close between fragments",
            clientFrame(2, "ab", false) + clientFrame(8, closeBody(1001)), u"frag close:1001:"_s);
        // Size limit, decided from the header: the payload never needs to arrive.
        const QByteArray atLimit = clientFrame(2, pattern(1000));
        row("length = limit", atLimit, msg(pattern(1000)), 1000);
        row("length = limit, header only", atLimit.first(8), u"more"_s, 1000);
        row("length = limit + 1, header only",
            clientFrame(2, {}, true, true, 0, LengthForm::Auto, 1001), u"error:1009"_s, 1000);
        row("64-bit length 2^32, header only",
            clientFrame(2, {}, true, true, 0, LengthForm::Long, qint64(1) << 32), u"error:1009"_s);
        row("64-bit length 2^63-1, header only",
            clientFrame(2, {}, true, true, 0, LengthForm::Long, std::numeric_limits<qint64>::max()),
            u"error:1009"_s);
        {
            QByteArray top = clientFrame(2, {}, true, true, 0, LengthForm::Long, 0);
            top[2] = char(0x80); // 2^63
            row("64-bit length with the top bit set", top, u"error:1002"_s);
            QByteArray all = clientFrame(2, {}, true, true, 0, LengthForm::Long, 0);
            for (int i = 2; i < 10; ++i) {
                all[i] = char(0xff);
            }
            row("64-bit length all ones", all, u"error:1002"_s);
            QByteArray topCont = clientFrame(0, {}, true, true, 0, LengthForm::Long, 0);
            topCont[2] = char(0x80);
            row("continuation 2^63 while fragmented", clientFrame(2, "a", false) + topCont,
                u"frag error:1002"_s);
            row("continuation 2^63-1 while fragmented",
                clientFrame(2, "a", false)
                    + clientFrame(0, {}, true, true, 0, LengthForm::Long,
                                  std::numeric_limits<qint64>::max()),
                u"frag error:1009"_s);
        }
        row("fragments summing to the limit",
            clientFrame(2, pattern(600), false) + clientFrame(0, pattern(400, 2)),
            u"frag "_s + msg(pattern(600) + pattern(400, 2)), 1000);
        row("fragments summing over the limit (header only)",
            clientFrame(2, pattern(600), false)
                + clientFrame(0, {}, true, true, 0, LengthForm::Auto, 401),
            u"frag error:1009"_s, 1000);
        row("three fragments over the limit",
            clientFrame(2, pattern(400), false) + clientFrame(0, pattern(400), false)
                + clientFrame(0, pattern(201)),
            u"frag frag error:1009"_s, 1000);
        row("ping does not count toward the limit", clientFrame(9, pattern(100)),
            u"ping:"_s + QString::fromLatin1(pattern(100).toHex()), 10);
        // Close frames (RFC 6455 §5.5.1, §7.4).
        row("close empty", clientFrame(8, {}), u"close:1005:"_s);
        row("close one byte", clientFrame(8, "\x03"), u"error:1002"_s);
        for (int code : { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 }) {
            QTest::addRow("close code %d", code)
                << clientFrame(8, closeBody(code)) << defaultMax << u"error:1002"_s;
        }
        for (int code :
             { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4000, 4999 }) {
            QTest::addRow("close code %d valid", code)
                << clientFrame(8, closeBody(code)) << defaultMax << u"close:%1:"_s.arg(code);
        }
        row("close with reason", clientFrame(8, closeBody(1000, "bye")), u"close:1000:bye"_s);
        row("close with a 123-byte reason", clientFrame(8, closeBody(1000, QByteArray(123, 'r'))),
            u"close:1000:"_s + QString(123, u'r'));
        row("close reason UTF-8 (2-, 3- and 4-byte)",
            clientFrame(8, closeBody(4000, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80")),
            u"close:4000:"_s + QString::fromUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
        row("close reason with a noncharacter U+FFFF",
            clientFrame(8, closeBody(1000, "\xef\xbf\xbf")),
            u"close:1000:"_s + QString::fromUtf8("\xef\xbf\xbf"));
        row("close reason starting with a BOM", clientFrame(8, closeBody(1000, "\xef\xbb\xbfok")),
            u"close:1000:"_s + QString::fromUtf8("\xef\xbb\xbfok"));
        row("close reason 0xFF", clientFrame(8, closeBody(1000, "\xff")), u"error:1007"_s);
        row("close reason truncated sequence", clientFrame(8, closeBody(1000, "ok\xc3")),
            u"error:1007"_s);
        row("close reason overlong '/'", clientFrame(8, closeBody(1000, "\xc0\xaf")),
            u"error:1007"_s);
        row("close reason surrogate", clientFrame(8, closeBody(1000, "\xed\xa0\x80")),
            u"error:1007"_s);
        row("close reason above U+10FFFF", clientFrame(8, closeBody(1000, "\xf4\x90\x80\x80")),
            u"error:1007"_s);
        row("close reason lone continuation", clientFrame(8, closeBody(1000, "a\x80z")),
            u"error:1007"_s);
    }

    void reader()
    {
        QFETCH(QByteArray, stream);
        QFETCH(qint64, maxBytes);
        QFETCH(QString, trace);
        WebSocketFrameReader r;
        r.setMaxMessageBytes(maxBytes);
        qsizetype used = 0;
        QCOMPARE(readAll(r, stream, &used), trace);
        if (!trace.contains(u"error") && !trace.endsWith(u"more")) {
            QCOMPARE(used, stream.size());
        }
    }

    // Every strict prefix of a valid frame needs more and consumes nothing, whatever the length
    // form; the whole frame then reads as one unit.
    void readerNeedsMoreOnEveryPrefix_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("fragmented"); // read after an unfinished first fragment
        QTest::newRow("binary empty") << clientFrame(2, {}) << false;
        QTest::newRow("binary 5") << clientFrame(2, "hello") << false;
        QTest::newRow("binary 126") << clientFrame(2, pattern(126)) << false;
        QTest::newRow("binary 300") << clientFrame(2, pattern(300)) << false;
        QTest::newRow("binary 65536") << clientFrame(2, pattern(65536)) << false;
        QTest::newRow("ping 3") << clientFrame(9, "abc") << false;
        QTest::newRow("close 1000") << clientFrame(8, closeBody(1000, "bye")) << false;
        QTest::newRow("continuation 200") << clientFrame(0, pattern(200)) << true;
    }

    void readerNeedsMoreOnEveryPrefix()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, fragmented);
        WebSocketFrameReader r;
        if (fragmented) {
            QCOMPARE(r.next(clientFrame(2, "x", false)).kind, Kind::Fragment);
        }
        // The 64 KB frame: every prefix up to the header, then a spread of longer ones.
        for (qsizetype n = 0; n < frame.size(); n += (n < 200 ? 1 : 997)) {
            const WebSocketFrameReader::Frame f = r.next(QByteArrayView(frame).first(n));
            QVERIFY2(f.kind == Kind::NeedMore,
                     qPrintable(u"prefix %1: %2"_s.arg(n).arg(frameToken(f))));
            QCOMPARE(f.consumed, 0);
        }
        const WebSocketFrameReader::Frame f = r.next(QByteArrayView(frame).first(frame.size() - 1));
        QCOMPARE(f.kind, Kind::NeedMore);
        QCOMPARE(f.consumed, 0);
        const WebSocketFrameReader::Frame whole = r.next(frame);
        QVERIFY(whole.kind != Kind::NeedMore && whole.kind != Kind::Error);
        QCOMPARE(whole.consumed, frame.size());
    }

    // The reader's unmasking (eight bytes at a time, then the tail) against RFC 6455 §5.3 byte by
    // byte: every length 0..40 and some past the 16- and 64-bit thresholds, several keys, and
    // payloads that start at every alignment.
    void unmasking()
    {
        const QList<QByteArray> keys
            = { QByteArrayLiteral("\x00\x00\x00\x00"), QByteArrayLiteral("\xff\xff\xff\xff"),
                QByteArrayLiteral("\x01\x02\x03\x04"), QByteArrayLiteral("\x80\x7f\x00\xa5") };
        QList<qsizetype> lengths;
        for (qsizetype n = 0; n <= 40; ++n) {
            lengths.append(n);
        }
        lengths << 125 << 126 << 127 << 1021 << 65535 << 65536 << 65543;
        for (const QByteArray &key : keys) {
            for (qsizetype n : lengths) {
                const QByteArray payload = pattern(n, int(n));
                const QByteArray frame
                    = clientFrame(2, payload, true, true, 0, LengthForm::Auto, -1, key);
                const qsizetype header = frame.size() - n;
                QCOMPARE(referenceUnmask(QByteArrayView(frame).sliced(header), key), payload);
                for (int offset = 0; offset < (n <= 40 ? 8 : 1); ++offset) {
                    QByteArray buffer = QByteArray(offset, 'z') + frame;
                    WebSocketFrameReader r;
                    const WebSocketFrameReader::Frame f
                        = r.next(QByteArrayView(buffer).sliced(offset));
                    QCOMPARE(f.kind, Kind::Message);
                    QCOMPARE(f.consumed, frame.size());
                    QVERIFY2(f.payload == payload,
                             qPrintable(u"length %1 offset %2 key %3"_s.arg(n).arg(offset).arg(
                                 QString::fromLatin1(key.toHex()))));
                }
            }
            // The same through fragments (the joining path), split unevenly.
            const QByteArray payload = pattern(37, 5);
            WebSocketFrameReader r;
            QCOMPARE(
                r.next(clientFrame(2, payload.first(3), false, true, 0, LengthForm::Auto, -1, key))
                    .kind,
                Kind::Fragment);
            QCOMPARE(r.next(clientFrame(0, payload.sliced(3, 11), false, true, 0, LengthForm::Auto,
                                        -1, key))
                         .kind,
                     Kind::Fragment);
            const WebSocketFrameReader::Frame last = r.next(
                clientFrame(0, payload.sliced(14), true, true, 0, LengthForm::Auto, -1, key));
            QCOMPARE(last.kind, Kind::Message);
            QCOMPARE(last.payload, payload);
        }
    }

    // ---- WebSocketFrame ----

    void frameAppend_data()
    {
        QTest::addColumn<int>("opcode");
        QTest::addColumn<qsizetype>("length");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("binary 0") << int(WebSocketFrame::Binary) << qsizetype(0)
                                  << QByteArray::fromHex("8200");
        QTest::newRow("binary 1") << int(WebSocketFrame::Binary) << qsizetype(1)
                                  << QByteArray::fromHex("8201");
        QTest::newRow("binary 125")
            << int(WebSocketFrame::Binary) << qsizetype(125) << QByteArray::fromHex("827d");
        QTest::newRow("binary 126")
            << int(WebSocketFrame::Binary) << qsizetype(126) << QByteArray::fromHex("827e007e");
        QTest::newRow("binary 127")
            << int(WebSocketFrame::Binary) << qsizetype(127) << QByteArray::fromHex("827e007f");
        QTest::newRow("binary 65535")
            << int(WebSocketFrame::Binary) << qsizetype(65535) << QByteArray::fromHex("827effff");
        QTest::newRow("binary 65536") << int(WebSocketFrame::Binary) << qsizetype(65536)
                                      << QByteArray::fromHex("827f0000000000010000");
        QTest::newRow("binary 1000000") << int(WebSocketFrame::Binary) << qsizetype(1000000)
                                        << QByteArray::fromHex("827f00000000000f4240");
        QTest::newRow("close 2") << int(WebSocketFrame::Close) << qsizetype(2)
                                 << QByteArray::fromHex("8802");
        QTest::newRow("ping 0") << int(WebSocketFrame::Ping) << qsizetype(0)
                                << QByteArray::fromHex("8900");
        QTest::newRow("pong 125") << int(WebSocketFrame::Pong) << qsizetype(125)
                                  << QByteArray::fromHex("8a7d");
    }

    void frameAppend()
    {
        QFETCH(int, opcode);
        QFETCH(qsizetype, length);
        QFETCH(QByteArray, header);
        const QByteArray payload = pattern(length, 9);
        QByteArray out = "prefix";
        WebSocketFrame::append(out, WebSocketFrame::Opcode(opcode), payload);
        QVERIFY(out.startsWith("prefix"));
        const QByteArray frame = out.mid(6);
        QCOMPARE(frame.first(header.size()).toHex(), header.toHex());
        QCOMPARE(frame.size(), header.size() + length);
        QVERIFY(frame.sliced(header.size()) == payload); // unmasked, as sent
    }

    void closePayload_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("reasonBytes"); // expected bytes of the reason kept
        QTest::newRow("no reason") << 1000 << QString() << 0;
        QTest::newRow("short") << 1011 << u"internal error"_s << 14;
        QTest::newRow("123 ASCII") << 4000 << QString(123, u'a') << 123;
        QTest::newRow("124 ASCII") << 4000 << QString(124, u'a') << 123;
        QTest::newRow("300 ASCII") << 1008 << QString(300, u'a') << 123;
        // 2-byte characters: 61 fit (122 bytes); the 62nd would split at byte 123.
        QTest::newRow("2-byte chars") << 1000 << QString(70, QChar(0xE9)) << 122;
        QTest::newRow("2-byte chars after one ASCII")
            << 1000 << (u"a"_s + QString(70, QChar(0xE9))) << 123;
        // 3-byte: 41 fit exactly (123 bytes).
        QTest::newRow("3-byte chars") << 1000 << QString(50, QChar(0x20AC)) << 123;
        QTest::newRow("3-byte chars after one ASCII")
            << 1000 << (u"a"_s + QString(50, QChar(0x20AC))) << 121;
        QTest::newRow("3-byte chars after two ASCII")
            << 1000 << (u"ab"_s + QString(50, QChar(0x20AC))) << 122;
        // 4-byte (surrogate pairs in UTF-16): 30 fit (120 bytes).
        QString emoji;
        for (int i = 0; i < 40; ++i) {
            emoji += QString::fromUtf8("\xf0\x9f\x98\x80");
        }
        QTest::newRow("4-byte chars") << 1000 << emoji << 120;
        QTest::newRow("4-byte chars after three ASCII") << 1000 << (u"abc"_s + emoji) << 123;
    }

    void closePayload()
    {
        QFETCH(int, code);
        QFETCH(QString, reason);
        QFETCH(int, reasonBytes);
        const QByteArray p = WebSocketFrame::closePayload(code, reason);
        QVERIFY(p.size() <= 125);
        QCOMPARE(int(quint8(p[0])) << 8 | quint8(p[1]), code);
        const QByteArray kept = p.mid(2);
        QCOMPARE(kept.size(), reasonBytes);
        QVERIFY(reason.toUtf8().startsWith(kept));
        QVERIFY(isValidUtf8(kept));
        // It reads back through the reader as a valid close frame with that reason.
        QByteArray serverFrame;
        WebSocketFrame::append(serverFrame, WebSocketFrame::Close, p);
        QVERIFY(serverFrame.size() <= 127);
        WebSocketFrameReader r;
        const WebSocketFrameReader::Frame f = r.next(clientFrame(8, p));
        QCOMPARE(f.kind, Kind::Close);
        QCOMPARE(f.code, code);
        QCOMPARE(f.reason, QString::fromUtf8(kept));
    }

    void closeCodes()
    {
        for (int code = 0; code < 70000; ++code) {
            const bool expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
            QVERIFY2(WebSocketFrame::isValidCloseCode(code) == expected,
                     qPrintable(QString::number(code)));
        }
    }

    // ---- Randomised: any bytes get a verdict, never a crash, a stall or an overrun ----

    void mutatedFrameStreamsAlwaysGetAVerdict()
    {
        // Valid frames with a few random bytes changed, so parsing gets deep rather than being
        // refused at the first byte. Every call must need more (consuming nothing), consume part
        // of what it was given, or refuse with a close code.
        std::mt19937 rng(20261126);
        constexpr int Opcodes[] = { 0, 1, 2, 8, 9, 10, 3 };
        for (int round = 0; round < 5000; ++round) {
            QByteArray stream;
            for (int i = 1 + int(rng() % 6); i > 0; --i) {
                QByteArray payload(int(rng() % 300), Qt::Uninitialized);
                for (char &c : payload) {
                    c = char(rng());
                }
                stream += clientFrame(Opcodes[rng() % 7], payload, rng() % 4 != 0);
            }
            for (int m = int(rng() % 4); m > 0; --m) {
                stream[rng() % stream.size()] = char(rng());
            }
            WebSocketFrameReader reader;
            reader.setMaxMessageBytes(1 + qint64(rng() % 1000));
            qsizetype pos = 0;
            for (int calls = 0; pos < stream.size(); ++calls) {
                QVERIFY(calls < 100);
                const auto f = reader.next(QByteArrayView(stream).sliced(pos));
                if (f.kind == Kind::Error) {
                    QVERIFY2(f.code == 1002 || f.code == 1003 || f.code == 1007 || f.code == 1009,
                             qPrintable(QString::number(f.code)));
                    break;
                }
                if (f.kind == Kind::NeedMore) {
                    QCOMPARE(f.consumed, qsizetype(0));
                    break;
                }
                QVERIFY(f.consumed > 0 && f.consumed <= stream.size() - pos);
                if (f.kind == Kind::Message) {
                    QVERIFY(f.payload.size() <= reader.maxMessageBytes());
                }
                pos += f.consumed;
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_WebSocketFrames)
#include "tst_websocketframes.moc"
