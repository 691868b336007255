#include "sqlalchemyexport.h"

#include "events/eventtype.h"
#include "projectfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace ms::SqlAlchemyExport {

namespace {

// ---- Python text ------------------------------------------------------------

QString pyString(const QString &s)
{
    QString out = QStringLiteral("\"");
    out.reserve(s.size() + 2);
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '\\': out += QLatin1String("\\\\"); break;
        case '"': out += QLatin1String("\\\""); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\t': out += QLatin1String("\\t"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Separator_Line
                || c.category() == QChar::Separator_Paragraph || c.isSurrogate())
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString pyLiteral(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("None");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)) && qAbs(d) < 9e15)
            return QString::number(qint64(d));
        // JSON's number text as Python reads it (repr round-trips)
        QString text = QString::number(d, 'g', 17);
        if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e'))
            && !text.contains(QLatin1String("inf")) && !text.contains(QLatin1String("nan")))
            text += QLatin1String(".0");
        return text;
    }
    case QJsonValue::String:
        return pyString(v.toString());
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : v.toArray())
            items << pyLiteral(item);
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        QStringList items;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            items << pyString(it.key()) + QLatin1String(": ") + pyLiteral(it.value());
        return QLatin1Char('{') + items.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    }
    return QStringLiteral("None");
}

const QStringList &pythonKeywords()
{
    static const QStringList k = {
        QStringLiteral("False"), QStringLiteral("None"), QStringLiteral("True"), QStringLiteral("and"),
        QStringLiteral("as"), QStringLiteral("assert"), QStringLiteral("async"), QStringLiteral("await"),
        QStringLiteral("break"), QStringLiteral("class"), QStringLiteral("continue"), QStringLiteral("def"),
        QStringLiteral("del"), QStringLiteral("elif"), QStringLiteral("else"), QStringLiteral("except"),
        QStringLiteral("finally"), QStringLiteral("for"), QStringLiteral("from"), QStringLiteral("global"),
        QStringLiteral("if"), QStringLiteral("import"), QStringLiteral("in"), QStringLiteral("is"),
        QStringLiteral("lambda"), QStringLiteral("nonlocal"), QStringLiteral("not"), QStringLiteral("or"),
        QStringLiteral("pass"), QStringLiteral("raise"), QStringLiteral("return"), QStringLiteral("try"),
        QStringLiteral("while"), QStringLiteral("with"), QStringLiteral("yield"), QStringLiteral("match"),
        QStringLiteral("case"), QStringLiteral("print"),
    };
    return k;
}

/// Names the module itself uses at its top level, and the ones declarative
/// reserves on a mapped class.
const QStringList &moduleNames()
{
    static const QStringList n = {
        QStringLiteral("sa"), QStringLiteral("orm"), QStringLiteral("event"), QStringLiteral("json"),
        QStringLiteral("sys"), QStringLiteral("datetime"), QStringLiteral("itertools"),
        QStringLiteral("Base"), QStringLiteral("Session"), QStringLiteral("Column"),
        QStringLiteral("ForeignKey"), QStringLiteral("Integer"), QStringLiteral("Float"),
        QStringLiteral("String"), QStringLiteral("Boolean"), QStringLiteral("Date"),
        QStringLiteral("DateTime"), QStringLiteral("relationship"), QStringLiteral("declarative_base"),
        QStringLiteral("trace"), QStringLiteral("labels"), QStringLiteral("objects"),
        QStringLiteral("phase"), QStringLiteral("emit"), QStringLiteral("label_of"),
        QStringLiteral("class_name"), QStringLiteral("jsonable"), QStringLiteral("trace_class"),
        QStringLiteral("new"), QStringLiteral("obj"), QStringLiteral("step"), QStringLiteral("play"),
        QStringLiteral("main"), QStringLiteral("log"), QStringLiteral("text_of"),
        QStringLiteral("SCENARIOS"), QStringLiteral("SESSION_LISTENERS"), QStringLiteral("MODEL"),
        QStringLiteral("CLASS_NAMES"), QStringLiteral("ATTRIBUTE_NAMES"), QStringLiteral("CONFIGURE"),
        QStringLiteral("SESSION_OPTIONS"), QStringLiteral("ListenerError"),
        QStringLiteral("PYTHON_KEYS"), QStringLiteral("trace_session"), QStringLiteral("os"),
        QStringLiteral("sqlite3"), QStringLiteral("SESSIONS"), QStringLiteral("CURRENT"),
        QStringLiteral("OPEN"), QStringLiteral("own_labels"), QStringLiteral("in_session"), QStringLiteral("key_label"),
        QStringLiteral("MEMORY_NUMBERS"),
        // builtins the module calls: a class of that name would hide them
        QStringLiteral("type"), QStringLiteral("str"), QStringLiteral("repr"), QStringLiteral("sorted"),
        QStringLiteral("isinstance"), QStringLiteral("issubclass"), QStringLiteral("len"),
        QStringLiteral("dict"), QStringLiteral("list"), QStringLiteral("tuple"), QStringLiteral("set"),
        QStringLiteral("int"), QStringLiteral("float"), QStringLiteral("bool"), QStringLiteral("next"),
        QStringLiteral("iter"), QStringLiteral("open"), QStringLiteral("enumerate"), QStringLiteral("id"),
        QStringLiteral("getattr"), QStringLiteral("setattr"), QStringLiteral("object"),
        QStringLiteral("Exception"), QStringLiteral("BaseException"), QStringLiteral("SystemExit"),
    };
    return n;
}

const QStringList &reservedOnClass()
{
    static const QStringList n = {QStringLiteral("metadata"), QStringLiteral("registry"),
                                  QStringLiteral("query"), QStringLiteral("query_class")};
    return n;
}

const char *typeName(const QString &type)
{
    if (type == QLatin1String("integer"))
        return "Integer";
    if (type == QLatin1String("real"))
        return "Float";
    if (type == QLatin1String("boolean"))
        return "Boolean";
    if (type == QLatin1String("date"))
        return "Date";
    if (type == QLatin1String("datetime"))
        return "DateTime";
    return "String";
}

QString indent(const QString &block, int spaces)
{
    const QString pad(spaces, QLatin1Char(' '));
    QStringList lines = block.split(QLatin1Char('\n'));
    for (QString &l : lines)
        if (!l.isEmpty())
            l.prepend(pad);
    return lines.join(QLatin1Char('\n'));
}

/// A comment line's text: one line, whatever the user typed.
QString commentText(const QString &s)
{
    QString t = s;
    t.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    return t;
}

// ---- the model's names ---------------------------------------------------------

struct ClassNames
{
    QString project;                   ///< the class's name in the project
    QString python;                    ///< its Python identifier
    QJsonObject def;                   ///< its entry in the project file
    QStringList attributes;            ///< the project's attribute names, in declaration order
    QHash<QString, QString> pythonKey; ///< project attribute name -> Python identifier
    QStringList taken;
    QString pk;                        ///< the (first) primary key column's project name
    QStringList pks;                   ///< every primary key column's project name (several: composite)
    QHash<QString, QString> columnType; ///< column name -> project type
};

struct Model
{
    QList<ClassNames> classes;
    QHash<QString, int> index;
    QStringList moduleTaken;
    /// Some relationship is lazy="joined": a query's result must be made
    /// unique (SQLAlchemy 1.4 refuses joined eager collections otherwise).
    bool anyJoined = false;

    const ClassNames *byName(const QString &name) const
    {
        const auto it = index.constFind(name);
        return it == index.cend() ? nullptr : &classes[*it];
    }
    ClassNames *byName(const QString &name)
    {
        const auto it = index.constFind(name);
        return it == index.cend() ? nullptr : &classes[*it];
    }
    /// The Python key of @p attr on @p cls; the project's name itself when
    /// the class has no such attribute (the code then fails as it should).
    QString key(const QString &cls, const QString &attr) const
    {
        const ClassNames *c = byName(cls);
        return c ? c->pythonKey.value(attr, attr) : attr;
    }
};

