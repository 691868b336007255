#include "step.h"

#include "jsonvalue.h"

#include "projectfile.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <iterator>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Step)
};

const QLatin1String kOp("op");
const QLatin1String kRef("ref");
const QLatin1String kAs("as");
const QLatin1String kClass("class");
const QLatin1String kAttr("attr");
const QLatin1String kAttrs("attrs");
const QLatin1String kItem("item");
const QLatin1String kValue("value");
const QLatin1String kValues("values");
const QLatin1String kWhere("where");
const QLatin1String kOrderBy("orderBy");
const QLatin1String kOptions("options");
const QLatin1String kId("id");
const QLatin1String kExpectError("expectError");
const QLatin1String kNoAutoflush("noAutoflush");
const QLatin1String kSession("session");
const QLatin1String kPopulateExisting("populateExisting");
const QLatin1String kSynchronize("synchronize");
const QLatin1String kLoad("load");

/// Each operation's name and required fields (docs/project-format.md), in the order
/// of std::variant's alternatives (Unplayable has none).
struct OpInfo
{
    const char *name;
    std::initializer_list<QLatin1String> required;
};
const OpInfo kOps[] = {
    {"new", {kClass, kAs}},
    {"add", {kRef}},
    {"set", {kRef, kAttr, kValue}},
    {"read", {kRef, kAttr}},
    {"append", {kRef, kAttr, kItem}},
    {"remove", {kRef, kAttr, kItem}},
    {"delete", {kRef}},
    {"flush", {}},
    {"commit", {}},
    {"rollback", {}},
    {"close", {}},
    {"expire", {kRef}},
    {"refresh", {kRef}},
    {"expunge", {kRef}},
    {"get", {kClass, kId}},
    {"query", {kClass}},
    {"bulk_update", {kClass, kValues}},
    {"bulk_delete", {kClass}},
    {"expire_all", {}},
    {"expunge_all", {}},
    {"make_transient", {kRef}},
    {"make_transient_to_detached", {kRef}},
    {"begin_nested", {}},
    {"commit_nested", {}},
    {"rollback_nested", {}},
    {"merge", {kRef}},
};
static_assert(std::size(kOps) + 1 == std::variant_size_v<StepAction>);

/// A step's value from the file: {"ref": label} is an object, a list of
/// them a collection; anything else as JSON reads.
QVariant valueFromJson(const QJsonValue &json)
{
    if (json.isObject()) {
        const QJsonObject o = json.toObject();
        if (o.size() == 1 && o.value(kRef).isString())
            return QVariant::fromValue(LabelRef {o.value(kRef).toString()});
        return o.toVariantMap();
    }
    if (json.isArray()) {
        QVariantList out;
        for (const QJsonValue &item : json.toArray())
            out << valueFromJson(item);
        return out;
    }
    return json.toVariant();
}

QVariantMap valuesFromJson(const QJsonValue &json)
{
    QVariantMap out;
    const QJsonObject o = json.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), valueFromJson(it.value()));
    return out;
}

/// A step's value as JSON: a LabelRef as {"ref": label}.
QJsonValue valueToJson(const QVariant &v)
{
    return toJsonValue(v, [](const QVariant &value) -> std::optional<QJsonValue> {
        if (value.metaType() != QMetaType::fromType<LabelRef>())
            return std::nullopt;
        return QJsonObject{{kRef, value.value<LabelRef>().label}};
    });
}

QJsonObject valuesToJson(const QVariantMap &values)
{
    QJsonObject o;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        o.insert(it.key(), valueToJson(it.value()));
    return o;
}

/// The position of alternative @p T in StepAction.
template<typename T, typename V = StepAction> struct IndexOf;
template<typename T, typename... Ts> struct IndexOf<T, std::variant<Ts...>>
{
    static constexpr size_t value = [] {
        size_t i = 0;
        (void)((std::is_same_v<T, Ts> ? true : (++i, false)) || ...);
        return i;
    }();
};
template<typename T> constexpr size_t indexOf()
{
    return IndexOf<T>::value;
}

