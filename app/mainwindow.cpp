#include "mainwindow.h"

#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTabWidget>

namespace Chorus::App {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Chorus"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->addTab(new QPlainTextEdit(m_tabs), tr("Untitled"));
    setCentralWidget(m_tabs);
    statusBar()->showMessage(tr("Not connected"));
    resize(900, 600);
}

} // namespace Chorus::App
