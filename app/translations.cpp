// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Chorus::App {

QStringList Translations::install(QCoreApplication *app, const QLocale &locale)
{
    QStringList installed;
    auto *chorus = new QTranslator(app);
    if (chorus->load(locale, QStringLiteral("chorus"), QStringLiteral("_"),
                     QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(chorus);
        installed << chorus->filePath();
    } else {
        delete chorus;
        // Without our strings Qt's own would make a half-translated window.
        return installed;
    }
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed << qt->filePath();
    } else {
        delete qt;
    }
    return installed;
}

} // namespace Chorus::App
