// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/window/participantspanel.h"

#include "app/session/collaboration.h"

#include <QHeaderView>
#include <QPainter>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Chorus::App {

namespace {

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(color);
    painter.setPen(color.darker(130));
    painter.drawEllipse(QRectF(0.5, 0.5, 11, 11));
    return QIcon(pixmap);
}

} // namespace

ParticipantsPanel::ParticipantsPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({ tr("Name"), tr("Document"), QString() });
    m_list->setRootIsDecorated(false);
    setMinimumWidth(300);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    rebuild();
}

void ParticipantsPanel::setCollaboration(Collaboration *collaboration)
{
    if (m_collaboration == collaboration) {
        return;
    }
    if (m_collaboration) {
        m_collaboration->disconnect(this);
    }
    m_collaboration = collaboration;
    if (collaboration != nullptr) {
        connect(collaboration, &Collaboration::participantsChanged, this,
                &ParticipantsPanel::rebuild);
        // Queued: the Follow button that caused the change must not be deleted inside its own
        // toggled() signal.
        connect(collaboration, &Collaboration::followingChanged, this, &ParticipantsPanel::rebuild,
                Qt::QueuedConnection);
    }
    rebuild();
}

void ParticipantsPanel::rebuild()
{
    m_list->clear();
    if (!m_collaboration) {
        auto *item = new QTreeWidgetItem(m_list, { tr("Not in a session") });
        item->setDisabled(true);
        return;
    }
    auto *me = new QTreeWidgetItem(
        m_list,
        { tr("%1 (you)").arg(m_collaboration->userName()), m_collaboration->documentName() });
    me->setIcon(0, swatch(m_collaboration->userColor()));
    const auto people = m_collaboration->participants();
    for (const auto &p : people) {
        auto *item = new QTreeWidgetItem(m_list, { p.name, p.document });
        item->setIcon(0, swatch(p.color));
        item->setData(0, Qt::UserRole, p.clientId);
        auto *follow = new QPushButton(tr("Follow"), m_list);
        follow->setCheckable(true);
        follow->setChecked(m_collaboration->followed() == p.clientId);
        follow->setEnabled(p.hasCursor);
        const quint64 id = p.clientId;
        connect(follow, &QPushButton::toggled, this, [this, id](bool on) {
            if (m_collaboration) {
                m_collaboration->follow(on ? id : 0);
            }
        });
        m_list->setItemWidget(item, 2, follow);
    }
}

} // namespace Chorus::App
