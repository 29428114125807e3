// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dialogs/hostdialog.h"

#include "app/session/hostdefaults.h"
#include "app/window/editortab.h"
#include "host/transport/originpolicy.h"
#include "protocol/invitelink.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Chorus::App {

HostDialog::HostDialog(Host::EmbeddedHost *host, const QList<EditorTab *> &tabs, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_port(new QSpinBox(this))
    , m_reach(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_readOnlyPassword(new QLineEdit(this))
    , m_tls(new QCheckBox(tr("Encrypt with TLS (the invite link carries the certificate's "
                             "fingerprint)"),
                          this))
    , m_documents(new QListWidget(this))
    , m_dataFolder(new QLineEdit(this))
    , m_origins(new QLineEdit(this))
    , m_browsers(new QCheckBox(tr("Let people without the app join from a &browser"), this))
    , m_webLink(new QLineEdit(this))
    , m_webRow(new QWidget(this))
    , m_invite(new QLineEdit(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_start(new QPushButton(tr("&Start Hosting"), this))
    , m_stop(new QPushButton(tr("S&top Hosting"), this))
    , m_status(new QLabel(this))
    , m_inviteRow(new QWidget(this))
{
    setWindowTitle(tr("Host a Session"));
    const HostDefaults defaults = HostDefaults::load();
    m_port->setRange(1, 65535);
    m_port->setValue(defaults.port);
    m_reach->addItem(tr("This computer only"));
    m_reach->addItem(tr("Local network"));
    m_reach->setCurrentIndex(defaults.localNetwork ? 1 : 0);
    m_tls->setChecked(defaults.tls);
    // Anyone on the network could read unencrypted traffic: TLS comes on with that choice.
    connect(m_reach, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index == 1) {
            m_tls->setChecked(true);
        }
    });
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Empty: anyone who can reach the port may edit"));
    m_readOnlyPassword->setEchoMode(QLineEdit::Password);
    m_readOnlyPassword->setPlaceholderText(tr("Optional: guests with it may only read"));
    for (EditorTab *tab : tabs) {
        auto *item = new QListWidgetItem(tab->displayName(), m_documents);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        m_tabs << tab;
    }
    if (tabs.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No open documents: share them later with "
                                            "Session → Add Current Document."),
                                         m_documents);
        item->setFlags(Qt::NoItemFlags);
    }
    m_documents->setMaximumHeight(110);
    m_dataFolder->setText(defaults.dataFolder);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir
            = QFileDialog::getExistingDirectory(this, tr("Data Folder"), m_dataFolder->text());
        if (!dir.isEmpty()) {
            m_dataFolder->setText(dir);
        }
    });
    // A page open in the user's browser could otherwise reach the session on this computer:
    // browsers are refused unless the user names the pages to let in.
    m_origins->setText(defaults.allowedOrigins.join(u' '));
    m_origins->setPlaceholderText(tr("None: web pages cannot connect (recommended)"));
    m_origins->setToolTip(tr("Web pages that may open this session from a browser, such as "
                             "https://team.example, separated by spaces. The Chorus app itself "
                             "always connects."));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_dataFolder, 1);
    folderRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Who can join:"), m_reach);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("&Read-only password:"), m_readOnlyPassword);
    form->addRow(QString(), m_tls);
    form->addRow(tr("Allowed &web pages:"), m_origins);
    // The host then serves its web editor, and its own page may connect (OriginPolicy).
    form->addRow(QString(), m_browsers);
    form->addRow(tr("&Documents to share:"), m_documents);
    // A row holding a layout gets no buddy by itself; without one the & would show.
    auto *folderLabel = new QLabel(tr("Data &folder:"), this);
    folderLabel->setBuddy(m_dataFolder);
    form->addRow(folderLabel, folderRow);

    m_invite->setReadOnly(true);
    auto *inviteLayout = new QHBoxLayout(m_inviteRow);
    inviteLayout->setContentsMargins(0, 0, 0, 0);
    inviteLayout->addWidget(new QLabel(tr("Invite link:"), m_inviteRow));
    inviteLayout->addWidget(m_invite, 1);
    inviteLayout->addWidget(m_copy);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_invite->text());
        m_status->setText(tr("Copied. Send the link, and the password separately."));
    });
    m_webLink->setReadOnly(true);
    auto *webCopy = new QPushButton(tr("&Copy"), m_webRow);
    auto *webLayout = new QHBoxLayout(m_webRow);
    webLayout->setContentsMargins(0, 0, 0, 0);
    webLayout->addWidget(new QLabel(tr("Browser link:"), m_webRow));
    webLayout->addWidget(m_webLink, 1);
    webLayout->addWidget(webCopy);
    connect(webCopy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_webLink->text());
        m_status->setText(tr("Copied. Send the link, and the password separately."));
    });
    m_status->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_stop, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, [this] {
        QString invalid;
        allowedOrigins(&invalid);
        if (!invalid.isEmpty()) {
            m_status->setText(tr("“%1” is not a web page's origin: write it as "
                                 "https://host or http://host:port.")
                                  .arg(invalid));
            return;
        }
        m_status->setText(tr("Starting…"));
        Q_EMIT startRequested();
    });
    connect(m_stop, &QPushButton::clicked, this, &HostDialog::stopRequested);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_inviteRow);
    layout->addWidget(m_webRow);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    if (m_host) {
        connect(m_host, &Host::EmbeddedHost::stateChanged, this, &HostDialog::updateState);
        connect(m_host, &Host::EmbeddedHost::failed, this, [this](const QString &error) {
            m_status->setText(tr("Could not start hosting: %1").arg(error));
        });
    }
    updateState();
    resize(600, sizeHint().height());
}

