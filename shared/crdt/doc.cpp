// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "doc.h"

#include "array.h"
#include "docimpl.h"
#include "map.h"
#include "text.h"

namespace Chorus::Crdt {

Doc::Doc(ClientId clientId)
    : d(std::make_unique<DocImpl>(clientId))
{ }

Doc::~Doc() = default;

ClientId Doc::clientId() const
{
    return d->clientId;
}

namespace {
YType *rootOf(DocImpl *d, const QString &name, TypeRef ref)
{
    YType *t = d->get(name);
    if (!t->hasRef) {
        t->hasRef = true;
        t->ref = ref;
    }
    return t;
}
} // namespace

Text Doc::text(const QString &name)
{
    return Text(d.get(), rootOf(d.get(), name, TypeRef::Text));
}

Map Doc::map(const QString &name)
{
    return Map(d.get(), rootOf(d.get(), name, TypeRef::Map));
}

Array Doc::array(const QString &name)
{
    return Array(d.get(), rootOf(d.get(), name, TypeRef::Array));
}

void Doc::transact(const std::function<void()> &fn, Origin origin)
{
    d->transact([&](Transaction &) { fn(); }, origin, true);
}

QByteArray Doc::encodeStateAsUpdate(QByteArrayView encodedStateVector) const
{
    DecodeError err;
    const StateVector sv = StateVector::decode(encodedStateVector, &err);
    if (err.isError()) {
        return {};
    }
    return d->encodeStateAsUpdate(sv, encodedStateVector);
}

QByteArray Doc::encodeStateVector() const
{
    return d->store.stateVector().encode();
}

ApplyResult Doc::applyUpdate(QByteArrayView update, Origin origin)
{
    return d->applyUpdate(update, origin);
}

bool Doc::hasPending() const
{
    return d->store.pendingStructs.has_value() || !d->store.pendingDs.isEmpty();
}

ObserverId Doc::onUpdate(std::function<void(const QByteArray &, Origin, bool)> fn)
{
    const ObserverId id = d->nextObserverId++;
    d->updateObservers.emplace_back(id, std::move(fn));
    return id;
}

ObserverId Doc::onAfterTransaction(std::function<void(const TransactionInfo &)> fn)
{
    const ObserverId id = d->nextObserverId++;
    d->afterTransactionObservers.emplace_back(id, std::move(fn));
    return id;
}

void Doc::removeObserver(ObserverId id)
{
    std::erase_if(d->updateObservers, [id](const auto &o) { return o.first == id; });
    std::erase_if(d->afterTransactionObservers, [id](const auto &o) { return o.first == id; });
    for (auto &t : d->types) {
        std::erase_if(t->observers, [id](const auto &o) { return o.id == id; });
    }
}

void Doc::setGcEnabled(bool enabled)
{
    d->gc = enabled;
}

bool Doc::isGcEnabled() const
{
    return d->gc;
}

QString Doc::debugDump() const
{
    return d->debugDump();
}

bool Doc::checkInvariants() const
{
    return invariantViolation().isEmpty();
}

QString Doc::invariantViolation() const
{
    QString why;
    if (!d->checkInvariants(&why) && why.isEmpty()) {
        why = QStringLiteral("invariant violated");
    }
    return why;
}

} // namespace Chorus::Crdt
