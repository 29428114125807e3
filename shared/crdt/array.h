// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "any.h"
#include "events.h"

#include <QJsonArray>
#include <QList>

#include <functional>

namespace Chorus::Crdt {

class DocImpl;
class YType;

// A handle to a Y.Array with Any values (yjs types/YArray.js). Consecutive non-binary values
// of one insert share a ContentAny; binary values become ContentBinary, as in Yjs. Indexes
// out of range are clamped. A cheap copyable handle; valid while its document lives.
class Array
{
public:
    Array(DocImpl *doc, YType *type)
        : m_doc(doc)
        , m_type(type)
    { }

    void insert(qsizetype index, const QList<Any> &values);
    void push(const QList<Any> &values) { insert(length(), values); }
    void remove(qsizetype index, qsizetype length);
    qsizetype length() const;
    Any get(qsizetype index) const; // undefined when out of range
    QList<Any> toList() const;
    QJsonArray toJson() const;
    ObserverId observe(std::function<void(const ArrayEvent &)> fn);

    YType *type() const { return m_type; }

private:
    DocImpl *m_doc;
    YType *m_type;
};

} // namespace Chorus::Crdt
