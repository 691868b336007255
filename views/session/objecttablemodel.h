#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <vector>

namespace ms {

class Instance;
class Mapper;
class SessionController;

/// The objects of one mapped class that the session knows (identity map,
/// new, deleted) and those the user created and did not add yet: label,
/// state (colour, icon, text) and the attributes' in-memory values, with
/// modified attributes in bold (the old value in the tooltip) and expired
/// ones in grey italics. Reading a cell never loads anything: the table
/// shows what the session holds, not what a read would fetch.
///
/// Editing a cell assigns the attribute through the SessionController (a
/// `set` step). Rows are only ever appended (the session keeps every object
/// it made), and a change is one dataChanged() over the table, never a reset.
class ObjectTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Label, State, FirstAttribute };
    ObjectTableModel(SessionController *controller, const Mapper *mapper,
                     QObject *parent = nullptr);

    const Mapper *mapper() const { return m_mapper; }
    Instance *objectAt(int row) const;
    int rowOf(const Instance *object) const;
    /// Appends the session's new objects of this class and repaints the rest.
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant attributeData(const Instance *o, int attr, int role) const;
    /// A many-to-one's choices: None and the labels of the session's objects
    /// of class @p targetIndex, or (@p texts) what the picker shows for
    /// each: the label, the key, and a unique or text column ("User#1 alice").
    QStringList manyToOneChoices(int targetIndex, bool texts) const;

    QPointer<SessionController> m_controller;
    const Mapper *m_mapper;
    std::vector<Instance *> m_rows;
    QHash<const Instance *, int> m_rowOf;
    int m_scanned = 0; ///< session objects (by id) already looked at
};

} // namespace ms