Host::EmbeddedHost::Options HostDialog::options() const
{
    Host::EmbeddedHost::Options o;
    o.port = quint16(m_port->value());
    o.reach = m_reach->currentIndex() == 1 ? Host::EmbeddedHost::Reach::LocalNetwork
                                           : Host::EmbeddedHost::Reach::ThisComputer;
    o.password = m_password->text();
    o.readOnlyPassword = m_readOnlyPassword->text();
    o.tls = m_tls->isChecked();
    o.dataFolder = m_dataFolder->text().trimmed();
    o.limits.allowedOrigins = allowedOrigins();
    // The host's own web page (and with it its origin) only when the user lets browsers in.
    o.limits.serveWebEditor = m_browsers->isChecked();
    return o;
}

QStringList HostDialog::allowedOrigins(QString *invalid) const
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    QStringList out;
    for (const QString &o : m_origins->text().split(separators, Qt::SkipEmptyParts)) {
        if (Host::OriginPolicy::normalise(o).isEmpty()) {
            if (invalid && invalid->isEmpty()) {
                *invalid = o;
            }
            continue;
        }
        out.append(o);
    }
    return out;
}

QList<EditorTab *> HostDialog::sharedTabs() const
{
    QList<EditorTab *> out;
    for (int i = 0; i < m_tabs.size(); ++i) {
        if (m_tabs[i] && m_documents->item(i)->checkState() == Qt::Checked) {
            out << m_tabs[i];
        }
    }
    return out;
}

void HostDialog::updateState()
{
    const auto state = m_host ? m_host->state() : Host::EmbeddedHost::State::Stopped;
    const bool running = state == Host::EmbeddedHost::State::Running;
    const bool stopped = state == Host::EmbeddedHost::State::Stopped;
    for (QWidget *w : { static_cast<QWidget *>(m_port), static_cast<QWidget *>(m_reach),
                        static_cast<QWidget *>(m_password),
                        static_cast<QWidget *>(m_readOnlyPassword), static_cast<QWidget *>(m_tls),
                        static_cast<QWidget *>(m_documents), static_cast<QWidget *>(m_dataFolder),
                        static_cast<QWidget *>(m_origins), static_cast<QWidget *>(m_browsers) }) {
        w->setEnabled(stopped);
    }
    m_start->setEnabled(stopped);
    m_stop->setEnabled(running);
    m_inviteRow->setVisible(running);
    m_webRow->setVisible(running && m_host->options().limits.serveWebEditor);
    if (running) {
        m_invite->setText(m_host->inviteUrl().toString());
        m_invite->setCursorPosition(0); // the host and port matter most: show the start
        const auto link = Protocol::InviteLink::parse(m_host->inviteUrl().toString()).link;
        m_webLink->setText(link.webEditorUrl().toString());
        m_webLink->setCursorPosition(0);
        m_status->setText(m_host->fingerprint().isEmpty()
                              ? tr("Hosting on port %1 without encryption.").arg(m_host->port())
                              : tr("Hosting on port %1. Certificate fingerprint (SHA-256): %2")
                                    .arg(m_host->port())
                                    .arg(m_host->fingerprint()));
    } else if (state == Host::EmbeddedHost::State::Stopping) {
        m_status->setText(tr("Stopping: everyone is told the host is leaving…"));
    }
}

} // namespace Chorus::App
