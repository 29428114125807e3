#pragma once

#include <QMainWindow>

class QTabWidget;

namespace Chorus::App {

// The one window: a tab per document.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

private:
    QTabWidget *m_tabs = nullptr;
};

} // namespace Chorus::App
