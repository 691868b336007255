#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace ms {

/// "Query [class] where [filters] Load": loads the objects of a class that
/// match equality filters typed as `name=alice, id=2`. A widget given to
/// the constructor (the session's switches) ends the row.
class QueryBar : public QWidget
{
    Q_OBJECT
public:
    explicit QueryBar(QWidget *trailing, QWidget *parent = nullptr);

    /// The classes to choose from (none: the bar has nothing to query).
    void setClasses(const QStringList &classNames);
    QString currentClass() const;
    void setCurrentClass(const QString &className);
    /// Load (and Return in the filters) is offered only while enabled.
    void setQueryEnabled(bool enabled);

Q_SIGNALS:
    /// Load was clicked, or Return pressed in the filters.
    void queryRequested(const QString &className, const QString &filters);

private:
    void request();

    QComboBox *m_class;
    QLineEdit *m_filters;
    QPushButton *m_load;
};

} // namespace ms
