#pragma once

#include "serveroptions.h"

#include <QObject>
#include <QThread>

namespace Chorus::Host {

class Storage;

// Rewrites a document's update log as one merged update (yjs mergeUpdates), off the host's
// thread: it reads the rows up to a given id through its own database connection, merges them,
// and swaps them for the merged row in one transaction. Rows appended meanwhile are untouched,
// so the host never waits for it and never loses an update to it. With an in-memory database
// (no data directory) it works inline on the host's Storage instead.
// request() is called from the host thread; compacted() is delivered there too.
class Compactor : public QObject
{
    Q_OBJECT

public:
    Compactor(const QString &dataDir, ServerOptions::SyncMode sync, Storage *inlineStorage,
              QObject *parent = nullptr);
    ~Compactor() override;

    void request(qint64 documentId, qint64 upToId);

Q_SIGNALS:
    // rowsBefore rows were merged into one (ok), or the database refused (not ok).
    void compacted(qint64 documentId, qint64 rowsBefore, bool ok);

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
    Storage *m_inline = nullptr;
};

} // namespace Chorus::Host
