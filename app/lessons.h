#pragma once

#include "session/noticebar.h"

#include <QDialog>
#include <QList>
#include <QString>

class QListWidget;
class QTextBrowser;
class QDialogButtonBox;
class QToolButton;

namespace ms {

/// The bundled lessons and examples: projects with scenarios, listeners and
/// a description, in English and Russian (`name.msproj`, `name_ru.msproj`).
namespace Lessons {

struct Entry
{
    QString path;
    QString name;        ///< the project's name, else the file's
    QString description; ///< the project's description
};

/// The folder of the lessons: $MAPPERSCOPE_LESSONS, else
/// `share/mapperscope/lessons` beside the executable's folder (where
/// `cmake --install` and the build put them). Empty when there is none.
QString lessonsDirectory();
/// The bundled examples, the same way ($MAPPERSCOPE_EXAMPLES, `share/mapperscope/examples`).
QString examplesDirectory();
/// The projects in @p directory for @p language: "ru" takes `name_ru.msproj`
/// where there is one and `name.msproj` otherwise; any other language the
/// files without a language suffix. In file-name order (the lessons are
/// numbered). Unreadable files are left out.
QList<Entry> entries(const QString &directory, const QString &language);

} // namespace Lessons

/// File > Open Lesson: the lessons and the examples, each with its
/// description; Open (or a double click) chooses one.
class LessonsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LessonsDialog(QWidget *parent = nullptr);
    /// The chosen project's path; empty when nothing is chosen.
    QString chosenPath() const;
    QListWidget *list() const { return m_list; }
    QTextBrowser *description() const { return m_description; }

private:
    void showCurrent();

    QListWidget *m_list;
    QTextBrowser *m_description;
    QDialogButtonBox *m_buttons;
};

/// Above the designer and the session: the open project's description
/// (a lesson's "what to watch"), until it is closed.
class DescriptionBar : public NoticeBar
{
    Q_OBJECT
public:
    explicit DescriptionBar(QWidget *parent = nullptr);
    /// Shows @p name and @p description; hides the bar when @p description is empty.
    void showDescription(const QString &name, const QString &description);

private:
    QToolButton *m_more;
    QString m_name;
    QString m_description;
};

} // namespace ms
