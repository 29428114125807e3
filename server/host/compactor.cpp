#include "compactor.h"

#include "crdt/updates.h"
#include "roomdocument.h"
#include "storage.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

namespace {

// One compaction pass on `storage`; returns the number of rows merged (0: nothing to do, -1:
// failure, the log unchanged).
qint64 compactLog(Storage &storage, qint64 documentId, qint64 upToId)
{
    const QList<QByteArray> rows = storage.logUpTo(documentId, upToId);
    if (rows.size() <= 1) {
        return 0;
    }
    const Crdt::UpdateResult merged = Crdt::mergeUpdates(rows);
    if (!merged.ok()) {
        qCWarning(lcHost) << "compaction: merging document" << documentId
                          << "failed:" << merged.error.toString();
        return -1;
    }
    QString error;
    if (!storage.replaceLog(documentId, upToId, merged.update, &error)) {
        qCWarning(lcHost) << "compaction: writing document" << documentId << "failed:" << error;
        return -1;
    }
    return rows.size();
}

} // namespace

class Compactor::Worker : public QObject
{
public:
    Worker(Compactor *owner, const QString &dataDir, ServerOptions::SyncMode sync)
        : m_owner(owner)
        , m_dataDir(dataDir)
        , m_sync(sync)
    { }

    void compact(qint64 documentId, qint64 upToId)
    {
        if (!m_storage.isOpen()) {
            QString error;
            if (!m_storage.open(m_dataDir, m_sync, &error)) {
                qCWarning(lcHost) << "compaction: cannot open the database:" << error;
                Q_EMIT m_owner->compacted(documentId, 0, false);
                return;
            }
        }
        const qint64 n = compactLog(m_storage, documentId, upToId);
        Q_EMIT m_owner->compacted(documentId, qMax<qint64>(n, 0), n >= 0);
    }

    ~Worker() override { m_storage.close(); }

private:
    Compactor *m_owner;
    QString m_dataDir;
    ServerOptions::SyncMode m_sync;
    Storage m_storage;
};

Compactor::Compactor(const QString &dataDir, ServerOptions::SyncMode sync, Storage *inlineStorage,
                     QObject *parent)
    : QObject(parent)
{
    if (dataDir.isEmpty()) {
        m_inline = inlineStorage;
        return;
    }
    m_worker = new Worker(this, dataDir, sync);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("chorus-compactor"));
    m_thread.start(QThread::LowPriority);
}

Compactor::~Compactor()
{
    if (m_worker) {
        m_thread.quit(); // queued requests are dropped: an uncompacted log is still complete
        m_thread.wait();
    }
}

void Compactor::request(qint64 documentId, qint64 upToId)
{
    if (m_inline) {
        const qint64 n = compactLog(*m_inline, documentId, upToId);
        QMetaObject::invokeMethod(
            this,
            [this, documentId, n] { Q_EMIT compacted(documentId, qMax<qint64>(n, 0), n >= 0); },
            Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, documentId, upToId] { w->compact(documentId, upToId); });
}

} // namespace Chorus::Host
