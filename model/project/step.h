#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <optional>
#include <variant>

namespace ms {

/// An object named by its label in a step's value: `{"ref": "u1"}` in the
/// file. The runner finds the object when the step plays.
struct LabelRef
{
    QString label;
    bool operator==(const LabelRef &) const = default;
};

/// The operations of a scenario step (docs/project-format.md, "Scenario steps"), one
/// struct each, with the fields the operation takes. Objects are named by
/// their labels (`ref`, `item`); a value is a QVariant holding a column
/// value (as the user typed it, or as JSON reads it), a LabelRef, a list of
/// LabelRefs (a collection), or null. Optional fields remember whether the
/// file had them, so that a file reads and writes back the same.
namespace steps {

/// Constructs a transient object of @c className labelled @c label.
struct New
{
    QString className;
    QString label;
    std::optional<QVariantMap> values;
    bool operator==(const New &) const = default;
};
/// session.add()
struct Add
{
    QString ref;
    bool operator==(const Add &) const = default;
};
/// Assigns an attribute.
struct Set
{
    QString ref;
    QString attr;
    QVariant value;
    bool operator==(const Set &) const = default;
};
/// Reads an attribute (may load expired state or a lazy collection).
struct Read
{
    QString ref;
    QString attr;
    bool operator==(const Read &) const = default;
};
/// Appends @c item to the one-to-many @c attr of @c ref.
struct Append
{
    QString ref;
    QString attr;
    QString item;
    bool operator==(const Append &) const = default;
};
/// Removes @c item from the one-to-many @c attr of @c ref.
struct Remove
{
    QString ref;
    QString attr;
    QString item;
    bool operator==(const Remove &) const = default;
};
/// session.delete()
struct Delete
{
    QString ref;
    bool operator==(const Delete &) const = default;
};
struct Flush
{
    bool operator==(const Flush &) const = default;
};
struct Commit
{
    bool operator==(const Commit &) const = default;
};
struct Rollback
{
    bool operator==(const Rollback &) const = default;
};
struct Close
{
    bool operator==(const Close &) const = default;
};
/// session.expire(): @c attrs, or every attribute when absent.
struct Expire
{
    QString ref;
    std::optional<QStringList> attrs;
    bool operator==(const Expire &) const = default;
};
/// session.refresh(): @c attrs, or every attribute when absent.
struct Refresh
{
    QString ref;
    std::optional<QStringList> attrs;
    bool operator==(const Refresh &) const = default;
};
/// session.expunge()
struct Expunge
{
    QString ref;
    bool operator==(const Expunge &) const = default;
};
/// session.expire_all()
struct ExpireAll
{
    bool operator==(const ExpireAll &) const = default;
};
/// session.expunge_all()
struct ExpungeAll
{
    bool operator==(const ExpungeAll &) const = default;
};
/// session.begin_nested(): a savepoint.
struct BeginNested
{
    bool operator==(const BeginNested &) const = default;
};
/// session.get_nested_transaction().commit(): the innermost savepoint released.
struct CommitNested
{
    bool operator==(const CommitNested &) const = default;
};
/// session.get_nested_transaction().rollback(): back to the innermost savepoint.
struct RollbackNested
{
    bool operator==(const RollbackNested &) const = default;
};
/// sqlalchemy.orm.make_transient()
struct MakeTransient
{
    QString ref;
    bool operator==(const MakeTransient &) const = default;
};
/// sqlalchemy.orm.make_transient_to_detached()
struct MakeTransientToDetached
{
    QString ref;
    bool operator==(const MakeTransientToDetached &) const = default;
};
/// session.merge(): a copy of @c ref's state in the session (its object
/// found in the identity map, loaded by a SELECT, or made new); with
/// @c load false (load=False) no SELECT and no events on the copy.
struct Merge
{
    QString ref;
    std::optional<bool> load;
    bool operator==(const Merge &) const = default;
};
/// session.get(): by primary key, the identity map first.
struct Get
{
    QString className;
    QVariant id;
    bool operator==(const Get &) const = default;
};
/// A query with equality filters (values as a step's values); @c options
/// names a loading strategy for relationships of the class (SQLAlchemy's
/// joinedload(), selectinload(), ...: relationship name -> strategy name).
struct Query
{
    QString className;
    std::optional<QVariantMap> where;
    std::optional<QString> orderBy;
    std::optional<QVariantMap> options;
    /// Query.populate_existing(): objects already in the session take the
    /// rows' values.
    std::optional<bool> populateExisting;
    bool operator==(const Query &) const = default;
};
/// UPDATE ... WHERE outside the unit of work; @c values are plain column values.
struct BulkUpdate
{
    QString className;
    std::optional<QVariantMap> where;
    QVariantMap values;
    /// false: synchronize_session=False, the objects in the session are
    /// left as they are (absent: 'evaluate').
    std::optional<bool> synchronize;
    bool operator==(const BulkUpdate &) const = default;
};
/// DELETE ... WHERE outside the unit of work.
struct BulkDelete
{
    QString className;
    std::optional<QVariantMap> where;
    std::optional<bool> synchronize; ///< as BulkUpdate's
    bool operator==(const BulkDelete &) const = default;
};
/// A step this version cannot play: an unknown operation, or one that
/// lacks a required field. The file still opens (Project::validate() names
/// the problem) and the step is written back as it was read.
struct Unplayable
{
    QJsonObject json;
    QString op;
    QStringList missing; ///< the required fields it lacks (empty: the operation is unknown)
    bool operator==(const Unplayable &) const = default;
};

} // namespace steps

using StepAction
    = std::variant<steps::New, steps::Add, steps::Set, steps::Read, steps::Append, steps::Remove,
                   steps::Delete, steps::Flush, steps::Commit, steps::Rollback, steps::Close,
                   steps::Expire, steps::Refresh, steps::Expunge, steps::Get, steps::Query,
                   steps::BulkUpdate, steps::BulkDelete, steps::ExpireAll, steps::ExpungeAll,
                   steps::MakeTransient, steps::MakeTransientToDetached, steps::BeginNested,
                   steps::CommitNested, steps::RollbackNested, steps::Merge, steps::Unplayable>;

/// A user's action on the session, from the widget (or the scenario file)
/// to the engine: the operation with its typed fields, whether it must
/// fail, and the keys a later version wrote that this one does not know.
/// Recording a scenario keeps these same values. fromJson() and toJson()
/// are the only places that read or write a step's JSON.
struct Step
{
    StepAction action;
    /// The step must fail (`"expectError": true`).
    bool expectError = false;
    /// The step runs inside `with session.no_autoflush:` (`"noAutoflush": true`).
    bool noAutoflush = false;
    /// The project's session the step runs in (`"session": "B"`, format
    /// version 7); empty: the first.
    QString session;
    /// Keys this version does not know, kept for the file (a
    /// `"expectError": false` too).
    QJsonObject extra;

