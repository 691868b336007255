#!/usr/bin/env python3
# LOCAL COPY (golden2 investigation only): identical to shared/reference/sa_reference.py except that
# coerce() resolves a JSON list of {"ref": ...} values, so one-to-many bulk replace can be played.
"""Reference runner: plays a Mapperscope project's scenario on SQLAlchemy 1.4
(Debian's python3-sqlalchemy) and prints the ORM event trace as JSON Lines,
in the trace format of shared/design/formats.md.

usage: sa_reference.py PROJECT.json [SCENARIO_NAME] > trace.jsonl
Steering-side tool only: it is the peer that the project's trace is held against.
"""
import json
import sys
import datetime

import sqlalchemy as sa
from sqlalchemy import event, orm
from sqlalchemy.orm import declarative_base, relationship, Session

TYPES = {
    "integer": sa.Integer, "real": sa.Float, "text": sa.String,
    "boolean": sa.Boolean, "date": sa.Date, "datetime": sa.DateTime,
}

trace = []
labels = {}          # id(obj) -> label
objects = {}         # label -> obj
pending_label = [None]
phase = ["configure"]


def cls_name(obj_or_cls):
    if obj_or_cls is None:
        return None
    c = obj_or_cls if isinstance(obj_or_cls, type) else type(obj_or_cls)
    return getattr(c, "__msname__", None)


def label_of(obj):
    if obj is None:
        return None
    if id(obj) in labels:
        return labels[id(obj)]
    if pending_label[0] is not None:
        lab = pending_label[0]
    else:
        st = sa.inspect(obj)
        pk = None
        if st.identity is not None:
            pk = st.identity[0]
        else:
            mapper = st.mapper
            col = mapper.primary_key[0]
            pk = st.dict.get(mapper.get_property_by_column(col).key)
        if pk is None:
            return "%s#?" % cls_name(obj)
        lab = "%s#%s" % (cls_name(obj), pk)
    labels[id(obj)] = lab
    objects[lab] = obj
    return lab


