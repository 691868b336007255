#include "exporter.h"

#include "document/projectdocument.h"
#include "events/eventlog.h"
#include "orm/registry.h"
#include "project/sqlalchemyexport.h"
#include "project/tracewriter.h"
#include "teaching/report.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMainWindow>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStatusBar>

namespace ms {

Exporter::Exporter(QMainWindow *window, EventLog *log, TimelineView *timeline, ProjectDocument *doc)
    : QObject(window)
    , m_window(window)
    , m_log(log)
    , m_timeline(timeline)
    , m_doc(doc)
{
}

Result<void> Exporter::exportTo(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const EventLog &log = *m_log;
    if (suffix == QLatin1String("png") || suffix == QLatin1String("pdf")) {
        QString error;
        if (!m_timeline->exportTo(path, &error))
            return Error {error, path};
        return {};
    }
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        m_timeline->flushPending();
        const QImage picture = m_timeline->toImage(1400, 500, true);
        return Report::write(path, log, picture, m_doc->displayName());
    }
    if (suffix == QLatin1String("py") || suffix == QLatin1String("sql")) {
        // the project (model, listeners, scenarios), not the session's events
        const Project &project = m_doc->project();
        QByteArray text;
        if (suffix == QLatin1String("py")) {
            if (auto mapped = Registry().map(project.schema); !mapped)
                return Error {tr("the model cannot be exported while it has problems: %1")
                                  .arg(mapped.error().message),
                              path};
            const QString source = m_doc->path().isEmpty() ? QString() : QFileInfo(m_doc->path()).fileName();
            text = SqlAlchemyExport::module(project, source, QFileInfo(path).fileName()).toUtf8();
        } else {
            const auto statements = Registry::createStatementsFor(project.schema, project.database.driver,
                                                                  project.session.orm == Orm::Ming);
            if (!statements)
                return Error {statements.error().message, path};
            text = (statements->join(QStringLiteral(";\n\n")) + QStringLiteral(";\n")).toUtf8();
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
            return Error {file.errorString(), path};
        return {};
    }
    if (suffix != QLatin1String("jsonl") && suffix != QLatin1String("csv"))
        return Error {tr("unknown kind of export \".%1\": use .jsonl, .csv, .html, .png, .pdf, .py or "
                         ".sql")
                          .arg(suffix),
                      path};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return Error {file.errorString(), path};
    const Result<void> written = suffix == QLatin1String("csv") ? TraceWriter::writeCsv(log, &file)
                                                                : TraceWriter::write(log, &file);
    if (!written)
        return Error {written.error().message, path};
    if (!file.commit())
        return Error {file.errorString(), path};
    return {};
}

void Exporter::choose(const QString &suffix)
{
    const QStringList filters = tr("Report to hand out, HTML (*.html);;Event trace, JSON Lines "
                                   "(*.jsonl);;Event trace, CSV (*.csv);;Timeline, PNG (*.png);;"
                                   "Timeline, PDF (*.pdf);;SQLAlchemy program, Python (*.py);;"
                                   "Tables, SQL DDL (*.sql)")
                                    .split(QStringLiteral(";;"));
    QString filter = filters.first();
    for (const QString &f : filters)
        if (f.endsWith(QStringLiteral("(*.%1)").arg(suffix)))
            filter = f;
    const QString start = QDir::home().filePath(m_doc->displayName() + QLatin1Char('.') + suffix);
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export"), start,
                                                filters.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    // a name typed without its ending takes the chosen kind's
    if (QFileInfo(path).suffix().isEmpty()) {
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("\\*(\\.[a-z]+)\\)")).match(filter);
        if (m.hasMatch())
            path += m.captured(1);
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Result<void> r = exportTo(path);
    QApplication::restoreOverrideCursor();
    if (!r)
        QMessageBox::warning(m_window, tr("Cannot Export"), r.error().toString());
    else
        m_window->statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)),
                                           5000);
}

} // namespace ms
