#include "statevector.h"

#include "lib0decoder.h"
#include "lib0encoder.h"

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
    }
    for (quint64 i = 0; i < n && dec.ok(); ++i) {
        const ClientId client = dec.readVarUint();
        const quint64 clock = dec.readVarUint();
        if (dec.ok()) {
            sv.set(client, clock);
        }
    }
    if (dec.ok() && !dec.atEnd()) {
        dec.fail(DecodeError::Code::TrailingBytes);
    }
    if (error) {
        *error = dec.error();
    }
    return dec.ok() ? sv : StateVector();
}

} // namespace Chorus::Crdt
