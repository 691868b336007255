#pragma once

#include "core/result.h"
#include "project/project.h"

#include <QDateTime>
#include <QObject>

#include <memory>

class QLockFile;
class QTimer;

namespace ms {

class ProjectDocument;

/// Autosave and crash recovery for one open document. While the document
/// has unsaved changes, it is written every interval (60 s by default) to a
/// recovery file of its own in @p directory: `<id>.msproj`, with `<id>.json`
/// naming the file it came from, and `<id>.lock` held while this object lives.
/// A clean close removes all three (discard()); after a crash they stay, the
/// lock goes stale, and orphans() lists them at the next start.
class Recovery : public QObject
{
    Q_OBJECT
public:
    explicit Recovery(ProjectDocument *doc, const QString &directory = defaultDirectory(),
                      QObject *parent = nullptr);
    ~Recovery() override;

    static QString defaultDirectory();

    void setInterval(int milliseconds);
    int interval() const;
    /// The recovery file this document autosaves to (it may not exist yet).
    QString file() const;
    /// Writes the recovery file now when there are unsaved changes since the
    /// last write; removes it when the document has none.
    Result<void> autosave();
    /// Removes this document's recovery files (a clean close, or a save).
    void discard();

    /// A recovery left behind by a window that did not close cleanly.
    struct Entry
    {
        QString id;
        QString file; ///< the recovered project
        QString originalPath; ///< where it was opened from; empty when untitled
        QDateTime saved;
    };
    static QList<Entry> orphans(const QString &directory = defaultDirectory());
    static Result<Project> load(const Entry &entry);
    static void remove(const Entry &entry);

Q_SIGNALS:
    /// An autosave could not be written: the message says why.
    void failed(const QString &message);
    /// The unsaved changes were written to the recovery file (file()).
    void autosaved();

private:
    void documentChanged();
    void discardFile();

    ProjectDocument *m_doc;
    QString m_directory;
    QString m_id;
    QTimer *m_timer;
    std::unique_ptr<QLockFile> m_lock;
    bool m_changedSinceWrite = false;
};

} // namespace ms