/// The typed step of operation @p index, its fields read from @p json
/// (their JSON types already checked).
StepAction typed(size_t index, const QJsonObject &json)
{
    const auto str = [&](QLatin1String key) {
        return json.value(key).toString();
    };
    const auto names = [&](QLatin1String key) -> std::optional<QStringList> {
        if (!json.contains(key))
            return std::nullopt;
        QStringList out;
        for (const QJsonValue &v : json.value(key).toArray())
            out << v.toString();
        return out;
    };
    const auto map = [&](QLatin1String key) -> std::optional<QVariantMap> {
        if (!json.contains(key))
            return std::nullopt;
        return valuesFromJson(json.value(key));
    };
    const auto synchronize = [&]() -> std::optional<bool> {
        if (!json.contains(kSynchronize))
            return std::nullopt;
        return json.value(kSynchronize).toBool();
    };
    switch (index) {
    case indexOf<steps::New>():
        return steps::New {str(kClass), str(kAs), map(kValues)};
    case indexOf<steps::Add>():
        return steps::Add {str(kRef)};
    case indexOf<steps::Set>():
        return steps::Set {str(kRef), str(kAttr), valueFromJson(json.value(kValue))};
    case indexOf<steps::Read>():
        return steps::Read {str(kRef), str(kAttr)};
    case indexOf<steps::Append>():
        return steps::Append {str(kRef), str(kAttr), str(kItem)};
    case indexOf<steps::Remove>():
        return steps::Remove {str(kRef), str(kAttr), str(kItem)};
    case indexOf<steps::Delete>():
        return steps::Delete {str(kRef)};
    case indexOf<steps::Flush>():
        return steps::Flush {};
    case indexOf<steps::Commit>():
        return steps::Commit {};
    case indexOf<steps::Rollback>():
        return steps::Rollback {};
    case indexOf<steps::Close>():
        return steps::Close {};
    case indexOf<steps::Expire>():
        return steps::Expire {str(kRef), names(kAttrs)};
    case indexOf<steps::Refresh>():
        return steps::Refresh {str(kRef), names(kAttrs)};
    case indexOf<steps::Expunge>():
        return steps::Expunge {str(kRef)};
    case indexOf<steps::Get>():
        return steps::Get {str(kClass), json.value(kId).toVariant()};
    case indexOf<steps::Query>():
        return steps::Query {str(kClass), map(kWhere),
                             json.contains(kOrderBy) ? std::optional(str(kOrderBy)) : std::nullopt,
                             json.contains(kOptions)
                                 ? std::optional(json.value(kOptions).toObject().toVariantMap())
                                 : std::nullopt,
                             json.contains(kPopulateExisting)
                                 ? std::optional(json.value(kPopulateExisting).toBool())
                                 : std::nullopt};
    case indexOf<steps::BulkUpdate>():
        // Plain column values: a bulk UPDATE sends them as they are.
        return steps::BulkUpdate {str(kClass), map(kWhere),
                                  json.value(kValues).toObject().toVariantMap(), synchronize()};
    case indexOf<steps::BulkDelete>():
        return steps::BulkDelete {str(kClass), map(kWhere), synchronize()};
    case indexOf<steps::ExpireAll>():
        return steps::ExpireAll {};
    case indexOf<steps::ExpungeAll>():
        return steps::ExpungeAll {};
    case indexOf<steps::MakeTransient>():
        return steps::MakeTransient {str(kRef)};
    case indexOf<steps::MakeTransientToDetached>():
        return steps::MakeTransientToDetached {str(kRef)};
    case indexOf<steps::BeginNested>():
        return steps::BeginNested {};
    case indexOf<steps::CommitNested>():
        return steps::CommitNested {};
    case indexOf<steps::RollbackNested>():
        return steps::RollbackNested {};
    case indexOf<steps::Merge>():
        return steps::Merge {str(kRef), json.contains(kLoad) ? std::optional(json.value(kLoad).toBool())
                                                             : std::nullopt};
    }
    Q_UNREACHABLE();
}