bool plainIdentifier(const QString &s)
{
    if (s.isEmpty() || pythonKeywords().contains(s))
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        const bool ok = c == QLatin1Char('_') || (c.unicode() < 0x80 && c.isLetterOrNumber())
            || (c.unicode() >= 0x80 && c.isLetterOrNumber());
        if (!ok || (i == 0 && c.isDigit()))
            return false;
    }
    return s.normalized(QString::NormalizationForm_KC) == s;
}

/// `target.attr`, or getattr() when attr is not an identifier.
QString attributeOf(const QString &object, const QString &key)
{
    return plainIdentifier(key) ? object + QLatin1Char('.') + key
                                : QStringLiteral("getattr(%1, %2)").arg(object, pyString(key));
}

Model names(const QJsonObject &project)
{
    Model m;
    m.moduleTaken = moduleNames();
    const QJsonArray classes = project.value(QLatin1String("classes")).toArray();
    for (const QJsonValue &cv : classes) {
        ClassNames c;
        c.def = cv.toObject();
        c.project = c.def.value(QLatin1String("name")).toString();
        c.python = identifier(c.project, &m.moduleTaken);
        c.taken = reservedOnClass();
        for (const QJsonValue &col : c.def.value(QLatin1String("columns")).toArray()) {
            const QJsonObject o = col.toObject();
            const QString name = o.value(QLatin1String("name")).toString();
            c.attributes << name;
            c.pythonKey.insert(name, identifier(name, &c.taken));
            c.columnType.insert(name, o.value(QLatin1String("type")).toString(QStringLiteral("text")));
            if (o.value(QLatin1String("primaryKey")).toBool()) {
                if (c.pk.isEmpty())
                    c.pk = name;
                c.pks << name;
            }
        }
        for (const QJsonValue &rel : c.def.value(QLatin1String("relationships")).toArray()) {
            const QString name = rel.toObject().value(QLatin1String("name")).toString();
            m.anyJoined = m.anyJoined || rel.toObject().value(QLatin1String("lazy")).toString() == QLatin1String("joined");
            c.attributes << name;
            c.pythonKey.insert(name, identifier(name, &c.taken));
        }
        m.index.insert(c.project, int(m.classes.size()));
        m.classes << c;
    }
    // backrefs the targets do not declare, in the order of the classes and
    // relationships that name them (docs/project-format.md)
    for (const ClassNames &c : std::as_const(m.classes)) {
        for (const QJsonValue &rv : c.def.value(QLatin1String("relationships")).toArray()) {
            const QJsonObject rel = rv.toObject();
            const QString b = rel.value(QLatin1String("backref")).toString();
            ClassNames *t = m.byName(rel.value(QLatin1String("target")).toString());
            if (b.isEmpty() || !t || t->pythonKey.contains(b))
                continue;
            t->attributes << b;
            t->pythonKey.insert(b, identifier(b, &t->taken));
        }
    }
    return m;
}

// ---- the parts of the module -------------------------------------------------------

const char *kRuntime = R"PY(
# ---- the event trace -----------------------------------------------------------
# Each hook appends one record in Mapperscope's trace format; objects are
# named by their scenario labels, classes and attributes as the project
# names them.

trace = []
labels = {}           # id(object) -> (weak reference to it, label)
objects = {}          # label -> object
own_labels = set()    # the labels `new` steps gave
merged = []           # the copies merge() returned, kept as code that merges keeps them
phase = ["configure"]
CURRENT = [None]      # the session the step plays in, when the project names its sessions
OPEN = {}             # the project's sessions by name, while a scenario plays
CLASS_NAMES = {}      # class -> the project's class name
ATTRIBUTE_NAMES = {}  # (class, Python attribute) -> the project's attribute name


def class_name(obj_or_cls):
    if obj_or_cls is None:
        return None
    cls = obj_or_cls if isinstance(obj_or_cls, type) else type(obj_or_cls)
    if cls in CLASS_NAMES:
        return CLASS_NAMES[cls]
    if "__tablename__" in cls.__dict__:  # a mapped class while it is being defined
        return cls.__dict__.get("__trace_name__", cls.__name__)
    return None


def key_label(obj, values):
    """`Class#key`; a composite key's values joined by commas, a comma or backslash in one escaped."""
    key = values[0] if len(values) == 1 else ",".join(
        str(v).replace("\\", "\\\\").replace(",", "\\,") for v in values)
    return "%s#%s" % (class_name(obj), key)


def label_of(obj):
    """The object's label: the one its `new` step gave, or Class#key."""
    if obj is None:
        return None
    known = labels.get(id(obj))
    if known is not None and known[0]() is obj:  # (not a freed object's id, reused)
        return known[1]
    state = sa.inspect(obj)
    if state.identity is not None:
        values = list(state.identity)
    else:
        values = [state.dict.get(state.mapper.get_property_by_column(column).key)
                  for column in state.mapper.primary_key]
    if any(v is None for v in values):
        return "%s#?" % class_name(obj)
    label = key_label(obj, values)
    labels[id(obj)] = (weakref.ref(obj), label)
    objects[label] = obj
    return label


def jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (int, float, str, bool)):
        return value
    if class_name(value):
        return {"ref": label_of(value)}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return repr(value)


def emit(category, name, cls=None, obj=None, attr=None, **extra):
    if phase[0] is None:  # a scenario's trace is done
        return
    owner = cls if cls is not None else obj
    owner_cls = owner if isinstance(owner, type) or owner is None else type(owner)
    record = {"seq": len(trace) + 1, "phase": phase[0], "category": category, "event": name,
              "class": class_name(owner),
              "ref": label_of(obj) if obj is not None else None,
              "attr": ATTRIBUTE_NAMES.get((owner_cls, attr), attr)}
    if phase[0] == "scenario" and SESSIONS:
        record["session"] = CURRENT[0]
    for key, value in extra.items():
        record[key] = jsonable(value)
    trace.append(record)


for _name in ["instrument_class", "before_mapper_configured", "mapper_configured"]:
    event.listen(orm.Mapper, _name, (lambda n: lambda mapper, cls=None: emit("mapper", n, cls=mapper.class_))(_name))
for _name in ["before_configured", "after_configured"]:
    event.listen(orm.Mapper, _name, (lambda n: lambda: emit("mapper", n))(_name))


def trace_class(cls, name, attributes):
    """Records the class's mapper, instance and attribute hooks."""
    CLASS_NAMES[cls] = name
    for key, project_name in attributes.items():
        ATTRIBUTE_NAMES[(cls, key)] = project_name
    for n in ["before_insert", "after_insert", "before_update", "after_update", "before_delete", "after_delete"]:
        event.listen(cls, n, (lambda n: lambda mapper, conn, target: emit("mapper", n, obj=target))(n))
    event.listen(cls, "init", lambda target, args, kwargs: emit("instance", "init", obj=target))
    event.listen(cls, "init_failure", lambda target, args, kwargs: emit("instance", "init_failure", obj=target))
    event.listen(cls, "load", lambda target, ctx: emit("instance", "load", obj=target))
    event.listen(cls, "refresh", lambda target, ctx, attrs: emit("instance", "refresh", obj=target, attrs=sorted(ATTRIBUTE_NAMES.get((type(target), a), a) for a in attrs) if attrs else None))
    event.listen(cls, "refresh_flush", lambda target, ctx, attrs: emit("instance", "refresh_flush", obj=target, attrs=sorted(ATTRIBUTE_NAMES.get((type(target), a), a) for a in attrs) if attrs else None))
    event.listen(cls, "expire", lambda target, attrs: emit("instance", "expire", obj=target, attrs=sorted(ATTRIBUTE_NAMES.get((type(target), a), a) for a in attrs) if attrs else None))
    for prop in sa.inspect(cls).attrs:
        attr = getattr(cls, prop.key)
        key = prop.key
        collection = isinstance(prop, orm.RelationshipProperty) and prop.uselist
        event.listen(attr, "set", (lambda k: lambda t, v, o, i: emit("attribute", "set", obj=t, attr=k, value=v, old=None if o in (orm.attributes.NO_VALUE, orm.attributes.NEVER_SET) else o))(key))
        event.listen(attr, "modified", (lambda k: lambda t, i: emit("attribute", "modified", obj=t, attr=k))(key))
        if not isinstance(prop, orm.RelationshipProperty):
            event.listen(attr, "init_scalar", (lambda k: lambda t, v, d: emit("attribute", "init_scalar", obj=t, attr=k))(key))
        if collection:
            event.listen(attr, "append", (lambda k: lambda t, v, i: emit("attribute", "append", obj=t, attr=k, value=v))(key))
            event.listen(attr, "remove", (lambda k: lambda t, v, i: emit("attribute", "remove", obj=t, attr=k, value=v))(key))
            event.listen(attr, "init_collection", (lambda k: lambda t, c, a: emit("attribute", "init_collection", obj=t, attr=k))(key))
            event.listen(attr, "dispose_collection", (lambda k: lambda t, c, a: emit("attribute", "dispose_collection", obj=t, attr=k))(key))
            event.listen(attr, "bulk_replace", (lambda k: lambda t, v, i: emit("attribute", "bulk_replace", obj=t, attr=k))(key))


