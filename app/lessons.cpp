#include "lessons.h"

#include "common/eventtext.h"
#include "project/projectfile.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace ms {

namespace Lessons {

namespace {

QString bundledDirectory(const char *variable, const QString &name)
{
    const QString fromEnvironment = qEnvironmentVariable(variable);
    if (!fromEnvironment.isEmpty())
        return QDir(fromEnvironment).exists() ? QDir(fromEnvironment).absolutePath() : QString();
    const QDir beside(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/mapperscope/") + name);
    return beside.exists() ? beside.absolutePath() : QString();
}

} // namespace

QString lessonsDirectory()
{
    return bundledDirectory("MAPPERSCOPE_LESSONS", QStringLiteral("lessons"));
}

QString examplesDirectory()
{
    return bundledDirectory("MAPPERSCOPE_EXAMPLES", QStringLiteral("examples"));
}

QList<Entry> entries(const QString &directory, const QString &language)
{
    QList<Entry> out;
    if (directory.isEmpty())
        return out;
    const QDir dir(directory);
    const QStringList files = dir.entryList({QStringLiteral("*.msproj")}, QDir::Files, QDir::Name);
    const QString suffix = QLatin1Char('_') + language;
    for (const QString &file : files) {
        const QString base = QFileInfo(file).completeBaseName();
        // `name_ru.msproj` beside `name.msproj` is a translation, taken with its original.
        const bool translated = base.size() > 3 && base.at(base.size() - 3) == QLatin1Char('_')
            && files.contains(base.left(base.size() - 3) + QStringLiteral(".msproj"));
        if (translated)
            continue;
        const QString own = base + suffix + QStringLiteral(".msproj");
        const QString chosen = language != QLatin1String("en") && files.contains(own) ? own : file;
        const QString path = dir.filePath(chosen);
        const auto project = ProjectFile::read(path);
        if (!project.ok())
            continue;
        out.append({path, project->name.isEmpty() ? QFileInfo(chosen).completeBaseName() : project->name,
                    project->description});
    }
    return out;
}

} // namespace Lessons

LessonsDialog::LessonsDialog(QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_description(new QTextBrowser(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Open Lesson"));
    setObjectName(QStringLiteral("LessonsDialog"));
    const QString language = interfaceLanguage();
    auto addGroup = [this](const QString &title, const QList<Lessons::Entry> &entries) {
        if (entries.isEmpty())
            return;
        auto *header = new QListWidgetItem(title, m_list);
        QFont bold = header->font();
        bold.setBold(true);
        header->setFont(bold);
        header->setFlags(Qt::ItemIsEnabled); // not selectable
        for (const Lessons::Entry &e : entries) {
            auto *item = new QListWidgetItem(e.name, m_list);
            item->setData(Qt::UserRole, e.path);
            item->setData(Qt::UserRole + 1, e.description);
            item->setToolTip(QDir::toNativeSeparators(e.path));
        }
    };
    addGroup(tr("Lessons"), Lessons::entries(Lessons::lessonsDirectory(), language));
    addGroup(tr("Examples"), Lessons::entries(Lessons::examplesDirectory(), language));
    if (m_list->count() == 0)
        m_description->setPlainText(
            tr("No lessons were found. They are installed in share/mapperscope/lessons beside the "
               "program's folder; the environment variable MAPPERSCOPE_LESSONS can name another folder."));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_description);
    splitter->setStretchFactor(1, 1);
    m_list->setMinimumWidth(fontMetrics().averageCharWidth() * 46);
    m_description->setOpenLinks(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Each lesson is a project with scenarios to play and listeners "
                                    "that pause or change the session. Opening one replaces the "
                                    "open project."),
                                 this));
    layout->addWidget(splitter, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentItemChanged, this, &LessonsDialog::showCurrent);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (!item->data(Qt::UserRole).toString().isEmpty())
            accept();
    });
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->flags() & Qt::ItemIsSelectable) {
            m_list->setCurrentRow(i);
            break;
        }
    }
    showCurrent();
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 26);
}

QString LessonsDialog::chosenPath() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void LessonsDialog::showCurrent()
{
    const QString path = chosenPath();
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(!path.isEmpty());
    if (path.isEmpty())
        return;
    const QListWidgetItem *item = m_list->currentItem();
    const QString description = item->data(Qt::UserRole + 1).toString();
    m_description->setPlainText(description.isEmpty() ? tr("(This project has no description.)")
                                                       : item->text() + QStringLiteral("\n\n") + description);
}

DescriptionBar::DescriptionBar(QWidget *parent)
    : NoticeBar(QStringLiteral("descriptionBar"), QColor(0xe8, 0xf1, 0xfb), Qt::black,
                QStyle::SP_MessageBoxInformation, parent)
{
    label()->setTextFormat(Qt::PlainText);
    m_more = new QToolButton(this);
    m_more->setText(tr("&More..."));
    m_more->setToolTip(tr("The whole description"));
    connect(m_more, &QToolButton::clicked, this, [this] {
        QMessageBox box(QMessageBox::Information, m_name.isEmpty() ? tr("About This Project") : m_name,
                        m_description, QMessageBox::Close, this);
        box.exec();
    });
    addButton(m_more);
    auto *close = new QToolButton(this);
    close->setText(tr("&Hide"));
    close->setToolTip(tr("Hide the project's description (Help > About This Project shows it again)"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    addButton(close);
    hide();
}

void DescriptionBar::showDescription(const QString &name, const QString &description)
{
    if (description.trimmed().isEmpty()) {
        hide();
        return;
    }
    // The first paragraph in the bar (a few lines above the pages), the
    // whole text behind More.
    m_name = name;
    m_description = description.trimmed();
    const QString first = m_description.section(QStringLiteral("\n\n"), 0, 0).trimmed();
    label()->setText(name.isEmpty() ? first : name + QStringLiteral(": ") + first);
    label()->setToolTip(m_description);
    m_more->setVisible(first != m_description);
    show();
}

} // namespace ms