/// The fields of @p action as JSON, "op" included.
QJsonObject fields(const StepAction &action)
{
    QJsonObject o;
    const auto optionalNames = [&](const std::optional<QStringList> &attrs) {
        if (attrs)
            o.insert(kAttrs, QJsonArray::fromStringList(*attrs));
    };
    const auto where = [&](const std::optional<QVariantMap> &w) {
        if (w)
            o.insert(kWhere, valuesToJson(*w));
    };
    std::visit(
        [&](const auto &s) {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, steps::New>) {
                o.insert(kClass, s.className);
                o.insert(kAs, s.label);
                if (s.values)
                    o.insert(kValues, valuesToJson(*s.values));
            } else if constexpr (std::is_same_v<T, steps::Set>) {
                o.insert(kRef, s.ref);
                o.insert(kAttr, s.attr);
                o.insert(kValue, valueToJson(s.value));
            } else if constexpr (std::is_same_v<T, steps::Read>) {
                o.insert(kRef, s.ref);
                o.insert(kAttr, s.attr);
            } else if constexpr (std::is_same_v<
                                     T, steps::Append> || std::is_same_v<T, steps::Remove>) {
                o.insert(kRef, s.ref);
                o.insert(kAttr, s.attr);
                o.insert(kItem, s.item);
            } else if constexpr (
                std::is_same_v<
                    T,
                    steps::
                        Add> || std::is_same_v<T, steps::Delete> || std::is_same_v<T, steps::Expunge>
                || std::is_same_v<T, steps::MakeTransient>
                || std::is_same_v<T, steps::MakeTransientToDetached>) {
                o.insert(kRef, s.ref);
            } else if constexpr (std::is_same_v<
                                     T, steps::Expire> || std::is_same_v<T, steps::Refresh>) {
                o.insert(kRef, s.ref);
                optionalNames(s.attrs);
            } else if constexpr (std::is_same_v<T, steps::Merge>) {
                o.insert(kRef, s.ref);
                if (s.load)
                    o.insert(kLoad, *s.load);
            } else if constexpr (std::is_same_v<T, steps::Get>) {
                o.insert(kClass, s.className);
                o.insert(kId, QJsonValue::fromVariant(s.id));
            } else if constexpr (std::is_same_v<T, steps::Query>) {
                o.insert(kClass, s.className);
                where(s.where);
                if (s.orderBy)
                    o.insert(kOrderBy, *s.orderBy);
                if (s.options)
                    o.insert(kOptions, QJsonObject::fromVariantMap(*s.options));
                if (s.populateExisting)
                    o.insert(kPopulateExisting, *s.populateExisting);
            } else if constexpr (std::is_same_v<T, steps::BulkUpdate>) {
                o.insert(kClass, s.className);
                where(s.where);
                o.insert(kValues, QJsonObject::fromVariantMap(s.values));
                if (s.synchronize)
                    o.insert(kSynchronize, *s.synchronize);
            } else if constexpr (std::is_same_v<T, steps::BulkDelete>) {
                o.insert(kClass, s.className);
                where(s.where);
                if (s.synchronize)
                    o.insert(kSynchronize, *s.synchronize);
            }
        },
        action);
    if (!std::holds_alternative<steps::Unplayable>(action))
        o.insert(kOp, QLatin1String(kOps[action.index()].name));
    return o;
}

} // namespace

QString Step::op() const
{
    if (const auto *u = std::get_if<steps::Unplayable>(&action))
        return u->op;
    return QLatin1String(kOps[action.index()].name);
}

QString Step::ref() const
{
    if (const auto *u = std::get_if<steps::Unplayable>(&action)) {
        const QJsonValue ref = u->json.contains(kRef) ? u->json.value(kRef) : u->json.value(kAs);
        return ref.toString();
    }
    return std::visit(
        [](const auto &s) -> QString {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, steps::New>)
                return s.label;
            else if constexpr (requires { s.ref; })
                return s.ref;
            else
                return {};
        },
        action);
}

