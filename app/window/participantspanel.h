// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QTreeWidget;

namespace Chorus::App {

class Collaboration;

// The side panel listing who is in the current tab's session: you first, then each peer with
// their colour, name and document, and a Follow button (following stops when you type).
// Shows the collaboration it is given; GUI thread only.
class ParticipantsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ParticipantsPanel(QWidget *parent = nullptr);

    void setCollaboration(Collaboration *collaboration);
    QTreeWidget *list() const { return m_list; }

private:
    void rebuild();

    QTreeWidget *m_list;
    QPointer<Collaboration> m_collaboration;
};

} // namespace Chorus::App
