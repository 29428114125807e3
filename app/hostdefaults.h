#pragma once

#include <QString>

namespace Chorus::App {

// The Host dialog's starting values, kept in QSettings ("host/…") and edited in the Settings
// dialog. The data folder defaults to AppDataLocation/sessions.
struct HostDefaults
{
    int port = 1234;
    bool localNetwork = false;
    bool tls = true;
    QString dataFolder;

    static HostDefaults load();
    void save() const;
};

} // namespace Chorus::App