def trace_session(session):
    """Records the session's hooks."""
    def on(name, fn):
        event.listen(session, name, fn)
    on("before_flush", lambda sess, ctx, inst: emit("session", "before_flush"))
    on("after_flush", lambda sess, ctx: emit("session", "after_flush"))
    on("after_flush_postexec", lambda sess, ctx: emit("session", "after_flush_postexec"))
    on("after_begin", lambda sess, tx, conn: emit("session", "after_begin"))
    on("before_commit", lambda sess: emit("session", "before_commit"))
    on("after_commit", lambda sess: emit("session", "after_commit"))
    on("after_rollback", lambda sess: emit("session", "after_rollback"))
    on("after_soft_rollback", lambda sess, prev: emit("session", "after_soft_rollback"))
    on("after_transaction_create", lambda sess, tx: emit("session", "after_transaction_create", nested=tx.nested, subtransaction=tx.parent is not None and not tx.nested))
    on("after_transaction_end", lambda sess, tx: emit("session", "after_transaction_end", nested=tx.nested, subtransaction=tx.parent is not None and not tx.nested))
    on("before_attach", lambda sess, obj: emit("session", "before_attach", obj=obj))
    on("after_attach", lambda sess, obj: emit("session", "after_attach", obj=obj))
    on("do_orm_execute", lambda st: emit("session", "do_orm_execute", kind="select" if st.is_select else "update" if st.is_update else "delete" if st.is_delete else "other"))
    on("after_bulk_update", lambda ctx: emit("session", "after_bulk_update"))
    on("after_bulk_delete", lambda ctx: emit("session", "after_bulk_delete"))
    for name in ["transient_to_pending", "pending_to_transient", "persistent_to_transient", "pending_to_persistent",
                 "detached_to_persistent", "loaded_as_persistent", "persistent_to_deleted", "deleted_to_persistent",
                 "deleted_to_detached", "persistent_to_detached"]:
        on(name, (lambda n: lambda sess, obj: emit("session", n, obj=obj))(name))
)PY";

const char *kPlayer = R"PY(
# ---- playing a scenario -----------------------------------------------------------

def in_session(session, label):
    """The object of `session`'s identity map whose `Class#key` is `label` (None: none)."""
    for o in list(session.identity_map.values()):
        state = sa.inspect(o)
        known = labels.get(id(o))
        if known is not None and known[0]() is o and known[1] in own_labels:
            continue  # it has a name of its own
        if key_label(o, list(state.identity)) == label:
            return o
    return None


def obj(label):
    """The object a step names by its label; with several sessions, a
    loaded object's `Class#key` is looked for in the step's session first."""
    if SESSIONS and label not in own_labels:
        found = in_session(OPEN[CURRENT[0]], label)
        if found is not None:
            return found
    if label not in objects:
        raise SystemExit("unknown ref %s" % label)
    return objects[label]


def new(cls, label, /, **values):
    """Constructs an object labelled `label` (its events carry the label)."""
    o = cls.__new__(cls)
    labels[id(o)] = (weakref.ref(o), label)
    objects[label] = o
    own_labels.add(label)
    o.__init__(**values)
    return o


def nested_transaction(session):
    """The innermost savepoint, which a commit_nested or rollback_nested step ends."""
    transaction = session.get_nested_transaction()
    if transaction is None:
        raise sa.exc.InvalidRequestError("no savepoint is open (begin_nested() opens one)")
    return transaction


def text_of(value):
    return "" if value is None else str(value)


def log(hook, target=None):
    """A `log` listener: says that it heard the hook (on stderr; stdout is the trace)."""
    print("listened: %s %s" % (hook, label_of(target) if target is not None else ""), file=sys.stderr)


KEEP_GOING = []  # with --keep-going: the numbers of the steps that failed


class step:
    """One scenario step: a marker in the trace, then the step; a failure is
    recorded as an `error` line, and goes on only if the step expects it
    (or, with --keep-going, always)."""

    def __init__(self, index, op, ref=None, attr=None, expect_error=False, session=None):
        self.index, self.op, self.ref, self.attr, self.expect_error = index, op, ref, attr, expect_error
        self.session = session

    def marker(self, record):
        if SESSIONS:
            record["session"] = CURRENT[0]
        trace.append(record)

    def __enter__(self):
        """The step's session (with several, the one it names)."""
        if self.session is not None:
            CURRENT[0] = self.session
        self.marker({"seq": len(trace) + 1, "phase": "scenario", "category": "step", "event": self.op,
                     "step": self.index, "class": None, "ref": self.ref, "attr": self.attr})
        return OPEN.get(CURRENT[0])

    def __exit__(self, kind, exc, tb):
        if kind is None:
            if self.expect_error:
                raise SystemExit("step %d was expected to fail" % self.index)
            return False
        if issubclass(kind, SystemExit):
            return False
        self.marker({"seq": len(trace) + 1, "phase": "scenario", "category": "step", "event": "error",
                     "step": self.index, "class": None, "ref": None, "attr": None, "error": kind.__name__})
        if not self.expect_error and KEEP_GOING:
            KEEP_GOING.append({"step": self.index, "error": kind.__name__, "message": str(exc)})
            return True
        return self.expect_error


CONFIGURE = list(trace)  # the configuration's events, the start of every scenario's trace


def play(name):
    """Plays a scenario on a fresh in-memory SQLite database; the trace is left in `trace`."""
    trace[:] = [dict(record) for record in CONFIGURE]
    labels.clear()
    objects.clear()
    own_labels.clear()
    merged.clear()
    keeper = None
    if len(SESSIONS) > 1:
        # several sessions, a connection each, on one in-memory database
        # (SQLite's shared cache), kept while `keeper` is open; a lock
        # another connection holds fails a statement at once
        memory = "file:mapperscope-%d-%d?mode=memory&cache=shared" % (os.getpid(), next(MEMORY_NUMBERS))
        keeper = sqlite3.connect(memory, uri=True)
        engine = sa.create_engine("sqlite://", future=True, poolclass=sa.pool.NullPool,
                                  creator=lambda: sqlite3.connect(memory, uri=True, timeout=0,
                                                                  check_same_thread=False))
    else:
        engine = sa.create_engine("sqlite://", future=True)
    # pysqlite begins a transaction only before a data change, so that a
    # SAVEPOINT would open (and its RELEASE commit) the transaction itself:
    # SQLAlchemy's recipe has the driver leave transactions alone and the
    # engine send BEGIN (on the DBAPI connection: not a scenario statement)
    event.listen(engine, "connect", lambda dbapi_connection, record: setattr(dbapi_connection, "isolation_level", None))
    event.listen(engine, "begin", lambda conn: conn.connection.dbapi_connection.execute("BEGIN"))
    Base.metadata.create_all(engine)
    phase[0] = "scenario"
    # every statement the scenario sends (the loading strategies show in them)
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cursor, statement, parameters, context, executemany:
                 emit("statement", "statement", sql=" ".join(statement.split())))
    OPEN.clear()
    for session_name, options in (SESSIONS or {None: SESSION_OPTIONS}).items():
        session = Session(engine, future=True, **options)
        trace_session(session)
        for hook, listener in SESSION_LISTENERS:
            event.listen(session, hook, listener)
        OPEN[session_name] = session
    CURRENT[0] = next(iter(OPEN))
    try:
        SCENARIOS[name](OPEN[CURRENT[0]] if not SESSIONS else OPEN)
    finally:
        phase[0] = None  # what closing fires is not the scenario's
        for session in OPEN.values():
            session.close()
        engine.dispose()
        if keeper is not None:
            keeper.close()


