// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace Chorus::App {

class MainWindow;

// What the system asks the running app to open after start-up. On macOS a click on a chorus://
// invite link (Info.plist registers the scheme) or "Open With" in the Finder does not start
// `chorus LINK` as on Linux and Windows: the application gets a QFileOpenEvent instead. A link
// opens the Join dialog, as `chorus chorus://…` does; a file opens in a tab.
class FileOpenHandler : public QObject
{
    Q_OBJECT

public:
    // Watches the application object for as long as it lives.
    explicit FileOpenHandler(MainWindow *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    MainWindow *m_window;
};

} // namespace Chorus::App
