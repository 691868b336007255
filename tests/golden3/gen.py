#!/usr/bin/python3
"""Writes the projects of tests/golden3 (see README.md)."""
import json, os

here = os.path.dirname(os.path.abspath(__file__))

def project(name, classes, scenarios):
    return {"format": "mapperscope-project", "version": 2, "name": name,
            "database": {"driver": "QSQLITE", "name": ":memory:"},
            "session": {"autoflush": True, "expireOnCommit": True},
            "classes": classes, "listeners": [], "scenarios": scenarios, "view": {}}

def new(cls, label, **values):
    return {"op": "new", "class": cls, "as": label, "values": values}

def ref(label):
    return {"ref": label}

def op(name, **kw):
    d = {"op": name}
    d.update(kw)
    return d

# ---- editors: Post.author and Post.editor, two foreign keys to User -------------
editors_classes = [
    {"name": "User", "table": "users", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "name", "type": "text", "nullable": False, "unique": True}]},
    {"name": "Post", "table": "posts", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "title", "type": "text", "nullable": False},
        {"name": "author_id", "type": "integer", "references": "User"},
        {"name": "editor_id", "type": "integer", "references": "User"}],
     "relationships": [
        {"name": "author", "kind": "many-to-one", "target": "User", "backref": "posts",
         "foreignKey": "author_id"},
        {"name": "editor", "kind": "many-to-one", "target": "User", "backref": "edited",
         "foreignKey": "editor_id"}]},
]
setup = [
    new("User", "ada", name="ada"), new("User", "bob", name="bob"),
    new("Post", "p1", title="one", author=ref("ada"), editor=ref("bob")),
    new("Post", "p2", title="two", author=ref("bob"), editor=ref("ada")),
    op("add", ref="p1"), op("add", ref="p2"), op("commit"),
]
editors_scenarios = [
    {"name": "author and editor", "steps": setup + [
        op("read", ref="ada", attr="posts"), op("read", ref="ada", attr="edited"),
        op("read", ref="bob", attr="posts"), op("read", ref="p1", attr="editor")]},
    {"name": "one user in both roles", "steps": [
        new("User", "ada", name="ada"),
        new("Post", "p1", title="one", author=ref("ada"), editor=ref("ada")),
        op("add", ref="p1"), op("flush"),
        op("read", ref="ada", attr="posts"), op("read", ref="ada", attr="edited"), op("commit")]},
    {"name": "change the editor", "steps": setup + [
        op("read", ref="ada", attr="edited"), op("read", ref="bob", attr="edited"),
        op("set", ref="p1", attr="editor", value=ref("ada")), op("flush"),
        op("read", ref="bob", attr="edited"), op("commit")]},
    {"name": "append to one backref collection", "steps": setup + [
        new("Post", "p3", title="three", author=ref("ada")),
        op("append", ref="bob", attr="edited", item="p3"), op("flush"),
        op("read", ref="p3", attr="editor"), op("read", ref="ada", attr="posts"), op("commit")]},
    {"name": "remove from one role only", "steps": setup + [
        op("remove", ref="ada", attr="edited", item="p2"), op("flush"),
        op("read", ref="p2", attr="author"), op("read", ref="p2", attr="editor"), op("commit")]},
    {"name": "delete a user with posts in both roles", "steps": setup + [
        op("delete", ref="ada"), op("flush"),
        op("read", ref="p1", attr="author_id"), op("read", ref="p2", attr="editor_id"),
        op("commit")]},
    {"name": "query by either key", "steps": setup + [
        op("query", **{"class": "Post", "where": {"editor_id": 1}}),
        op("query", **{"class": "Post", "where": {"author_id": 1}, "orderBy": "title"}),
        op("close"), op("get", **{"class": "User", "id": 2}), op("read", ref="User#2", attr="edited")]},
]