def main(argv):
    args = argv[1:]
    failed_steps = None
    if args[:1] == ["--keep-going"] and len(args) >= 2:
        # every failing step goes on as if it expected to fail; FILE gets a
        # JSON list of them: {"step": number from 0, as in the trace,
        # "error": the exception's class, "message": its text}
        failed_steps, args = args[1], args[2:]
        KEEP_GOING[:] = [None]
    if args[:1] == ["--list"]:
        for name in SCENARIOS:
            print(name)
        return 0
    if args[:1] == ["--all"] and len(args) == 2:
        # each scenario's trace into DIR/1.jsonl, DIR/2.jsonl, ... in order
        import os
        status = 0
        for number, name in enumerate(SCENARIOS, 1):
            try:
                play(name)
            except BaseException as failure:  # noqa: B902 - reported, and the next scenario plays
                print("%s: %s" % (name, failure), file=sys.stderr)
                status = 1
            with open(os.path.join(args[1], "%d.jsonl" % number), "w", encoding="utf-8") as out:
                for record in trace:
                    out.write(json.dumps(record) + "\n")
        return status
    if len(args) > 1 or (args and args[0].startswith("--")):
        print("usage: %s [--keep-going FILE] [SCENARIO] | --list | --all DIR" % argv[0], file=sys.stderr)
        return 2
    if not SCENARIOS:
        print("the project has no scenario", file=sys.stderr)
        return 2
    name = args[0] if args else next(iter(SCENARIOS))
    if name not in SCENARIOS:
        print("no scenario %r; the scenarios: %s" % (name, ", ".join(SCENARIOS)), file=sys.stderr)
        return 2
    status = 0
    try:
        play(name)
    except (Exception, SystemExit) as failure:  # the trace up to the failure is printed
        print("%s: %s: %s" % (name, type(failure).__name__, failure), file=sys.stderr)
        status = 1
    for record in trace:
        print(json.dumps(record))
    if failed_steps is not None:
        with open(failed_steps, "w", encoding="utf-8") as out:
            json.dump(KEEP_GOING[1:], out)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
)PY";

// ---- the model -------------------------------------------------------------------

QString pkKey(const Model &m, const QString &cls)
{
    const ClassNames *c = m.byName(cls);
    return c ? c->pythonKey.value(c->pk, c->pk) : QString();
}

/// The primary key's attributes of @p cls on @p object (`Post.id`; a
/// composite key's separated by commas), the ORDER BY of rows in key order.
QString pkOrder(const Model &m, const QString &cls, const QString &object)
{
    const ClassNames *c = m.byName(cls);
    if (!c || c->pks.size() < 2)
        return attributeOf(object, pkKey(m, cls));
    QStringList out;
    for (const QString &name : c->pks)
        out << attributeOf(object, c->pythonKey.value(name, name));
    return out.join(QLatin1String(", "));
}

/// A relationship's order_by= in key order: `"Post.id"`, or a list for a
/// composite key.
QString pkOrderBy(const Model &m, const QString &cls, const QString &object)
{
    const ClassNames *c = m.byName(cls);
    const QString order = pkOrder(m, cls, object);
    return pyString(c && c->pks.size() > 1 ? QLatin1Char('[') + order + QLatin1Char(']') : order);
}

