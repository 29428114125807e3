// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QDialog>

class QCheckBox;
class QComboBox;
class QFontComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Chorus::App {

// Settings…: the name and colour others see, the editor font and theme (AppSettings), and the
// Host dialog's defaults (HostDefaults). Nothing is stored until apply(). GUI thread only.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    void apply() const;
    QLineEdit *nameEdit() const { return m_name; }

private:
    void showColor();

    QLineEdit *m_name;
    QPushButton *m_colorButton;
    QColor m_color;
    QFontComboBox *m_font;
    QSpinBox *m_fontSize;
    QComboBox *m_theme;
    QSpinBox *m_port;
    QCheckBox *m_localNetwork;
    QCheckBox *m_tls;
    QLineEdit *m_dataFolder;
};

} // namespace Chorus::App
