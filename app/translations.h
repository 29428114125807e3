// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace Chorus::App {

// Loads the user interface language at start-up: Chorus's own strings (translations/chorus_*.ts,
// compiled and embedded under :/i18n) and Qt's (qtbase_*.qm from QLibraryInfo's translations
// path, for the standard dialogs and buttons). English needs nothing; a language without a
// Chorus translation stays English. Call once, after the application object exists.
class Translations
{
public:
    // Returns the files it installed (for logs and tests).
    static QStringList install(QCoreApplication *app, const QLocale &locale = QLocale::system());
};

} // namespace Chorus::App
