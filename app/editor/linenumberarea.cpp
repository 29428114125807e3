// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/editor/linenumberarea.h"

#include "app/editor/codeeditor.h"

namespace Chorus::App {

LineNumberArea::LineNumberArea(CodeEditor *editor)
    : QWidget(editor)
    , m_editor(editor)
{ }

QSize LineNumberArea::sizeHint() const
{
    return { m_editor->lineNumberAreaWidth(), 0 };
}

void LineNumberArea::paintEvent(QPaintEvent *event)
{
    m_editor->paintLineNumbers(event);
}

} // namespace Chorus::App
