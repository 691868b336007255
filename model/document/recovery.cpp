#include "recovery.h"

#include "core/writeall.h"

#include "document/projectdocument.h"
#include "project/projectfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>
#include <QUuid>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Recovery)
};

QString pathOf(const QString &dir, const QString &id, const char *suffix)
{
    return dir + QLatin1Char('/') + id + QLatin1String(suffix);
}

} // namespace

Recovery::Recovery(ProjectDocument *doc, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_directory(directory)
    , m_id(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_timer(new QTimer(this))
{
    QDir().mkpath(m_directory);
    m_lock = std::make_unique<QLockFile>(pathOf(m_directory, m_id, ".lock"));
    m_lock->tryLock(0);
    m_timer->setInterval(60 * 1000);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (auto r = autosave(); !r)
            Q_EMIT failed(r.error().message);
    });
    m_timer->start();
    connect(doc->undoStack(), &QUndoStack::indexChanged, this, &Recovery::documentChanged);
    connect(doc, &ProjectDocument::projectReset, this, &Recovery::documentChanged);
    connect(doc, &ProjectDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            discardFile();
    });
}

Recovery::~Recovery() = default;

QString Recovery::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
        + QStringLiteral("/recovery");
}

void Recovery::setInterval(int milliseconds)
{
    m_timer->start(milliseconds);
}

int Recovery::interval() const
{
    return m_timer->interval();
}

QString Recovery::file() const
{
    return pathOf(m_directory, m_id, ".msproj");
}

void Recovery::documentChanged()
{
    m_changedSinceWrite = true;
}

Result<void> Recovery::autosave()
{
    if (!m_doc->isModified()) {
        discardFile();
        return {};
    }
    if (!m_changedSinceWrite)
        return {};
    if (auto written = ProjectFile::write(m_doc->project(), file()); !written)
        return Error {Tr::tr("The recovery file %1 could not be written: %2")
                          .arg(QDir::toNativeSeparators(file()), written.error().message),
                      {}};
    QSaveFile meta(pathOf(m_directory, m_id, ".json"));
    const QJsonObject o {
        {QStringLiteral("path"), m_doc->path()},
        {QStringLiteral("saved"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    if (!meta.open(QIODevice::WriteOnly | QIODevice::Unbuffered)
        || !writeAll(&meta, QJsonDocument(o).toJson()) || !meta.commit())
        return Error {Tr::tr("The recovery file %1 could not be written: %2")
                          .arg(QDir::toNativeSeparators(meta.fileName()), meta.errorString()),
                      {}};
    m_changedSinceWrite = false;
    Q_EMIT autosaved();
    return {};
}

void Recovery::discardFile()
{
    QFile::remove(file());
    QFile::remove(pathOf(m_directory, m_id, ".json"));
    m_changedSinceWrite = m_doc->isModified();
}

void Recovery::discard()
{
    discardFile();
    m_lock->unlock();
}

QList<Recovery::Entry> Recovery::orphans(const QString &directory)
{
    QList<Entry> entries;
    const QDir dir(directory);
    const QFileInfoList files
        = dir.entryInfoList({QStringLiteral("*.msproj")}, QDir::Files, QDir::Time);
    for (const QFileInfo &info : files) {
        const QString id = info.completeBaseName();
        // A live window holds its lock; a crashed one's lock is stale and
        // taken here (and let go again at once).
        QLockFile lock(pathOf(directory, id, ".lock"));
        if (!lock.tryLock(0))
            continue;
        lock.unlock();
        Entry e {id, info.absoluteFilePath(), {}, info.lastModified()};
        QFile meta(pathOf(directory, id, ".json"));
        if (meta.open(QIODevice::ReadOnly)) {
            const QJsonObject o = QJsonDocument::fromJson(meta.readAll()).object();
            e.originalPath = o.value(QLatin1String("path")).toString();
            const QDateTime saved
                = QDateTime::fromString(o.value(QLatin1String("saved")).toString(), Qt::ISODate);
            if (saved.isValid())
                e.saved = saved;
        }
        entries.append(e);
    }
    return entries;
}

Result<Project> Recovery::load(const Entry &entry)
{
    return ProjectFile::read(entry.file);
}

void Recovery::remove(const Entry &entry)
{
    const QString dir = QFileInfo(entry.file).absolutePath();
    QFile::remove(entry.file);
    QFile::remove(pathOf(dir, entry.id, ".json"));
    QFile::remove(pathOf(dir, entry.id, ".lock"));
}

} // namespace ms
