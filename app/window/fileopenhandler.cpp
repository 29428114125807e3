// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/window/fileopenhandler.h"

#include "app/session/sessioncontroller.h"
#include "app/window/mainwindow.h"

#include <QCoreApplication>
#include <QFileOpenEvent>

namespace Chorus::App {

FileOpenHandler::FileOpenHandler(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    QCoreApplication::instance()->installEventFilter(this);
}

bool FileOpenHandler::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::FileOpen || watched != QCoreApplication::instance()) {
        return QObject::eventFilter(watched, event);
    }
    const auto *open = static_cast<QFileOpenEvent *>(event);
    const QUrl url = open->url();
    if (url.scheme() == QLatin1String("chorus")) {
        // An invite link: the Join dialog asks for the name and password, then lists documents.
        m_window->sessionController()->showJoinDialog(url.toString());
    } else if (!open->file().isEmpty()) {
        m_window->openFiles({ open->file() });
    } else {
        return false; // another scheme: not ours
    }
    m_window->raise();
    m_window->activateWindow();
    return true;
}

} // namespace Chorus::App
