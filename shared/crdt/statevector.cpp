// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "statevector.h"

#include "lib0decoder.h"
#include "lib0encoder.h"
#include "limits.h"

namespace Chorus::Crdt {

QByteArray StateVector::encode() const
{
    Lib0Encoder enc;
    enc.writeVarUint(quint64(m_clocks.size()));
    for (auto it = m_clocks.rbegin(); it != m_clocks.rend(); ++it) {
        enc.writeVarUint(it->first);
        enc.writeVarUint(it->second);
    }
    return enc.take();
}

StateVector StateVector::decode(QByteArrayView bytes, DecodeError *error)
{
    StateVector sv;
    if (bytes.isEmpty()) {
        return sv;
    }
    Lib0Decoder dec(bytes);
    const quint64 n = dec.readVarUint();
    if (n > quint64(dec.remaining()) / 2) {
        dec.failAt(0, DecodeError::Code::LengthTooLarge,
                   QStringLiteral("%1 state vector entries declared").arg(n));
    } else if (n > Limits::MaxClients) {
        dec.failAt(0, DecodeError::Code::OverLimit,
                   QStringLiteral("%1 state vector entries, more than the limit of %2")
                       .arg(n)
                       .arg(Limits::MaxClients));
    } else {
        sv.m_clocks.reserve(size_t(n));
    }
    for (quint64 i = 0; i < n && dec.ok(); ++i) {
        const ClientId client = dec.readVarUint();
        const quint64 clock = dec.readVarUint();
        if (dec.ok()) {
            sv.m_clocks.emplace_back(client, clock);
        }
    }
    // Sorted once rather than inserted one by one (quadratic for the descending order of the
    // wire); of duplicates the later one wins, as in Yjs.
    std::stable_sort(sv.m_clocks.begin(), sv.m_clocks.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    auto last = std::unique(sv.m_clocks.rbegin(), sv.m_clocks.rend(),
                            [](const auto &a, const auto &b) { return a.first == b.first; });
    sv.m_clocks.erase(sv.m_clocks.begin(), last.base());
    if (dec.ok() && !dec.atEnd()) {
        dec.fail(DecodeError::Code::TrailingBytes);
    }
    if (error) {
        *error = dec.error();
    }
    return dec.ok() ? sv : StateVector();
}

} // namespace Chorus::Crdt