def jsonable(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if v is None or isinstance(v, (int, float, str, bool)):
        return v
    if cls_name(v):
        return {"ref": label_of(v)}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    return repr(v)


def emit(category, name, cls=None, obj=None, attr=None, **extra):
    rec = {"seq": len(trace) + 1, "phase": phase[0], "category": category, "event": name,
           "class": cls_name(cls if cls is not None else obj),
           "ref": label_of(obj) if obj is not None else None, "attr": attr}
    for k, v in extra.items():
        rec[k] = jsonable(v)
    trace.append(rec)


def build(project):
    Base = declarative_base()
    classes = {}
    defs = {c["name"]: c for c in project["classes"]}
    tables = {c["name"]: c.get("table", c["name"].lower()) for c in project["classes"]}
    for cdef in project["classes"]:
        ns = {"__tablename__": tables[cdef["name"]], "__msname__": cdef["name"]}
        for col in cdef["columns"]:
            args = [TYPES[col.get("type", "text")]]
            if col.get("references"):
                tgt = defs[col["references"]]
                pkcol = [c["name"] for c in tgt["columns"] if c.get("primaryKey")][0]
                args.append(sa.ForeignKey("%s.%s" % (tables[tgt["name"]], pkcol)))
            kw = {"primary_key": bool(col.get("primaryKey")),
                  "nullable": col.get("nullable", not col.get("primaryKey", False)),
                  "unique": bool(col.get("unique"))}
            if "default" in col:
                kw["default"] = col["default"]
            ns[col["name"]] = sa.Column(col["name"], *args, **kw)
        for rel in cdef.get("relationships", []):
            kw = {}
            if rel.get("backref"):
                kw["back_populates"] = rel["backref"]
            if rel.get("cascade"):
                kw["cascade"] = rel["cascade"]
            if rel["kind"] == "one-to-many":
                kw["order_by"] = "%s.%s" % (rel["target"], [c["name"] for c in defs[rel["target"]]["columns"] if c.get("primaryKey")][0])
            ns[rel["name"]] = relationship(rel["target"], **kw)
        # backref declared on the other side only: create the inverse
        classes[cdef["name"]] = ns
    # inverse sides of relationships that name a backref the target does not declare
    for cdef in project["classes"]:
        for rel in cdef.get("relationships", []):
            b = rel.get("backref")
            if b and b not in classes[rel["target"]]:
                classes[rel["target"]][b] = relationship(cdef["name"], back_populates=rel["name"])
    built = {}
    for name in classes:  # in declaration order
        built[name] = type(name, (Base,), classes[name])
    orm.configure_mappers()
    return Base, built


def install_global_listeners():
    for name in ["instrument_class", "before_mapper_configured", "mapper_configured"]:
        event.listen(orm.Mapper, name, (lambda n: lambda mapper, cls=None: emit("mapper", n, cls=mapper.class_))(name))
    for name in ["before_configured", "after_configured"]:
        event.listen(orm.Mapper, name, (lambda n: lambda: emit("mapper", n))(name))


def install_class_listeners(cls):
    for name in ["before_insert", "after_insert", "before_update", "after_update", "before_delete", "after_delete"]:
        event.listen(cls, name, (lambda n: lambda mapper, conn, target: emit("mapper", n, obj=target))(name))
    event.listen(cls, "init", lambda target, args, kwargs: emit("instance", "init", obj=target))
    event.listen(cls, "init_failure", lambda target, args, kwargs: emit("instance", "init_failure", obj=target))
    event.listen(cls, "load", lambda target, ctx: emit("instance", "load", obj=target))
    event.listen(cls, "refresh", lambda target, ctx, attrs: emit("instance", "refresh", obj=target, attrs=sorted(attrs) if attrs else None))
    event.listen(cls, "refresh_flush", lambda target, ctx, attrs: emit("instance", "refresh_flush", obj=target, attrs=sorted(attrs) if attrs else None))
    event.listen(cls, "expire", lambda target, attrs: emit("instance", "expire", obj=target, attrs=sorted(attrs) if attrs else None))
    mapper = sa.inspect(cls)
    for prop in mapper.attrs:
        attr = getattr(cls, prop.key)
        key = prop.key
        is_coll = isinstance(prop, orm.RelationshipProperty) and prop.uselist
        event.listen(attr, "set", (lambda k: lambda t, v, o, i: emit("attribute", "set", obj=t, attr=k, value=v, old=None if o in (orm.attributes.NO_VALUE, orm.attributes.NEVER_SET) else o))(key))
        event.listen(attr, "modified", (lambda k: lambda t, i: emit("attribute", "modified", obj=t, attr=k))(key))
        if not isinstance(prop, orm.RelationshipProperty):
            event.listen(attr, "init_scalar", (lambda k: lambda t, v, d: emit("attribute", "init_scalar", obj=t, attr=k))(key))
        if is_coll:
            event.listen(attr, "append", (lambda k: lambda t, v, i: emit("attribute", "append", obj=t, attr=k, value=v))(key))
            event.listen(attr, "remove", (lambda k: lambda t, v, i: emit("attribute", "remove", obj=t, attr=k, value=v))(key))
            event.listen(attr, "init_collection", (lambda k: lambda t, c, a: emit("attribute", "init_collection", obj=t, attr=k))(key))
            event.listen(attr, "dispose_collection", (lambda k: lambda t, c, a: emit("attribute", "dispose_collection", obj=t, attr=k))(key))
            event.listen(attr, "bulk_replace", (lambda k: lambda t, v, i: emit("attribute", "bulk_replace", obj=t, attr=k))(key))


def install_session_listeners(session):
    def s(name, fn):
        event.listen(session, name, fn)
    s("before_flush", lambda sess, ctx, inst: emit("session", "before_flush"))
    s("after_flush", lambda sess, ctx: emit("session", "after_flush"))
    s("after_flush_postexec", lambda sess, ctx: emit("session", "after_flush_postexec"))
    s("after_begin", lambda sess, tx, conn: emit("session", "after_begin"))
    s("before_commit", lambda sess: emit("session", "before_commit"))
    s("after_commit", lambda sess: emit("session", "after_commit"))
    s("after_rollback", lambda sess: emit("session", "after_rollback"))
    s("after_soft_rollback", lambda sess, prev: emit("session", "after_soft_rollback"))
    s("after_transaction_create", lambda sess, tx: emit("session", "after_transaction_create", nested=tx.nested, subtransaction=tx.parent is not None and not tx.nested))
    s("after_transaction_end", lambda sess, tx: emit("session", "after_transaction_end", nested=tx.nested, subtransaction=tx.parent is not None and not tx.nested))
    s("before_attach", lambda sess, obj: emit("session", "before_attach", obj=obj))
    s("after_attach", lambda sess, obj: emit("session", "after_attach", obj=obj))
    s("do_orm_execute", lambda st: emit("session", "do_orm_execute", kind="select" if st.is_select else "update" if st.is_update else "delete" if st.is_delete else "other"))
    s("after_bulk_update", lambda ctx: emit("session", "after_bulk_update"))
    s("after_bulk_delete", lambda ctx: emit("session", "after_bulk_delete"))
    for name in ["transient_to_pending", "pending_to_transient", "persistent_to_transient", "pending_to_persistent",
                 "detached_to_persistent", "loaded_as_persistent", "persistent_to_deleted", "deleted_to_persistent",
                 "deleted_to_detached", "persistent_to_detached"]:
        s(name, (lambda n: lambda sess, obj: emit("session", n, obj=obj))(name))


def resolve(label):
    if label not in objects:
        raise SystemExit("unknown ref %s" % label)
    return objects[label]


def coerce(cls, attr, value):
    col = cls.__table__.c.get(attr)
    if col is not None and value is not None:
        if isinstance(col.type, sa.DateTime):
            return datetime.datetime.fromisoformat(value)
        if isinstance(col.type, sa.Date):
            return datetime.date.fromisoformat(value)
    if isinstance(value, list):
        return [coerce(cls, attr, v) for v in value]
    if isinstance(value, dict) and "ref" in value:
        return resolve(value["ref"])
    return value


def where_clause(cls, where):
    return [getattr(cls, k) == coerce(cls, k, v) for k, v in (where or {}).items()]


def run(project, scenario_name=None):
    install_global_listeners()
    Base, classes = build(project)
    for c in classes.values():
        install_class_listeners(c)
    engine = sa.create_engine("sqlite://", future=True)
    Base.metadata.create_all(engine)
    phase[0] = "scenario"
    opts = project.get("session", {})
    session = Session(engine, future=True, autoflush=opts.get("autoflush", True),
                      expire_on_commit=opts.get("expireOnCommit", True))
    install_session_listeners(session)
    scen = project["scenarios"][0]
    if scenario_name:
        scen = [s for s in project["scenarios"] if s["name"] == scenario_name][0]
    for i, step in enumerate(scen["steps"]):
        op = step["op"]
        trace.append({"seq": len(trace) + 1, "phase": "scenario", "category": "step", "event": op, "step": i,
                      "class": None, "ref": step.get("ref") or step.get("as"), "attr": step.get("attr")})
        try:
            do_step(session, classes, step)
        except SystemExit:
            raise
        except Exception as exc:  # the step failed: record it, as the project's trace does
            trace.append({"seq": len(trace) + 1, "phase": "scenario", "category": "step", "event": "error",
                          "step": i, "class": None, "ref": None, "attr": None, "error": type(exc).__name__})
            if not step.get("expectError"):
                raise
            continue
        if step.get("expectError"):
            raise SystemExit("step %d was expected to fail" % i)
    return trace


def do_step(session, classes, step):
    op = step["op"]
    if op == "new":
        cls = classes[step["class"]]
        values = step.get("values", {})
        pending_label[0] = step["as"]
        try:
            obj = cls.__new__(cls)
            labels[id(obj)] = step["as"]
            objects[step["as"]] = obj
            pending_label[0] = None
            kwargs = {}
            cdef = [c for c in CURRENT["classes"] if c["name"] == step["class"]][0]
            order = [c["name"] for c in cdef["columns"]] + [r["name"] for r in cdef.get("relationships", [])]
            order += [k for k in values if k not in order]
            for k in order:
                if k in values:
                    kwargs[k] = coerce(cls, k, values[k])
            obj.__init__(**kwargs)
        finally:
            pending_label[0] = None
    elif op == "add":
        session.add(resolve(step["ref"]))
    elif op == "set":
        obj = resolve(step["ref"])
        setattr(obj, step["attr"], coerce(type(obj), step["attr"], step.get("value")))
    elif op == "read":
        getattr(resolve(step["ref"]), step["attr"])
    elif op == "append":
        getattr(resolve(step["ref"]), step["attr"]).append(resolve(step["item"]))
    elif op == "remove":
        getattr(resolve(step["ref"]), step["attr"]).remove(resolve(step["item"]))
    elif op == "delete":
        session.delete(resolve(step["ref"]))
    elif op == "flush":
        session.flush()
    elif op == "commit":
        session.commit()
    elif op == "rollback":
        session.rollback()
    elif op == "expire":
        session.expire(resolve(step["ref"]), step.get("attrs"))
    elif op == "refresh":
        session.refresh(resolve(step["ref"]), step.get("attrs"))
    elif op == "expunge":
        session.expunge(resolve(step["ref"]))
    elif op == "close":
        session.close()
    elif op == "get":
        session.get(classes[step["class"]], step["id"])
    elif op == "query":
        cls = classes[step["class"]]
        q = sa.select(cls).where(*where_clause(cls, step.get("where")))
        pk = sa.inspect(cls).primary_key[0]
        q = q.order_by(getattr(cls, step["orderBy"]) if step.get("orderBy") else pk)
        list(session.execute(q).scalars())
    elif op == "bulk_update":
        cls = classes[step["class"]]
        session.execute(sa.update(cls).where(*where_clause(cls, step.get("where"))).values(**step["values"]))
    elif op == "bulk_delete":
        cls = classes[step["class"]]
        session.execute(sa.delete(cls).where(*where_clause(cls, step.get("where"))))
    else:
        raise SystemExit("unknown op %s" % op)


CURRENT = {}

if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        CURRENT = json.load(f)
    run(CURRENT, sys.argv[2] if len(sys.argv) > 2 else None)
    for rec in trace:
        print(json.dumps(rec))
