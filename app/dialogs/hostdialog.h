// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/embeddedhost.h"

#include <QDialog>
#include <QList>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace Chorus::App {

class EditorTab;

// Session → Host…: port, who can reach the session (this computer only, or the local network),
// the password (and an optional read-only password for guests who may only watch), TLS (on by
// default for the local network), which open documents to share and the data folder. Start
// hands the choices to the SessionController; while hosting the dialog shows the invite link
// with a Copy button (and, when browser guests are allowed, the link to the host's web editor)
// and a Stop hosting button. Defaults come from AppSettings' host options.
// GUI thread only.
class HostDialog : public QDialog
{
    Q_OBJECT
public:
    HostDialog(Host::EmbeddedHost *host, const QList<EditorTab *> &tabs, QWidget *parent = nullptr);

    Host::EmbeddedHost::Options options() const;
    QList<EditorTab *> sharedTabs() const;

    QSpinBox *portBox() const { return m_port; }
    QComboBox *reachBox() const { return m_reach; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *readOnlyPasswordEdit() const { return m_readOnlyPassword; }
    QCheckBox *tlsBox() const { return m_tls; }
    QListWidget *documentList() const { return m_documents; }
    QLineEdit *dataFolderEdit() const { return m_dataFolder; }
    QLineEdit *originsEdit() const { return m_origins; }
    QCheckBox *browsersBox() const { return m_browsers; }
    QLineEdit *webLinkEdit() const { return m_webLink; } // http(s)://… while hosting
    QLineEdit *inviteEdit() const { return m_invite; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void startRequested();
    void stopRequested();

private:
    void updateState();
    // The web pages allowed to connect, as typed (spaces or commas between them); the first
    // one that is no http(s) origin in `invalid`.
    QStringList allowedOrigins(QString *invalid = nullptr) const;

    QPointer<Host::EmbeddedHost> m_host;
    QList<QPointer<EditorTab>> m_tabs;
    QSpinBox *m_port;
    QComboBox *m_reach;
    QLineEdit *m_password;
    QLineEdit *m_readOnlyPassword;
    QCheckBox *m_tls;
    QListWidget *m_documents;
    QLineEdit *m_dataFolder;
    QLineEdit *m_origins;
    QCheckBox *m_browsers;
    QLineEdit *m_webLink;
    QWidget *m_webRow;
    QLineEdit *m_invite;
    QPushButton *m_copy;
    QPushButton *m_start;
    QPushButton *m_stop;
    QLabel *m_status;
    QWidget *m_inviteRow;
};

} // namespace Chorus::App