    Step() = default;
    /// A step of operation @p a: `Step(steps::Flush{})`.
    template<typename T>
    requires std::is_constructible_v<StepAction, T &&> Step(T &&a)
        : action(std::forward<T>(a))
    {
    }

    /// The operation's name in the file: "new", "bulk_update", ...
    QString op() const;
    /// The label of the object the step is about (@c ref, or @c as of a
    /// `new`); empty when none.
    QString ref() const;
    /// The attribute the step assigns, reads or changes; empty when none.
    QString attr() const;

    /// The step as one line: "new User as user1 {name: 'ada'}",
    /// "set user1.name = 'ada'", "flush".
    QString text() const;

    /// Reads a step. A value of the wrong JSON type (or no "op") is an
    /// error: @p error says what is wrong and @p errorKey names the key
    /// (empty: the step itself), and the step returned is Unplayable. An
    /// unknown operation or a missing field is not an error here: the step
    /// is Unplayable, and Project::validate() reports it.
    static Step fromJson(const QJsonObject &json, QString *error = nullptr,
                         QString *errorKey = nullptr);
    /// The step as the file holds it.
    QJsonObject toJson() const;

    /// The names of the operations, in docs/project-format.md's order.
    static QStringList opNames();

    bool operator==(const Step &) const = default;
};

} // namespace ms

Q_DECLARE_METATYPE(ms::LabelRef)
