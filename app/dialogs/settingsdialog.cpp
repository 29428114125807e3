// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dialogs/settingsdialog.h"

#include "app/appsettings.h"
#include "app/session/hostdefaults.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Chorus::App {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(AppSettings::userName(), this))
    , m_colorButton(new QPushButton(this))
    , m_color(AppSettings::userColor())
    , m_font(new QFontComboBox(this))
    , m_fontSize(new QSpinBox(this))
    , m_theme(new QComboBox(this))
    , m_port(new QSpinBox(this))
    , m_localNetwork(new QCheckBox(tr("Reachable from the local network"), this))
    , m_tls(new QCheckBox(tr("Encrypt with TLS"), this))
    , m_dataFolder(new QLineEdit(this))
{
    setWindowTitle(tr("Settings"));
    connect(m_colorButton, &QPushButton::clicked, this, [this] {
        const QColor color = QColorDialog::getColor(m_color, this, tr("Your Colour"));
        if (color.isValid()) {
            m_color = color;
            showColor();
        }
    });
    showColor();
    const QFont font = AppSettings::editorFont();
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(font);
    m_fontSize->setRange(6, 72);
    m_fontSize->setValue(font.pointSize() > 0 ? font.pointSize() : 10);
    m_theme->addItems({ tr("Follow the System"), tr("Light"), tr("Dark") });
    m_theme->setCurrentIndex(int(AppSettings::theme()));
    const HostDefaults host = HostDefaults::load();
    m_port->setRange(1, 65535);
    m_port->setValue(host.port);
    m_localNetwork->setChecked(host.localNetwork);
    m_tls->setChecked(host.tls);
    m_dataFolder->setText(host.dataFolder);

    auto *you = new QGroupBox(tr("You and the Editor"), this);
    auto *youForm = new QFormLayout(you);
    youForm->addRow(tr("&Name:"), m_name);
    youForm->addRow(tr("&Colour:"), m_colorButton);
    youForm->addRow(tr("&Font:"), m_font);
    youForm->addRow(tr("Font &size:"), m_fontSize);
    youForm->addRow(tr("&Theme:"), m_theme);
    auto *hosting = new QGroupBox(tr("Hosting Defaults"), this);
    auto *hostForm = new QFormLayout(hosting);
    hostForm->addRow(tr("&Port:"), m_port);
    hostForm->addRow(QString(), m_localNetwork);
    hostForm->addRow(QString(), m_tls);
    hostForm->addRow(tr("&Data folder:"), m_dataFolder);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(you);
    layout->addWidget(hosting);
    layout->addWidget(buttons);
}

void SettingsDialog::showColor()
{
    m_colorButton->setText(m_color.name());
    m_colorButton->setStyleSheet(
        QStringLiteral("background:%1; color:%2")
            .arg(m_color.name(),
                 m_color.lightness() > 128 ? QStringLiteral("black") : QStringLiteral("white")));
}

void SettingsDialog::apply() const
{
    if (!m_name->text().trimmed().isEmpty()) {
        AppSettings::setUserName(m_name->text().trimmed());
    }
    AppSettings::setUserColor(m_color);
    QFont font = m_font->currentFont();
    font.setPointSize(m_fontSize->value());
    AppSettings::setEditorFont(font);
    AppSettings::setTheme(AppSettings::Theme(m_theme->currentIndex()));
    HostDefaults host;
    host.port = m_port->value();
    host.localNetwork = m_localNetwork->isChecked();
    host.tls = m_tls->isChecked();
    host.dataFolder = m_dataFolder->text().trimmed();
    host.save();
}

} // namespace Chorus::App
