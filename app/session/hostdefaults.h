// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Chorus::App {

// The Host dialog's starting values, kept in QSettings ("host/…") and edited in the Settings
// dialog. The data folder defaults to AppDataLocation/sessions.
struct HostDefaults
{
    int port = 1234;
    bool localNetwork = false;
    bool tls = true;
    QString dataFolder;
    // Web pages (Origins) allowed to open the session from a browser; empty: none, so a page
    // open in the user's browser cannot read or write the documents (see OriginPolicy).
    QStringList allowedOrigins;

    static HostDefaults load();
    void save() const;
};

} // namespace Chorus::App