QString classBody(const Model &m, const ClassNames &c)
{
    QStringList lines;
    const QJsonObject &def = c.def;
    lines << QStringLiteral("__tablename__ = %1")
                 .arg(pyString(def.value(QLatin1String("table")).toString(c.project.toLower())));
    // a foreign key to a composite key: one ForeignKeyConstraint of the
    // columns that reference the class, matched in order to its key
    QStringList constraints;
    QHash<QString, QStringList> composite; // referenced class -> our columns' keys
    QStringList compositeOrder;
    for (const QJsonValue &cv : def.value(QLatin1String("columns")).toArray()) {
        const QJsonObject col = cv.toObject();
        const ClassNames *t = m.byName(col.value(QLatin1String("references")).toString());
        if (t && t->pks.size() > 1) {
            if (!composite.contains(t->project))
                compositeOrder << t->project;
            composite[t->project] << c.pythonKey.value(col.value(QLatin1String("name")).toString());
        }
    }
    for (const QString &target : std::as_const(compositeOrder)) {
        const ClassNames *t = m.byName(target);
        const QString table = t->def.value(QLatin1String("table")).toString(t->project.toLower());
        QStringList local, remote;
        for (const QString &k : composite.value(target))
            local << pyString(k);
        for (const QString &pk : t->pks)
            remote << pyString(table + QLatin1Char('.') + t->pythonKey.value(pk, pk));
        constraints << QStringLiteral("ForeignKeyConstraint([%1], [%2])")
                           .arg(local.join(QLatin1String(", ")), remote.join(QLatin1String(", ")));
    }
    for (const QJsonValue &cv : def.value(QLatin1String("columns")).toArray()) {
        const QJsonObject col = cv.toObject();
        const QString name = col.value(QLatin1String("name")).toString();
        const QString key = c.pythonKey.value(name);
        QStringList args {pyString(name), QLatin1String(typeName(col.value(QLatin1String("type")).toString()))};
        const QString refs = col.value(QLatin1String("references")).toString();
        if (!refs.isEmpty() && !composite.contains(refs)) {
            const ClassNames *t = m.byName(refs);
            if (t) {
                const QString table = t->def.value(QLatin1String("table")).toString(t->project.toLower());
                const QString column = t->pythonKey.value(t->pk);
                args << QStringLiteral("ForeignKey(%1)").arg(pyString(table + QLatin1Char('.') + column));
            }
        }
        const bool pk = col.value(QLatin1String("primaryKey")).toBool();
        if (key != name)
            args << QStringLiteral("key=%1").arg(pyString(key));
        if (pk)
            args << QStringLiteral("primary_key=True");
        args << QStringLiteral("nullable=%1")
                    .arg(col.value(QLatin1String("nullable")).toBool(!pk) ? QLatin1String("True")
                                                                         : QLatin1String("False"));
        if (col.value(QLatin1String("unique")).toBool())
            args << QStringLiteral("unique=True");
        if (col.contains(QLatin1String("default")))
            args << QStringLiteral("default=%1").arg(pyLiteral(col.value(QLatin1String("default"))));
        lines << QStringLiteral("%1 = Column(%2)").arg(key, args.join(QLatin1String(", ")));
    }
    if (!constraints.isEmpty())
        lines << QStringLiteral("__table_args__ = (%1,)").arg(constraints.join(QLatin1String(", ")));
    for (const QJsonValue &cv : def.value(QLatin1String("columns")).toArray()) {
        if (cv.toObject().value(QLatin1String("versionCounter")).toBool()) {
            lines << QStringLiteral("__mapper_args__ = {\"version_id_col\": %1}")
                         .arg(c.pythonKey.value(cv.toObject().value(QLatin1String("name")).toString()));
            break;
        }
    }
    auto relationshipLine = [&](const QString &key, const QString &target, const QStringList &kw) {
        const ClassNames *t = m.byName(target);
        QStringList args {pyString(t ? t->python : target)};
        args << kw;
        return QStringLiteral("%1 = relationship(%2)").arg(key, args.join(QLatin1String(", ")));
    };
    // foreign_keys= for a relationship that names its column (several
    // columns of the holder reference the other class)
    auto foreignKeys = [&](const QJsonObject &rel, const QString &declaredOn) -> QStringList {
        const QString column = rel.value(QLatin1String("foreignKey")).toString();
        if (column.isEmpty())
            return {};
        const QString kind = rel.value(QLatin1String("kind")).toString();
        const bool oneToMany = kind == QLatin1String("one-to-many") || kind == QLatin1String("one-to-one");
        const QString holder = oneToMany ? rel.value(QLatin1String("target")).toString() : declaredOn;
        const ClassNames *h = m.byName(holder);
        if (!h)
            return {};
        // a key of several columns: all of them (those that reference the
        // class the named one references)
        QString referenced;
        for (const QJsonValue &cv : h->def.value(QLatin1String("columns")).toArray())
            if (cv.toObject().value(QLatin1String("name")).toString() == column)
                referenced = cv.toObject().value(QLatin1String("references")).toString();
        const ClassNames *r = m.byName(referenced);
        QStringList columns;
        if (r && r->pks.size() > 1) {
            for (const QJsonValue &cv : h->def.value(QLatin1String("columns")).toArray())
                if (cv.toObject().value(QLatin1String("references")).toString() == referenced)
                    columns << h->python + QLatin1Char('.')
                            + m.key(holder, cv.toObject().value(QLatin1String("name")).toString());
        } else {
            columns << h->python + QLatin1Char('.') + m.key(holder, column);
        }
        return {QStringLiteral("foreign_keys=%1")
                    .arg(pyString(QLatin1Char('[') + columns.join(QLatin1String(", ")) + QLatin1Char(']')))};
    };
    for (const QJsonValue &rv : def.value(QLatin1String("relationships")).toArray()) {
        const QJsonObject rel = rv.toObject();
        const QString name = rel.value(QLatin1String("name")).toString();
        const QString target = rel.value(QLatin1String("target")).toString();
        const ClassNames *t = m.byName(target);
        QStringList kw;
        const QString backref = rel.value(QLatin1String("backref")).toString();
        if (!backref.isEmpty())
            kw << QStringLiteral("back_populates=%1").arg(pyString(m.key(target, backref)));
        kw << foreignKeys(rel, c.project);
        const QString cascade = rel.value(QLatin1String("cascade")).toString();
        if (!cascade.isEmpty())
            kw << QStringLiteral("cascade=%1").arg(pyString(cascade));
        const QString lazy = rel.value(QLatin1String("lazy")).toString();
        if (!lazy.isEmpty() && lazy != QLatin1String("select"))
            kw << QStringLiteral("lazy=%1").arg(pyString(lazy));
        const QString kind = rel.value(QLatin1String("kind")).toString();
        if (kind == QLatin1String("one-to-one"))
            kw << QStringLiteral("uselist=False");
        if (kind == QLatin1String("many-to-many"))
            kw << QStringLiteral("secondary=%1").arg(pyString(rel.value(QLatin1String("secondary")).toString()));
        if ((kind == QLatin1String("one-to-many") || kind == QLatin1String("many-to-many")) && t)
            kw << QStringLiteral("order_by=%1").arg(pkOrderBy(m, target, t->python));
        else if (target == c.project && kind == QLatin1String("many-to-one"))
            kw << QStringLiteral("remote_side=%1").arg(pyString(c.python + QLatin1Char('.') + pkKey(m, c.project)));
        lines << relationshipLine(c.pythonKey.value(name), target, kw);
    }
    // the inverse sides of backrefs this class does not declare
    for (const ClassNames &other : m.classes) {
        for (const QJsonValue &rv : other.def.value(QLatin1String("relationships")).toArray()) {
            const QJsonObject rel = rv.toObject();
            const QString b = rel.value(QLatin1String("backref")).toString();
            if (b.isEmpty() || rel.value(QLatin1String("target")).toString() != c.project)
                continue;
            bool declared = false;
            for (const QJsonValue &own : def.value(QLatin1String("relationships")).toArray())
                declared = declared || own.toObject().value(QLatin1String("name")).toString() == b;
            if (declared)
                continue;
            QStringList kw {QStringLiteral("back_populates=%1")
                                .arg(pyString(other.pythonKey.value(rel.value(QLatin1String("name")).toString())))};
            kw << foreignKeys(rel, other.project); // the same column as the relationship it mirrors
            if (rel.value(QLatin1String("kind")).toString() == QLatin1String("many-to-many")) {
                // the same association table, and the order Mapperscope loads a collection in
                kw << QStringLiteral("secondary=%1").arg(pyString(rel.value(QLatin1String("secondary")).toString()))
                   << QStringLiteral("order_by=%1").arg(pyString(other.python + QLatin1Char('.') + pkKey(m, other.project)));
            }
            if (other.project == c.project && rel.value(QLatin1String("kind")).toString() != QLatin1String("many-to-one"))
                kw << QStringLiteral("remote_side=%1").arg(pyString(c.python + QLatin1Char('.') + pkKey(m, c.project)));
            lines << QStringLiteral("%1  # the backref of %2.%3")
                         .arg(relationshipLine(c.pythonKey.value(b), other.project, kw),
                              commentText(other.project),
                              commentText(rel.value(QLatin1String("name")).toString()));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

// ---- steps ---------------------------------------------------------------------------

struct StepWriter
{
    const Model &m;
    QHash<QString, QString> classOfLabel; ///< label -> class, as `new` steps give them
    QStringList sessions; ///< the project's sessions; empty: it names none

    QString classOf(const QString &label) const
    {
        if (classOfLabel.contains(label))
            return classOfLabel.value(label);
        const qsizetype hash = label.lastIndexOf(QLatin1Char('#'));
        return hash > 0 ? label.left(hash) : QString();
    }

    /// A step's value for attribute @p attr of class @p cls, as Python.
    QString value(const QString &cls, const QString &attr, const QJsonValue &v) const
    {
        if (v.isObject() && v.toObject().contains(QLatin1String("ref")))
            return QStringLiteral("obj(%1)").arg(pyString(v.toObject().value(QLatin1String("ref")).toString()));
        if (v.isArray()) {
            QStringList items;
            for (const QJsonValue &item : v.toArray())
                items << value(cls, attr, item);
            return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
        }
        const ClassNames *c = m.byName(cls);
        const QString type = c ? c->columnType.value(attr) : QString();
        if (!v.isNull() && !v.isUndefined()) {
            if (type == QLatin1String("datetime"))
                return QStringLiteral("datetime.datetime.fromisoformat(%1)").arg(pyLiteral(v));
            if (type == QLatin1String("date"))
                return QStringLiteral("datetime.date.fromisoformat(%1)").arg(pyLiteral(v));
        }
        return pyLiteral(v);
    }

    /// `Class.attr == value, ...` for a where map.
    QString where(const QString &cls, const QString &pyCls, const QJsonObject &w) const
    {
        QStringList terms;
        for (auto it = w.begin(); it != w.end(); ++it)
            terms << QStringLiteral("%1 == %2").arg(attributeOf(pyCls, m.key(cls, it.key())),
                                                     value(cls, it.key(), it.value()));
        return terms.join(QLatin1String(", "));
    }

    /// A bulk step's `"synchronize": false` as its execution option.
    static QString synchronizeOption(const QJsonObject &s)
    {
        const QJsonValue sync = s.value(QLatin1String("synchronize"));
        return sync.isBool() && !sync.toBool()
            ? QStringLiteral(".execution_options(synchronize_session=False)")
            : QString();
    }

    QString statement(const QJsonObject &s)
    {
        const QString op = s.value(QLatin1String("op")).toString();
        const QString ref = s.value(QLatin1String("ref")).toString();
        const QString attr = s.value(QLatin1String("attr")).toString();
        const QString refObj = QStringLiteral("obj(%1)").arg(pyString(ref));
        const QString cls = s.value(QLatin1String("class")).toString();
        const ClassNames *c = m.byName(cls);
        const QString pyCls = c ? c->python : QStringLiteral("None");
        const QString attrKey = m.key(classOf(ref), attr);
        if (op == QLatin1String("new")) {
            const QString label = s.value(QLatin1String("as")).toString();
            classOfLabel.insert(label, cls);
            const QJsonObject values = s.value(QLatin1String("values")).toObject();
            // in the class's attribute order, then the keys it does not know
            QStringList order = c ? c->attributes : QStringList();
            for (auto it = values.begin(); it != values.end(); ++it)
                if (!order.contains(it.key()))
                    order << it.key();
            QStringList kw, splat;
            for (const QString &a : std::as_const(order)) {
                if (!values.contains(a))
                    continue;
                const QString key = m.key(cls, a);
                const QString v = value(cls, a, values.value(a));
                if (plainIdentifier(key) && splat.isEmpty())
                    kw << QStringLiteral("%1=%2").arg(key, v);
                else
                    splat << QStringLiteral("%1: %2").arg(pyString(key), v);
            }
            if (!splat.isEmpty())
                kw << QStringLiteral("**{%1}").arg(splat.join(QLatin1String(", ")));
            QStringList args {pyCls, pyString(label)};
            args << kw;
            return QStringLiteral("new(%1)").arg(args.join(QLatin1String(", ")));
        }
        if (op == QLatin1String("add"))
            return QStringLiteral("session.add(%1)").arg(refObj);
        if (op == QLatin1String("set")) {
            const QString v = value(classOf(ref), attr, s.value(QLatin1String("value")));
            return plainIdentifier(attrKey) ? QStringLiteral("%1.%2 = %3").arg(refObj, attrKey, v)
                                            : QStringLiteral("setattr(%1, %2, %3)").arg(refObj, pyString(attrKey), v);
        }
        if (op == QLatin1String("read"))
            return attributeOf(refObj, attrKey);
        if (op == QLatin1String("append") || op == QLatin1String("remove"))
            return QStringLiteral("%1.%2(obj(%3))")
                .arg(attributeOf(refObj, attrKey), op,
                     pyString(s.value(QLatin1String("item")).toString()));
        if (op == QLatin1String("delete"))
            return QStringLiteral("session.delete(%1)").arg(refObj);
        if (op == QLatin1String("flush") || op == QLatin1String("commit") || op == QLatin1String("rollback")
            || op == QLatin1String("close"))
            return QStringLiteral("session.%1()").arg(op);
        if (op == QLatin1String("expire") || op == QLatin1String("refresh")) {
            if (!s.contains(QLatin1String("attrs")) || s.value(QLatin1String("attrs")).isNull())
                return QStringLiteral("session.%1(%2)").arg(op, refObj);
            QStringList attrs;
            for (const QJsonValue &a : s.value(QLatin1String("attrs")).toArray())
                attrs << pyString(m.key(classOf(ref), a.toString()));
            return QStringLiteral("session.%1(%2, [%3])").arg(op, refObj, attrs.join(QLatin1String(", ")));
        }
        if (op == QLatin1String("expunge"))
            return QStringLiteral("session.expunge(%1)").arg(refObj);
        if (op == QLatin1String("expire_all") || op == QLatin1String("expunge_all"))
            return QStringLiteral("session.%1()").arg(op);
        if (op == QLatin1String("begin_nested"))
            return QStringLiteral("session.begin_nested()");
        if (op == QLatin1String("commit_nested") || op == QLatin1String("rollback_nested"))
            return QStringLiteral("nested_transaction(session).%1()").arg(op.section(QLatin1Char('_'), 0, 0));
        if (op == QLatin1String("make_transient") || op == QLatin1String("make_transient_to_detached"))
            return QStringLiteral("orm.%1(%2)").arg(op, refObj);
        if (op == QLatin1String("merge"))
            return s.value(QLatin1String("load")).toBool(true)
                ? QStringLiteral("merged.append(session.merge(%1))").arg(refObj)
                : QStringLiteral("merged.append(session.merge(%1, load=False))").arg(refObj);
        if (op == QLatin1String("get"))
            return QStringLiteral("session.get(%1, %2)").arg(pyCls, pyLiteral(s.value(QLatin1String("id"))));
        if (op == QLatin1String("query")) {
            const QString orderBy = s.value(QLatin1String("orderBy")).toString();
            const QString order = orderBy.isEmpty() ? pkOrder(m, cls, pyCls) : attributeOf(pyCls, m.key(cls, orderBy));
            // loader options: joinedload(User.posts), ...
            QStringList options;
            bool joined = m.anyJoined;
            const QJsonObject opts = s.value(QLatin1String("options")).toObject();
            for (auto it = opts.begin(); it != opts.end(); ++it) {
                static const QHash<QString, QString> function {
                    {QStringLiteral("select"), QStringLiteral("lazyload")},
                    {QStringLiteral("joined"), QStringLiteral("joinedload")},
                    {QStringLiteral("selectin"), QStringLiteral("selectinload")},
                    {QStringLiteral("subquery"), QStringLiteral("subqueryload")},
                    {QStringLiteral("raise"), QStringLiteral("raiseload")},
                    {QStringLiteral("noload"), QStringLiteral("noload")}};
                const QString strategy = it.value().toString();
                joined = joined || strategy == QLatin1String("joined");
                options << QStringLiteral("orm.%1(%2)").arg(function.value(strategy, QStringLiteral("lazyload")),
                                                             attributeOf(pyCls, m.key(cls, it.key())));
            }
            const QString withOptions = options.isEmpty()
                ? QString()
                : QStringLiteral(".options(%1)").arg(options.join(QLatin1String(", ")));
            const QString populate = s.value(QLatin1String("populateExisting")).toBool()
                ? QStringLiteral(".execution_options(populate_existing=True)")
                : QString();
            return QStringLiteral("session.execute(sa.select(%1).where(%2).order_by(%3)%4%5).%6all()")
                .arg(pyCls, where(cls, pyCls, s.value(QLatin1String("where")).toObject()), order, withOptions,
                     populate, joined ? QStringLiteral("unique().scalars().") : QStringLiteral("scalars()."));
        }
        if (op == QLatin1String("bulk_update")) {
            QStringList values;
            const QJsonObject v = s.value(QLatin1String("values")).toObject();
            for (auto it = v.begin(); it != v.end(); ++it)
                values << QStringLiteral("%1: %2").arg(pyString(m.key(cls, it.key())), pyLiteral(it.value()));
            return QStringLiteral("session.execute(sa.update(%1).where(%2).values({%3})%4)")
                .arg(pyCls, where(cls, pyCls, s.value(QLatin1String("where")).toObject()),
                     values.join(QLatin1String(", ")), synchronizeOption(s));
        }
        if (op == QLatin1String("bulk_delete"))
            return QStringLiteral("session.execute(sa.delete(%1).where(%2)%3)")
                .arg(pyCls, where(cls, pyCls, s.value(QLatin1String("where")).toObject()),
                     synchronizeOption(s));
        return QStringLiteral("raise SystemExit(%1)").arg(pyString(QStringLiteral("unknown op ") + op));
    }

    QString scenario(const QJsonObject &sc, const QString &function)
    {
        classOfLabel.clear();
        QStringList lines;
        lines << QStringLiteral("def %1(%2):").arg(function, sessions.isEmpty() ? QStringLiteral("session")
                                                                                   : QStringLiteral("sessions"));
        lines << QStringLiteral("    %1").arg(pyString(sc.value(QLatin1String("name")).toString()));
        const QJsonArray steps = sc.value(QLatin1String("steps")).toArray();
        for (int i = 0; i < steps.size(); ++i) {
            const QJsonObject s = steps[i].toObject();
            const QString op = s.value(QLatin1String("op")).toString();
            QStringList args {QString::number(i), pyString(op)};
            const QString ref = !s.value(QLatin1String("ref")).toString().isEmpty()
                ? s.value(QLatin1String("ref")).toString()
                : s.value(QLatin1String("as")).toString();
            if (!ref.isEmpty())
                args << QStringLiteral("ref=%1").arg(pyString(ref));
            if (!s.value(QLatin1String("attr")).toString().isEmpty())
                args << QStringLiteral("attr=%1").arg(pyString(s.value(QLatin1String("attr")).toString()));
            if (s.value(QLatin1String("expectError")).toBool())
                args << QStringLiteral("expect_error=True");
            if (!sessions.isEmpty()) {
                // the step's session, the first when it names none
                const QString own = s.value(QLatin1String("session")).toString();
                args << QStringLiteral("session=%1").arg(pyString(own.isEmpty() ? sessions.first() : own));
                lines << QStringLiteral("    with step(%1) as session:").arg(args.join(QLatin1String(", ")));
            } else {
                lines << QStringLiteral("    with step(%1):").arg(args.join(QLatin1String(", ")));
            }
            if (s.value(QLatin1String("noAutoflush")).toBool()) {
                lines << QStringLiteral("        with session.no_autoflush:");
                lines << QStringLiteral("            %1").arg(statement(s));
            } else {
                lines << QStringLiteral("        %1").arg(statement(s));
            }
        }
        return lines.join(QLatin1Char('\n'));
    }
};

// ---- listeners ---------------------------------------------------------------------

struct ListenerWriter
{
    const Model &m;
    QStringList *taken;
    QStringList sessionListeners; ///< (hook, function) entries for SESSION_LISTENERS

    QString body(const QJsonObject &l, const EventInfo &info, const QString &hook,
                 const QStringList &, const QString &object)
    {
        const QString action = l.value(QLatin1String("action")).toString(QStringLiteral("log"));
        if (action == QLatin1String("log"))
            return object.isEmpty() ? QStringLiteral("log(%1)").arg(pyString(hook))
                                    : QStringLiteral("log(%1, %2)").arg(pyString(hook), object);
        if (action == QLatin1String("pause"))
            return QStringLiteral("pass  # pause: Mapperscope stops here while it steps through the scenario");
        if (action == QLatin1String("raise")) {
            QString message = l.value(QLatin1String("message")).toString();
            if (message.isEmpty())
                message = QStringLiteral("raised by a listener of %1").arg(hook);
            return QStringLiteral("raise ListenerError(%1)").arg(pyString(message));
        }
        if (action == QLatin1String("set") && !object.isEmpty()) {
            const QString attr = l.value(QLatin1String("attr")).toString();
            const QString compute = l.value(QLatin1String("compute")).toString();
            const QString of = l.value(QLatin1String("of")).toString();
            QStringList lines;
            QString v;
            if (compute == QLatin1String("now")) {
                v = QStringLiteral("datetime.datetime.now()");
            } else if (compute == QLatin1String("counter")) {
                v = QStringLiteral("next(counter)");
            } else if (compute == QLatin1String("lower") || compute == QLatin1String("upper")) {
                lines << QStringLiteral("key_of = PYTHON_KEYS.get((type(%1), %2), %2)").arg(object, pyString(of));
                // on the attribute's own set hook, the value being set
                if (info.type == EventType::Set)
                    lines << QStringLiteral("source = value if initiator.key == key_of else getattr(%1, key_of)").arg(object);
                else
                    lines << QStringLiteral("source = getattr(%1, key_of)").arg(object);
                v = QStringLiteral("text_of(source).%1()").arg(compute);
            } else {
                v = pyLiteral(l.value(QLatin1String("value")));
            }
            lines << QStringLiteral("key = PYTHON_KEYS.get((type(%1), %2))").arg(object, pyString(attr));
            lines << QStringLiteral("if key is not None:  # (a class without %1 is left alone)").arg(commentText(attr));
            lines << QStringLiteral("    setattr(%1, key, %2)").arg(object, v);
            return lines.join(QLatin1Char('\n'));
        }
        return QStringLiteral("pass  # action %1 has no SQLAlchemy equivalent").arg(commentText(action));
    }

    QString listener(const QJsonObject &l, int index)
    {
        const QString hook = l.value(QLatin1String("event")).toString();
        const QString target = l.value(QLatin1String("target")).toString(QStringLiteral("*"));
        const QString action = l.value(QLatin1String("action")).toString(QStringLiteral("log"));
        const QString extension = l.value(QLatin1String("extension")).toString();
        QString header = QStringLiteral("# listener %1: %2 on %3, %4").arg(QString::number(index + 1), commentText(hook),
                                                                            commentText(target), commentText(action));
        if (!extension.isEmpty())
            header += QStringLiteral(" (the method of Ming extension %1: in SQLAlchemy, an event listener)")
                          .arg(commentText(extension));
        const auto type = eventTypeFromName(hook);
        if (!type)
            return header + QStringLiteral("\n# (an unknown hook: not exported)");
        const EventInfo &info = eventInfo(*type);
        if (info.mingOnly || info.category == EventCategory::Query)
            return header + QStringLiteral("\n# (a Ming hook with no SQLAlchemy counterpart: not exported)");
        if (info.target == TargetKind::Mapper && info.category == EventCategory::Mapper
            && (*type == EventType::InstrumentClass || *type == EventType::BeforeConfigured
                || *type == EventType::BeforeMapperConfigured || *type == EventType::MapperConfigured
                || *type == EventType::AfterConfigured))
            return header + QStringLiteral("\n# (it fires while the classes above are defined, before a "
                                           "listener here exists: not exported)");
        QStringList params = QString::fromLatin1(info.arguments).split(QStringLiteral(", "), Qt::SkipEmptyParts);
        QString object;
        if (params.contains(QLatin1String("target")))
            object = QStringLiteral("target");
        else if (params.contains(QLatin1String("instance")))
            object = QStringLiteral("instance");
        const QString function = identifier(QStringLiteral("on_%1_%2").arg(index + 1).arg(hook), taken);
        QStringList lines;
        lines << header;
        QStringList decorators;
        QString after;
        if (info.target == TargetKind::Session) {
            sessionListeners << QStringLiteral("(%1, %2)").arg(pyString(hook), function);
        } else if (info.target == TargetKind::Attribute) {
            QStringList attrs;
            const qsizetype dot = target.indexOf(QLatin1Char('.'));
            for (const ClassNames &c : m.classes) {
                if (dot > 0) {
                    if (c.project != target.left(dot))
                        continue;
                    attrs << attributeOf(c.python, c.pythonKey.value(target.mid(dot + 1), target.mid(dot + 1)));
                } else if (target == QLatin1String("*") || target == c.project) {
                    for (const QString &a : c.attributes)
                        attrs << attributeOf(c.python, c.pythonKey.value(a));
                }
            }
            if (attrs.size() == 1)
                decorators << QStringLiteral("@event.listens_for(%1, %2)").arg(attrs.first(), pyString(hook));
            else
                after = QStringLiteral("for _attribute in [%1]:\n    event.listen(_attribute, %2, %3)")
                            .arg(attrs.join(QLatin1String(", ")), pyString(hook), function);
        } else {
            const ClassNames *c = m.byName(target);
            if (c)
                decorators << QStringLiteral("@event.listens_for(%1, %2)").arg(c->python, pyString(hook));
            else
                decorators << QStringLiteral("@event.listens_for(Base, %1, propagate=True)").arg(pyString(hook));
        }
        const bool counter = action == QLatin1String("set")
            && l.value(QLatin1String("compute")).toString() == QLatin1String("counter");
        lines << decorators;
        lines << QStringLiteral("def %1(%2%3):")
                     .arg(function, params.join(QLatin1String(", ")),
                          counter ? QStringLiteral("%1counter=itertools.count(1)")
                                        .arg(params.isEmpty() ? QString() : QStringLiteral(", "))
                                  : QString());
        lines << indent(body(l, info, hook, params, object), 4);
        if (!after.isEmpty())
            lines << QString() << after;
        return lines.join(QLatin1Char('\n'));
    }
};

} // namespace

QString identifier(const QString &name, QStringList *taken)
{
    QString id;
    id.reserve(name.size());
    for (const QChar c : name) {
        if (c == QLatin1Char('_') || (c.unicode() < 0x80 && c.isLetterOrNumber())
            || (c.unicode() >= 0x80 && c.isLetterOrNumber()
                && QString(c).normalized(QString::NormalizationForm_KC) == QString(c)))
            id += c;
        else
            id += QLatin1Char('_');
    }
    if (id.isEmpty() || id[0].isDigit())
        id.prepend(QLatin1Char('_'));
    if (pythonKeywords().contains(id) || id.startsWith(QLatin1String("__")) || id.startsWith(QLatin1String("_sa_")))
        id += QLatin1Char('_');
    QString unique = id;
    for (int n = 2; taken->contains(unique); ++n)
        unique = id + QLatin1Char('_') + QString::number(n);
    *taken << unique;
    return unique;
}

QString module(const Project &p, const QString &source, const QString &fileName)
{
    const QJsonObject project = QJsonDocument::fromJson(ProjectFile::serialize(p)).object();
    Model m = names(project);
    QString out;
    const QString title = p.name.isEmpty() ? QStringLiteral("A Mapperscope project") : p.name;
    out += QStringLiteral("#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n\"\"\"");
    QString doc = commentText(title);
    doc.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\"\"\""), QLatin1String("\\\"\\\"\\\""));
    out += doc;
    if (!source.isEmpty()) {
        QString s = commentText(source);
        s.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\"\"\""), QLatin1String("\\\"\\\"\\\""));
        out += QStringLiteral(", exported by Mapperscope from %1").arg(s);
    } else {
        out += QStringLiteral(", exported by Mapperscope");
    }
    out += QStringLiteral(R"(.

The project's model as SQLAlchemy declarative classes (1.4; they run on 2.0
too), its listeners, and its scenarios as functions. Run it to play a
scenario on an in-memory SQLite database and print the ORM events it fires,
one JSON object a line, in Mapperscope's trace format:

    python3 %1               # the first scenario
    python3 %1 "NAME"        # a scenario by name
    python3 %1 --list        # the scenarios' names
    python3 %1 --all DIR     # every scenario, into DIR/1.jsonl, DIR/2.jsonl, ...
    python3 %1 --keep-going FAILED.json "NAME"  # a failing step does not stop it; FAILED.json lists them