QString Step::attr() const
{
    if (const auto *u = std::get_if<steps::Unplayable>(&action))
        return u->json.value(kAttr).toString();
    return std::visit(
        [](const auto &s) -> QString {
            if constexpr (requires { s.attr; })
                return s.attr;
            else
                return {};
        },
        action);
}

QString Step::text() const
{
    // Read from the step as the file has it: a recorded step and the same
    // step read back from its file show the same line.
    const QJsonObject step = toJson();
    auto text = [](const QJsonValue &v) {
        if (v.isString())
            return QLatin1Char('\'') + v.toString() + QLatin1Char('\'');
        if (v.isObject() && v.toObject().contains(kRef))
            return v.toObject().value(kRef).toString();
        return QString::fromUtf8(v.isArray()
                                     ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                     : v.isObject()
                                     ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                     : QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact))
            .remove(QRegularExpression(QStringLiteral("^\\[|\\]$")));
    };
    // `{name: value, ...}`: values, a get's key by names, a where, options
    const auto pairs = [&](const QJsonObject &o) {
        QStringList out;
        for (auto it = o.begin(); it != o.end(); ++it)
            out << it.key() + QStringLiteral(": ") + text(it.value());
        return QLatin1Char('{') + out.join(QStringLiteral(", ")) + QLatin1Char('}');
    };
    QString line = step.value(kOp).toString();
    const QString ref = step.value(kRef).toString();
    const QString attr = step.value(kAttr).toString();
    if (step.contains(kClass))
        line += QLatin1Char(' ') + step.value(kClass).toString();
    if (step.contains(kAs))
        line += QStringLiteral(" as ") + step.value(kAs).toString();
    if (step.contains(kId)) {
        // get's key: `get User 3`, a composite one `get Enrollment (1, 2)`
        const QJsonValue id = step.value(kId);
        if (id.isArray()) {
            QStringList parts;
            for (const QJsonValue &v : id.toArray())
                parts << text(v);
            line += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
        } else if (id.isObject()) {
            line += QLatin1Char(' ') + pairs(id.toObject());
        } else {
            line += QLatin1Char(' ') + text(id);
        }
    }
    if (!ref.isEmpty())
        line += QLatin1Char(' ') + ref + (attr.isEmpty() ? QString() : QLatin1Char('.') + attr);
    if (step.contains(kValue))
        line += QStringLiteral(" = ") + text(step.value(kValue));
    if (step.contains(kItem))
        line += QLatin1Char(' ') + step.value(kItem).toString();
    if (step.contains(kValues))
        line += QLatin1Char(' ') + pairs(step.value(kValues).toObject());
    // what a query or a bulk statement selects, a loader's options, the
    // attributes an expire or refresh names: `bulk_update Account {balance:
    // 150} where {id: 1}` says which rows, not every row
    if (step.contains(kWhere))
        line += QStringLiteral(" where ") + pairs(step.value(kWhere).toObject());
    if (step.contains(kOrderBy))
        line += QStringLiteral(" order by ") + step.value(kOrderBy).toString();
    if (step.contains(kOptions))
        line += QStringLiteral(" options ") + pairs(step.value(kOptions).toObject());
    if (step.contains(kAttrs)) {
        QStringList names;
        for (const QJsonValue &v : step.value(kAttrs).toArray())
            names << v.toString();
        line += QStringLiteral(" [") + names.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    if (step.value(kPopulateExisting).toBool())
        line += QStringLiteral(" populate_existing");
    if (step.contains(kLoad) && !step.value(kLoad).toBool())
        line += QStringLiteral(" load=False");
    if (step.contains(kSynchronize) && !step.value(kSynchronize).toBool())
        line += QStringLiteral(" synchronize_session=False");
    if (step.value(kNoAutoflush).toBool())
        line += QStringLiteral("  (no autoflush)");
    if (step.value(kExpectError).toBool())
        line += QStringLiteral("  (fails)");
    // the session it runs in, when the project names several: "B: flush"
    if (step.contains(kSession))
        line = step.value(kSession).toString() + QStringLiteral(": ") + line;
    return line;
}

