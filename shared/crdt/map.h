// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "any.h"
#include "events.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace Chorus::Crdt {

class DocImpl;
class YType;

// A handle to a Y.Map with Any values (yjs types/YMap.js). Binary values are stored as
// ContentBinary, everything else as ContentAny, as Yjs does. Concurrent sets of a key resolve
// as in Yjs (the higher client id wins between concurrent writers). Nested types stored by
// other clients read as undefined. A cheap copyable handle; valid while its document lives.
class Map
{
public:
    Map(DocImpl *doc, YType *type)
        : m_doc(doc)
        , m_type(type)
    { }

    void set(const QString &key, const Any &value);
    std::optional<Any> get(const QString &key) const;
    void remove(const QString &key);
    bool has(const QString &key) const { return get(key).has_value(); }
    QStringList keys() const; // sorted
    QJsonObject toJson() const;
    ObserverId observe(std::function<void(const MapEvent &)> fn);

    YType *type() const { return m_type; }

private:
    DocImpl *m_doc;
    YType *m_type;
};

} // namespace Chorus::Crdt
