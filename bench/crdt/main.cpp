// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// chorus-bench-crdt TRACE.json.gz [--runs N]: start-up only; the measuring is in TraceBench.
#include "editingtrace.h"
#include "tracebench.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QString file;
    int runs = 5;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--runs") && i + 1 < args.size()) {
            runs = qMax(1, args.at(++i).toInt());
        } else if (file.isEmpty() && !args.at(i).startsWith(QLatin1Char('-'))) {
            file = args.at(i);
        } else {
            file.clear();
            break;
        }
    }
    if (file.isEmpty()) {
        std::fputs("usage: chorus-bench-crdt TRACE.json.gz [--runs N]\n", stderr);
        return 2;
    }
    Chorus::Crdt::Traces::EditingTrace trace;
    QString error;
    if (!trace.load(file, &error)) {
        std::fprintf(stderr, "chorus-bench-crdt: %s\n", qPrintable(error));
        return 1;
    }
    Chorus::Bench::TraceBench bench(trace);
    const QJsonObject result = bench.run(runs);
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
    return result.value(QLatin1String("endContentMatches")).toBool() ? 0 : 1;
}