"""
import datetime
import itertools
import json
import os
import sqlite3
import sys
import weakref

import sqlalchemy as sa
from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, ForeignKeyConstraint, Integer, String, event, orm
from sqlalchemy.orm import Session, declarative_base, relationship
)").arg(fileName.contains(QLatin1Char(' ')) ? pyString(fileName) : commentText(fileName));
    out += QString::fromUtf8(kRuntime);

    // the model
    out += QStringLiteral("\n\n# ---- the model ----------------------------------------------------------------\n\n");
    out += QStringLiteral("Base = declarative_base()\n");
    for (const ClassNames &c : std::as_const(m.classes)) {
        out += QStringLiteral("\n\nclass %1(Base):\n").arg(c.python);
        if (c.python != c.project)
            out += QStringLiteral("    __trace_name__ = %1  # the project's name of the class\n").arg(pyString(c.project));
        out += indent(classBody(m, c), 4) + QLatin1Char('\n');
    }
    // the association tables of the many-to-many relationships
    for (const AssociationTable &t : p.schema.associationTables()) {
        QStringList columns;
        for (const auto &[classIdx, column] : {qMakePair(t.leftClass, t.leftColumn), qMakePair(t.rightClass, t.rightColumn)}) {
            const ClassDef &cls = p.schema.classes.at(classIdx);
            columns << QStringLiteral("Column(%1, ForeignKey(%2), primary_key=True)")
                           .arg(pyString(column), pyString(cls.tableName() + QLatin1Char('.') + pkKey(m, cls.name)));
        }
        out += QStringLiteral("\n\nsa.Table(%1, Base.metadata, %2)\n").arg(pyString(t.name), columns.join(QLatin1String(", ")));
    }
    out += QStringLiteral("\n\norm.configure_mappers()\n");
    QStringList pythonKeys;
    for (const ClassNames &c : std::as_const(m.classes)) {
        QStringList attrs;
        for (const QString &a : c.attributes)
            attrs << QStringLiteral("%1: %2").arg(pyString(c.pythonKey.value(a)), pyString(a));
        out += QStringLiteral("trace_class(%1, %2, {%3})\n").arg(c.python, pyString(c.project), attrs.join(QLatin1String(", ")));
    }
    out += QStringLiteral("PYTHON_KEYS = {(cls, name): key for (cls, key), name in ATTRIBUTE_NAMES.items()}\n");

    // the listeners
    out += QStringLiteral("\n\n# ---- the project's listeners ----------------------------------------------------\n\n");
    out += QStringLiteral("class ListenerError(Exception):\n    \"\"\"What a `raise` listener raises.\"\"\"\n\n");
    ListenerWriter lw {m, &m.moduleTaken, {}};
    const QJsonArray listeners = project.value(QLatin1String("listeners")).toArray();
    for (int i = 0; i < listeners.size(); ++i)
        out += QLatin1Char('\n') + lw.listener(listeners[i].toObject(), i) + QStringLiteral("\n\n");
    out += QStringLiteral("\nSESSION_LISTENERS = [%1]  # listened on each session a scenario plays in\n")
               .arg(lw.sessionListeners.join(QLatin1String(", ")));

    // the scenarios
    out += QStringLiteral("\n\n# ---- the scenarios ----------------------------------------------------------------\n");
    const QJsonObject session = project.value(QLatin1String("session")).toObject();
    out += QStringLiteral("\nSESSION_OPTIONS = {\"autoflush\": %1, \"expire_on_commit\": %2}\n")
               .arg(session.value(QLatin1String("autoflush")).toBool(true) ? QLatin1String("True") : QLatin1String("False"),
                    session.value(QLatin1String("expireOnCommit")).toBool(true) ? QLatin1String("True")
                                                                                : QLatin1String("False"));
    // format version 7: the project's sessions, each with its options
    QStringList sessionEntries;
    QStringList sessionNames;
    for (const QJsonValue &v : project.value(QLatin1String("sessions")).toArray()) {
        const QJsonObject s = v.toObject();
        const auto flag = [&](const char *key) {
            const QJsonValue own = s.value(QLatin1String(key));
            return (own.isBool() ? own.toBool() : session.value(QLatin1String(key)).toBool(true))
                ? QLatin1String("True") : QLatin1String("False");
        };
        const QString name = s.value(QLatin1String("name")).toString();
        sessionNames << name;
        QString entry = QStringLiteral("    %1: {\"autoflush\": %2, \"expire_on_commit\": %3},")
                            .arg(pyString(name), flag("autoflush"), flag("expireOnCommit"));
        if (!s.value(QLatin1String("isolation")).toString().isEmpty())
            entry += QStringLiteral("  # on PostgreSQL: isolation_level=%1")
                         .arg(pyString(s.value(QLatin1String("isolation")).toString().toUpper()));
        sessionEntries << entry;
    }
    out += sessionEntries.isEmpty()
        ? QStringLiteral("SESSIONS = {}  # the project names no session: one plays every step\n")
        : QStringLiteral("SESSIONS = {  # the project's sessions, the first the default of a step\n%1\n}\n")
              .arg(sessionEntries.join(QLatin1Char('\n')));
    out += QStringLiteral("MEMORY_NUMBERS = itertools.count(1)\n");
    StepWriter sw {m, {}, sessionNames};
    QStringList entries;
    for (const QJsonValue &sv : project.value(QLatin1String("scenarios")).toArray()) {
        const QJsonObject sc = sv.toObject();
        const QString name = sc.value(QLatin1String("name")).toString();
        const QString function = identifier(QStringLiteral("scenario_") + name, &m.moduleTaken);
        out += QStringLiteral("\n\n") + sw.scenario(sc, function) + QLatin1Char('\n');
        entries << QStringLiteral("    %1: %2,").arg(pyString(name), function);
    }
    out += QStringLiteral("\n\nSCENARIOS = {\n%1\n}\n").arg(entries.join(QLatin1Char('\n')));
    out += QString::fromUtf8(kPlayer);
    return out;
}

} // namespace ms::SqlAlchemyExport