QStringList Step::opNames()
{
    QStringList out;
    for (const OpInfo &info : kOps)
        out << QLatin1String(info.name);
    return out;
}

Step Step::fromJson(const QJsonObject &json, QString *error, QString *errorKey)
{
    Step step(steps::Unplayable {json, json.value(kOp).toString(), {}});
    const auto fail = [&](const QString &key, const QString &message) {
        if (error)
            *error = message;
        if (errorKey)
            *errorKey = key;
        return step;
    };
    const auto wrongType = [&](QLatin1String key, const QString &expected) {
        return fail(key, expected.arg(ProjectFile::describe(json.value(key))));
    };
    if (!json.contains(kOp))
        return fail({}, Tr::tr("missing \"%1\"").arg(kOp));
    for (QLatin1String key : {kOp, kRef, kAs, kClass, kAttr, kItem, kOrderBy, kSession}) {
        if (json.contains(key) && !json.value(key).isString())
            return wrongType(key, Tr::tr("expected a string, found %1"));
    }
    for (QLatin1String key : {kValues, kWhere, kOptions}) {
        if (json.contains(key) && !json.value(key).isObject())
            return wrongType(key, Tr::tr("expected an object, found %1"));
    }
    if (json.contains(kAttrs)) {
        if (!json.value(kAttrs).isArray())
            return wrongType(kAttrs, Tr::tr("expected an array, found %1"));
        const QJsonArray attrs = json.value(kAttrs).toArray();
        for (qsizetype i = 0; i < attrs.size(); ++i) {
            if (!attrs[i].isString())
                return fail(
                    QStringLiteral("attrs[%1]").arg(i),
                    Tr::tr("expected a string, found %1").arg(ProjectFile::describe(attrs[i])));
        }
    }
    for (QLatin1String key : {kExpectError, kNoAutoflush, kPopulateExisting, kSynchronize, kLoad}) {
        if (json.contains(key) && !json.value(key).isBool())
            return wrongType(key, Tr::tr("expected true or false, found %1"));
    }

    const QString op = json.value(kOp).toString();
    const auto *info = std::find_if(std::begin(kOps), std::end(kOps),
                                    [&](const OpInfo &o) { return op == QLatin1String(o.name); });
    step.expectError = json.value(kExpectError).toBool();
    step.noAutoflush = json.value(kNoAutoflush).toBool();
    step.session = json.value(kSession).toString();
    if (info == std::end(kOps))
        return step;
    auto &unplayable = std::get<steps::Unplayable>(step.action);
    for (QLatin1String key : info->required) {
        if (!json.contains(key))
            unplayable.missing << key;
    }
    if (!unplayable.missing.isEmpty())
        return step;

    step.action = typed(size_t(info - std::begin(kOps)), json);
    // What the typed step does not hold stays as it was read.
    step.extra = json;
    for (const QString &key : fields(step.action).keys())
        step.extra.remove(key);
    if (step.expectError)
        step.extra.remove(kExpectError);
    if (step.noAutoflush)
        step.extra.remove(kNoAutoflush);
    step.extra.remove(kSession);
    return step;
}

QJsonObject Step::toJson() const
{
    if (const auto *u = std::get_if<steps::Unplayable>(&action))
        return u->json;
    QJsonObject o = extra;
    const QJsonObject own = fields(action);
    for (auto it = own.begin(); it != own.end(); ++it)
        o.insert(it.key(), it.value());
    if (expectError)
        o.insert(kExpectError, true);
    if (noAutoflush)
        o.insert(kNoAutoflush, true);
    if (!session.isEmpty())
        o.insert(kSession, session);
    return o;
}

} // namespace ms
