// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/hostdefaults.h"

#include <QSettings>
#include <QStandardPaths>

namespace Chorus::App {

HostDefaults HostDefaults::load()
{
    QSettings settings;
    HostDefaults d;
    d.port = settings.value(QStringLiteral("host/port"), d.port).toInt();
    d.localNetwork = settings.value(QStringLiteral("host/localNetwork"), d.localNetwork).toBool();
    d.tls = settings.value(QStringLiteral("host/tls"), d.tls).toBool();
    const QString fallback = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/sessions");
    d.dataFolder = settings.value(QStringLiteral("host/dataFolder"), fallback).toString();
    d.allowedOrigins = settings.value(QStringLiteral("host/allowedOrigins")).toStringList();
    return d;
}

void HostDefaults::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("host/port"), port);
    settings.setValue(QStringLiteral("host/localNetwork"), localNetwork);
    settings.setValue(QStringLiteral("host/tls"), tls);
    settings.setValue(QStringLiteral("host/dataFolder"), dataFolder);
    settings.setValue(QStringLiteral("host/allowedOrigins"), allowedOrigins);
}

} // namespace Chorus::App