# ---- staff: Employee.manager and Employee.mentor, both to Employee ----------------
staff_classes = [
    {"name": "Employee", "table": "employees", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "name", "type": "text", "nullable": False},
        {"name": "manager_id", "type": "integer", "references": "Employee"},
        {"name": "mentor_id", "type": "integer", "references": "Employee"}],
     "relationships": [
        {"name": "manager", "kind": "many-to-one", "target": "Employee", "backref": "reports",
         "foreignKey": "manager_id"},
        {"name": "mentor", "kind": "many-to-one", "target": "Employee", "foreignKey": "mentor_id"}]},
]
staff_scenarios = [
    {"name": "manager and mentor", "steps": [
        new("Employee", "boss", name="boss"),
        new("Employee", "eve", name="eve", manager=ref("boss"), mentor=ref("boss")),
        new("Employee", "sam", name="sam", manager=ref("boss"), mentor=ref("eve")),
        op("add", ref="sam"), op("flush"),
        op("read", ref="boss", attr="reports"), op("commit"),
        op("read", ref="sam", attr="mentor"), op("read", ref="eve", attr="reports")]},
    {"name": "mentor outside the chain", "steps": [
        new("Employee", "boss", name="boss"), new("Employee", "eve", name="eve"),
        new("Employee", "sam", name="sam"),
        op("add", ref="boss"), op("add", ref="eve"), op("add", ref="sam"), op("commit"),
        op("set", ref="sam", attr="mentor", value=ref("eve")),
        op("append", ref="boss", attr="reports", item="sam"), op("flush"),
        op("read", ref="sam", attr="manager_id"), op("read", ref="sam", attr="mentor_id"),
        op("delete", ref="eve"), op("flush"), op("read", ref="sam", attr="mentor_id"),
        op("rollback"), op("read", ref="sam", attr="mentor")]},
    {"name": "manager and mentor of each other", "steps": [
        new("Employee", "boss", name="boss"), new("Employee", "eve", name="eve"),
        op("add", ref="boss"), op("add", ref="eve"), op("commit"),
        op("set", ref="boss", attr="mentor", value=ref("eve")),
        op("append", ref="boss", attr="reports", item="eve"),
        dict(op("flush"), expectError=True), op("rollback")]},
]

# ---- lazy: N+1, a query's objects each lazy loading one relationship --------
lazy_classes = [
    {"name": "User", "table": "users", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "name", "type": "text", "nullable": False}],
     "relationships": [{"name": "posts", "kind": "one-to-many", "target": "Post", "backref": "author"}]},
    {"name": "Post", "table": "posts", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "title", "type": "text", "nullable": False},
        {"name": "user_id", "type": "integer", "references": "User"}]},
]
people = ["ada", "bob", "cy", "dee"]
lazy_setup = []
for n in people:
    lazy_setup.append(new("User", n, name=n))
    lazy_setup.append(op("add", ref=n))
    for k in (1, 2):
        lazy_setup.append(new("Post", "%s_%d" % (n, k), title="%s %d" % (n, k), author=ref(n)))
        lazy_setup.append(op("add", ref="%s_%d" % (n, k)))
lazy_setup += [op("commit"), op("close")]
lazy_scenarios = [
    {"name": "posts of each user after a query", "steps": lazy_setup + [
        op("query", **{"class": "User"})]
        + [op("read", ref="User#%d" % (i + 1), attr="posts") for i in range(len(people))]},
    {"name": "posts of one user only", "steps": lazy_setup + [
        op("query", **{"class": "User", "where": {"name": "bob"}}),
        op("read", ref="User#2", attr="posts"), op("get", **{"class": "User", "id": 3}),
        op("read", ref="User#3", attr="posts")]},
]

for name, classes, scenarios in [("editors", editors_classes, editors_scenarios),
                                  ("staff", staff_classes, staff_scenarios),
                                  ("lazy", lazy_classes, lazy_scenarios)]:
    with open(os.path.join(here, name + ".msproj"), "w") as f:
        json.dump(project(name, classes, scenarios), f, indent=2)
        f.write("\n")
