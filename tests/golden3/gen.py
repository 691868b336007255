#!/usr/bin/python3
"""Writes the projects of tests/golden3 (see README.md)."""
import json, os

here = os.path.dirname(os.path.abspath(__file__))

def project(name, classes, scenarios, version=2):
    return {"format": "mapperscope-project", "version": version, "name": name,
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

# ---- loading: the query options of SQLAlchemy's loaders on User 1-n Post ---------
def query(cls, options=None, **kw):
    d = op("query", **{"class": cls})
    d.update(kw)
    if options:
        d["options"] = options
    return d

reads = [op("read", ref="User#%d" % (i + 1), attr="posts") for i in range(len(people))]
author_reads = [op("read", ref="Post#%d" % i, attr="author") for i in (1, 3, 5, 9)]
loading_setup = lazy_setup[:-2] + [new("Post", "loose", title="no author"), op("add", ref="loose"),
                                   op("commit"), op("close")]
loading_scenarios = [
    {"name": "joinedload of posts", "steps": loading_setup + [query("User", {"posts": "joined"})] + reads},
    {"name": "selectinload of posts", "steps": loading_setup + [query("User", {"posts": "selectin"})] + reads},
    {"name": "subqueryload of posts", "steps": loading_setup + [query("User", {"posts": "subquery"})] + reads},
    {"name": "selectinload with a filter", "steps": loading_setup + [
        query("User", {"posts": "selectin"}, where={"name": "cy"}), op("read", ref="User#3", attr="posts"),
        op("read", ref="Post#5", attr="author")]},
    {"name": "raiseload of posts", "steps": loading_setup + [
        query("User", {"posts": "raise"}), dict(op("read", ref="User#1", attr="posts"), expectError=True),
        op("get", **{"class": "Post", "id": 1}), op("read", ref="Post#1", attr="author"),
        dict(op("append", ref="User#2", attr="posts", item="Post#1"), expectError=True)]},
    {"name": "noload of posts", "steps": loading_setup + [
        query("User", {"posts": "noload"}), op("read", ref="User#1", attr="posts"), op("get", **{"class": "Post", "id": 9}),
        op("append", ref="User#1", attr="posts", item="Post#9"), op("flush"),
        op("read", ref="User#1", attr="posts")]},
    {"name": "joinedload of authors", "steps": loading_setup + [query("Post", {"author": "joined"})] + author_reads},
    {"name": "selectinload of authors", "steps": loading_setup + [query("Post", {"author": "selectin"})]
     + author_reads},
    {"name": "a second query of loaded users", "steps": loading_setup + [
        query("User", where={"name": "ada"}), op("read", ref="User#1", attr="posts"),
        query("User", {"posts": "selectin"}), op("read", ref="User#1", attr="posts"),
        op("read", ref="User#2", attr="posts")]},
    {"name": "noload of authors", "steps": loading_setup + [
        query("Post", {"author": "noload"}), op("read", ref="Post#1", attr="author"),
        op("get", **{"class": "User", "id": 2}), op("set", ref="Post#1", attr="author", value=ref("User#2")),
        op("commit"), op("read", ref="Post#1", attr="author"), op("read", ref="Post#1", attr="user_id")]},
    {"name": "no rows, no second query", "steps": loading_setup + [
        query("User", {"posts": "selectin"}, where={"name": "nobody"}),
        query("User", {"posts": "subquery"}, where={"name": "nobody"})]},
]

# ---- eager: lazy= on the relationships: User.posts selectin, Post.comments joined --
eager_classes = [
    {"name": "User", "table": "users", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "name", "type": "text", "nullable": False}],
     "relationships": [{"name": "posts", "kind": "one-to-many", "target": "Post", "backref": "author",
                        "lazy": "selectin"}]},
    {"name": "Post", "table": "posts", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "title", "type": "text", "nullable": False},
        {"name": "user_id", "type": "integer", "references": "User"}],
     "relationships": [{"name": "comments", "kind": "one-to-many", "target": "Comment", "backref": "post",
                        "lazy": "joined", "cascade": "all, delete-orphan"}]},
    {"name": "Comment", "table": "comments", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "body", "type": "text", "nullable": False},
        {"name": "post_id", "type": "integer", "references": "Post"}]},
]
eager_setup = []
for n in people[:3]:
    eager_setup += [new("User", n, name=n), op("add", ref=n)]
    for k in (1, 2):
        p = "%s_%d" % (n, k)
        eager_setup += [new("Post", p, title=p, author=ref(n)), op("add", ref=p)]
        for c in range(k):
            eager_setup += [new("Comment", "%s_c%d" % (p, c), body="on %s" % p, post=ref(p)),
                            op("add", ref="%s_c%d" % (p, c))]
eager_setup += [op("commit"), op("close")]
eager_scenarios = [
    {"name": "a query of users", "steps": eager_setup + [query("User")]
     + [op("read", ref="User#%d" % i, attr="posts") for i in (1, 2, 3)]
     + [op("read", ref="Post#%d" % i, attr="comments") for i in (1, 2)]},
    {"name": "get of a user", "steps": eager_setup + [op("get", **{"class": "User", "id": 2}),
                                                      op("read", ref="User#2", attr="posts")]},
    {"name": "a refresh after commit", "steps": eager_setup + [
        query("User", where={"name": "ada"}), op("set", ref="User#1", attr="name", value="Ada"), op("commit"),
        op("read", ref="User#1", attr="name"), op("read", ref="User#1", attr="posts"),
        op("read", ref="Post#2", attr="title")]},
    {"name": "a query of comments", "steps": eager_setup + [
        query("Comment"), op("read", ref="Comment#1", attr="post"), op("read", ref="Post#1", attr="author"),
        op("read", ref="User#1", attr="posts"), op("read", ref="Comment#4", attr="post")]},
    {"name": "delete a post", "steps": eager_setup + [
        op("get", **{"class": "Post", "id": 2}), op("delete", ref="Post#2"), op("commit"),
        query("User", {"posts": "joined"})]},
    {"name": "lazyload option", "steps": eager_setup + [
        query("User", {"posts": "select"}), op("read", ref="User#1", attr="posts")]},
]

# ---- raising: User.posts lazy="raise", Post.author lazy="noload" ------------------
raising_classes = [
    {"name": "User", "table": "users", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "name", "type": "text", "nullable": False}],
     "relationships": [{"name": "posts", "kind": "one-to-many", "target": "Post", "backref": "author",
                        "lazy": "raise"}]},
    {"name": "Post", "table": "posts", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "title", "type": "text", "nullable": False},
        {"name": "user_id", "type": "integer", "references": "User"}]},
]
raising_setup = []
for n in people[:2]:
    raising_setup += [new("User", n, name=n), op("add", ref=n)]
    for k in (1, 2):
        raising_setup += [new("Post", "%s_%d" % (n, k), title="%s %d" % (n, k), author=ref(n)),
                          op("add", ref="%s_%d" % (n, k))]
raising_setup += [op("commit"), op("close")]
raising_scenarios = [
    {"name": "reading a raise relationship", "steps": raising_setup + [
        query("User"), dict(op("read", ref="User#1", attr="posts"), expectError=True),
        dict(op("append", ref="User#1", attr="posts", item="ada_1"), expectError=True)]},
    {"name": "lazyload option over raise", "steps": raising_setup + [
        query("User", {"posts": "select"}, where={"name": "ada"}), op("read", ref="User#1", attr="posts"),
        op("get", **{"class": "User", "id": 2}), dict(op("read", ref="User#2", attr="posts"), expectError=True)]},
    {"name": "delete a user whose posts raise", "steps": raising_setup + [
        op("get", **{"class": "User", "id": 1}), op("delete", ref="User#1"), op("flush")]},
    {"name": "set the author of a post", "steps": raising_setup + [
        op("get", **{"class": "Post", "id": 1}), op("get", **{"class": "User", "id": 2}),
        op("set", ref="Post#1", attr="author", value=ref("User#2")), op("commit"),
        op("read", ref="Post#1", attr="author")]},
    {"name": "joinedload option over raise", "steps": raising_setup + [
        query("User", {"posts": "joined"}), op("read", ref="User#1", attr="posts"), op("commit"),
        dict(op("read", ref="User#1", attr="posts"), expectError=True)]},
]

# ---- onetoone: User.profile and User.passport, one-to-one (uselist=False) ---------
onetoone_classes = [
    {"name": "User", "table": "users", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "name", "type": "text", "nullable": False, "unique": True}],
     "relationships": [
        {"name": "profile", "kind": "one-to-one", "target": "Profile", "backref": "user"},
        {"name": "passport", "kind": "one-to-one", "target": "Passport", "backref": "holder",
         "cascade": "all, delete-orphan"}]},
    {"name": "Profile", "table": "profiles", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "bio", "type": "text", "nullable": False},
        {"name": "user_id", "type": "integer", "references": "User"}]},
    {"name": "Passport", "table": "passports", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "number", "type": "text", "nullable": False},
        {"name": "user_id", "type": "integer", "references": "User"}]},
]
o2o_setup = [
    new("User", "ada", name="ada"), new("User", "bob", name="bob"),
    new("Profile", "pa", bio="ada's", user=ref("ada")), new("Profile", "pb", bio="bob's", user=ref("bob")),
    new("Passport", "xa", number="A1", holder=ref("ada")),
    op("add", ref="ada"), op("add", ref="bob"), op("commit"),
]
onetoone_scenarios = [
    {"name": "set and replace", "steps": [
        new("User", "ada", name="ada"), new("Profile", "p1", bio="one"),
        op("set", ref="ada", attr="profile", value=ref("p1")), op("add", ref="ada"), op("flush"),
        new("Profile", "p2", bio="two"), op("set", ref="ada", attr="profile", value=ref("p2")),
        op("read", ref="p1", attr="user"), op("flush"), op("read", ref="p1", attr="user_id"),
        op("commit")]},
    {"name": "set while not loaded", "steps": o2o_setup + [
        new("Profile", "p2", bio="new"), op("set", ref="ada", attr="profile", value=ref("p2")),
        op("flush"), op("read", ref="pa", attr="user_id"), op("read", ref="ada", attr="profile"),
        op("commit")]},
    {"name": "move through the many-to-one", "steps": o2o_setup + [
        op("read", ref="ada", attr="profile"), op("read", ref="bob", attr="profile"),
        op("set", ref="pa", attr="user", value=ref("bob")), op("read", ref="ada", attr="profile"),
        op("flush"), op("read", ref="pb", attr="user_id"), op("commit")]},
    {"name": "move while not loaded", "steps": o2o_setup + [
        op("set", ref="pa", attr="user", value=ref("bob")), op("flush"),
        op("read", ref="bob", attr="profile"), op("read", ref="pb", attr="user_id"), op("commit")]},
    {"name": "set to None", "steps": o2o_setup + [
        op("read", ref="ada", attr="profile"), op("set", ref="ada", attr="profile", value=None),
        op("read", ref="pa", attr="user"), op("commit"), op("read", ref="pa", attr="user_id")]},
    {"name": "replace a delete-orphan passport", "steps": o2o_setup + [
        new("Passport", "xn", number="A2"), op("set", ref="ada", attr="passport", value=ref("xn")),
        op("flush"), op("read", ref="ada", attr="passport"), op("commit")]},
    {"name": "a pending orphan leaves", "steps": [
        new("User", "ada", name="ada"), new("Passport", "x1", number="A1"),
        new("Passport", "x2", number="A2"), op("add", ref="ada"),
        op("set", ref="ada", attr="passport", value=ref("x1")),
        op("set", ref="ada", attr="passport", value=ref("x2")), op("flush"), op("commit")]},
    {"name": "delete the parent", "steps": o2o_setup + [
        op("delete", ref="ada"), op("flush"), op("read", ref="pa", attr="user_id"), op("commit")]},
    {"name": "read on a new object", "steps": [
        new("User", "ada", name="ada"), op("read", ref="ada", attr="profile"), op("add", ref="ada"),
        op("flush"), op("read", ref="ada", attr="profile"), op("read", ref="ada", attr="passport"),
        op("commit")]},
    {"name": "loaded with the parent", "steps": o2o_setup + [
        op("close"), query("User", {"profile": "joined", "passport": "selectin"}),
        op("read", ref="User#1", attr="profile"), op("read", ref="User#2", attr="passport"),
        op("close"), query("Profile", {"user": "joined"}), op("read", ref="User#2", attr="profile"),
        op("close"), query("User", {"profile": "subquery"}), op("read", ref="User#1", attr="profile")]},
]

# the same model, User.passport loaded lazy="raise"
onetoone_raise_classes = json.loads(json.dumps(onetoone_classes))
onetoone_raise_classes[0]["relationships"][1]["lazy"] = "raise"
onetoone_raise_scenarios = [
    {"name": "reading a raise one-to-one", "steps": o2o_setup + [
        dict(op("read", ref="ada", attr="passport"), expectError=True),
        query("User", {"passport": "joined"}), op("read", ref="ada", attr="passport")]},
    {"name": "set while not loaded", "steps": o2o_setup + [
        new("Passport", "xn", number="A2"), op("set", ref="ada", attr="passport", value=ref("xn")),
        op("flush"), op("commit")]},
    {"name": "the delete cascade refuses to load it", "steps": o2o_setup + [
        dict(op("delete", ref="ada"), expectError=True), op("rollback")]},
]
# a self-referential one-to-one: Node.next (the next node holds prev_id), backref prev
chain_classes = [
    {"name": "Node", "table": "nodes", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "name", "type": "text"},
        {"name": "prev_id", "type": "integer", "references": "Node"}],
     "relationships": [{"name": "next", "kind": "one-to-one", "target": "Node", "backref": "prev"}]},
]
chain_setup = [
    new("Node", "a", name="a"), new("Node", "b", name="b", prev=ref("a")), new("Node", "c", name="c"),
    op("add", ref="a"), op("add", ref="c"), op("commit"),
]
chain_scenarios = [
    {"name": "relink while not loaded", "steps": chain_setup + [
        op("set", ref="a", attr="next", value=ref("c")), op("read", ref="b", attr="prev"), op("flush"),
        op("read", ref="b", attr="prev_id"), op("set", ref="c", attr="next", value=ref("b")), op("commit"),
        query("Node", {"next": "joined"}), op("read", ref="a", attr="next")]},
    {"name": "relink after a read", "steps": chain_setup + [
        op("read", ref="a", attr="next"), op("set", ref="a", attr="next", value=ref("c")), op("flush"),
        op("read", ref="b", attr="prev_id"), op("commit")]},
]

raising_scenarios.append(
    {"name": "replacing a raise collection", "steps": raising_setup + [
        op("get", **{"class": "User", "id": 1}),
        dict(op("set", ref="User#1", attr="posts", value=[]), expectError=True)]})

# ---- tagging: Post.tags, a many-to-many through post_tags, backref Tag.posts ------
def rel_with(cascade, lazy, **rel):
    """A relationship, with cascade= and lazy= when given."""
    if cascade:
        rel["cascade"] = cascade
    if lazy:
        rel["lazy"] = lazy
    return rel

def tagging(cascade=None, lazy=None):
    rel = rel_with(cascade, lazy, name="tags", kind="many-to-many", target="Tag", secondary="post_tags",
                   backref="posts")
    return [
        {"name": "Post", "table": "posts", "columns": [
            {"name": "id", "type": "integer", "primaryKey": True},
            {"name": "title", "type": "text", "nullable": False}],
         "relationships": [rel]},
        {"name": "Tag", "table": "tags", "columns": [
            {"name": "id", "type": "integer", "primaryKey": True},
            {"name": "name", "type": "text", "nullable": False, "unique": True}]},
    ]
tag_setup = [
    new("Post", "p1", title="one"), new("Post", "p2", title="two"),
    new("Tag", "t1", name="orm"), new("Tag", "t2", name="sql"),
    op("append", ref="p1", attr="tags", item="t1"), op("append", ref="p1", attr="tags", item="t2"),
    op("append", ref="p2", attr="tags", item="t1"),
    op("add", ref="p1"), op("add", ref="p2"), op("commit"),
]
tagging_scenarios = [
    {"name": "tag two posts", "steps": tag_setup + [
        op("read", ref="t1", attr="posts"), op("read", ref="p1", attr="tags"),
        op("read", ref="t2", attr="posts")]},
    {"name": "remove a tag", "steps": tag_setup + [
        op("remove", ref="p1", attr="tags", item="t1"), op("flush"),
        op("read", ref="t1", attr="posts"), op("commit"), op("read", ref="p1", attr="tags")]},
    {"name": "remove on the other side", "steps": tag_setup + [
        op("remove", ref="t1", attr="posts", item="p1"), op("flush"),
        op("read", ref="p1", attr="tags"), op("commit")]},
    {"name": "append on both sides", "steps": tag_setup + [
        op("read", ref="p2", attr="tags"),
        op("append", ref="t2", attr="posts", item="p2"),
        new("Tag", "t3", name="new"), op("append", ref="p1", attr="tags", item="t3"),
        op("flush"), op("read", ref="t3", attr="posts"), op("commit"),
        op("read", ref="t2", attr="posts")]},
    {"name": "delete a post", "steps": tag_setup + [
        op("delete", ref="p1"), op("flush"), op("read", ref="t1", attr="posts"), op("commit"),
        op("read", ref="t1", attr="posts")]},
    {"name": "delete a tag", "steps": tag_setup + [
        op("read", ref="p1", attr="tags"), op("delete", ref="t1"), op("flush"),
        op("read", ref="p1", attr="tags"), op("commit"), op("read", ref="p1", attr="tags")]},
    {"name": "replace the collection", "steps": tag_setup + [
        op("set", ref="p1", attr="tags", value=[ref("t2")]), op("flush"),
        op("read", ref="t1", attr="posts"), op("commit"), op("read", ref="t2", attr="posts")]},
    {"name": "roll back an append", "steps": tag_setup + [
        op("append", ref="p2", attr="tags", item="t2"), op("flush"), op("rollback"),
        op("read", ref="p2", attr="tags"), op("read", ref="t2", attr="posts")]},
    {"name": "the same tag twice", "steps": tag_setup + [
        op("append", ref="p2", attr="tags", item="t2"), op("append", ref="p2", attr="tags", item="t2"),
        dict(op("flush"), expectError=True), op("rollback"), op("read", ref="p2", attr="tags")]},
    {"name": "a new post with tags", "steps": [
        new("Tag", "t1", name="orm"), op("add", ref="t1"), op("commit"),
        new("Post", "p1", title="one", tags=[ref("t1")]), op("add", ref="p1"), op("flush"),
        op("read", ref="t1", attr="posts"), op("commit")]},
]
tagging_cascade_scenarios = [
    {"name": "delete cascades to the tags", "steps": tag_setup + [
        op("delete", ref="p1"), op("flush"), op("read", ref="p2", attr="tags"), op("commit"),
        op("read", ref="p2", attr="tags")]},
    {"name": "delete a post whose tags are loaded", "steps": tag_setup + [
        op("read", ref="p2", attr="tags"), op("delete", ref="p2"), op("commit"),
        op("read", ref="p1", attr="tags")]},
]
tagging_raise_scenarios = [
    {"name": "reading raises", "steps": tag_setup + [
        dict(op("read", ref="p1", attr="tags"), expectError=True), op("read", ref="t1", attr="posts"),
        op("append", ref="t2", attr="posts", item="p2"), op("flush"), op("commit")]},
    {"name": "a delete loads it all the same", "steps": tag_setup + [
        op("delete", ref="p1"), op("flush"), op("commit"), op("read", ref="t1", attr="posts")]},
]
tagging_noload_scenarios = [
    {"name": "noload keeps what is set", "steps": tag_setup + [
        op("read", ref="p1", attr="tags"), new("Tag", "t3", name="new"),
        op("append", ref="p1", attr="tags", item="t3"),
        op("flush"), op("read", ref="t3", attr="posts"), op("commit")]},
]

tag_closed = tag_setup + [new("Post", "p3", title="three"), op("add", ref="p3"), op("commit"), op("close")]
tag_reads = [op("read", ref="Post#%d" % i, attr="tags") for i in (1, 2, 3)]
tagging_loading_scenarios = [
    {"name": "joinedload of tags", "steps": tag_closed + [query("Post", {"tags": "joined"})] + tag_reads},
    {"name": "selectinload of tags", "steps": tag_closed + [query("Post", {"tags": "selectin"})] + tag_reads},
    {"name": "subqueryload of tags", "steps": tag_closed + [query("Post", {"tags": "subquery"})] + tag_reads},
    {"name": "selectinload of posts", "steps": tag_closed + [query("Tag", {"posts": "selectin"}),
        op("read", ref="Tag#1", attr="posts"), op("read", ref="Tag#2", attr="posts")]},
    {"name": "joinedload with a filter", "steps": tag_closed + [
        query("Post", {"tags": "joined"}, where={"title": "two"}), op("read", ref="Post#2", attr="tags"),
        op("read", ref="Tag#1", attr="posts")]},
    {"name": "selectinload in the order of the tags", "steps": [
        new("Tag", "t1", name="orm"), new("Tag", "t2", name="sql"), op("add", ref="t1"), op("add", ref="t2"),
        new("Post", "p1", title="one", tags=[ref("t2")]), new("Post", "p2", title="two", tags=[ref("t1")]),
        op("add", ref="p1"), op("add", ref="p2"), op("commit"), op("close"),
        query("Post", {"tags": "selectin"}), op("read", ref="Post#1", attr="tags"),
        op("close"), query("Post", {"tags": "subquery"}), op("read", ref="Post#2", attr="tags")]},
    {"name": "subqueryload of a second query", "steps": tag_closed + [
        query("Post", where={"title": "one"}), op("read", ref="Post#1", attr="tags"),
        query("Post", {"tags": "subquery"})] + tag_reads},
]
tagging_selectin_scenarios = [
    {"name": "get and refresh", "steps": tag_closed + [
        op("get", **{"class": "Post", "id": 1}), op("read", ref="Post#1", attr="tags"),
        op("append", ref="Post#1", attr="tags", item="Tag#1"), op("flush"),
        op("rollback"), op("read", ref="Post#1", attr="title"), op("read", ref="Post#1", attr="tags")]},
    {"name": "a query of tags and their posts", "steps": tag_closed + [
        query("Tag"), op("read", ref="Tag#1", attr="posts"), op("delete", ref="Post#1"), op("flush"),
        op("read", ref="Tag#1", attr="posts"), op("commit")]},
]
tagging_joined_scenarios = [
    {"name": "get, delete and commit", "steps": tag_closed + [
        op("get", **{"class": "Post", "id": 2}), op("read", ref="Post#2", attr="tags"),
        op("remove", ref="Post#2", attr="tags", item="Tag#1"), op("commit"),
        op("read", ref="Post#2", attr="tags"), op("delete", ref="Post#2"), op("commit")]},
]

# ---- enrollment: a composite primary key (an association object) ----------------
def enrollment(cascade=None, lazy=None):
    rel = rel_with(cascade, lazy, name="enrollments", kind="one-to-many", target="Enrollment", backref="student")
    return [
        {"name": "Student", "table": "students", "columns": [
            {"name": "id", "type": "integer", "primaryKey": True},
            {"name": "name", "type": "text", "nullable": False}],
         "relationships": [rel]},
        {"name": "Course", "table": "courses", "columns": [
            {"name": "id", "type": "integer", "primaryKey": True},
            {"name": "title", "type": "text", "nullable": False}],
         "relationships": [{"name": "enrollments", "kind": "one-to-many", "target": "Enrollment",
                            "backref": "course"}]},
        {"name": "Enrollment", "table": "enrollments", "columns": [
            {"name": "student_id", "type": "integer", "primaryKey": True, "references": "Student"},
            {"name": "course_id", "type": "integer", "primaryKey": True, "references": "Course"},
            {"name": "grade", "type": "text"}]},
    ]
enrol_setup = [
    new("Student", "ada", name="ada"), new("Student", "bob", name="bob"),
    new("Course", "sql", title="sql"), new("Course", "orm", title="orm"),
    new("Enrollment", "e1", student=ref("ada"), course=ref("sql"), grade="A"),
    new("Enrollment", "e2", student=ref("ada"), course=ref("orm")),
    new("Enrollment", "e3", student=ref("bob"), course=ref("orm"), grade="B"),
    op("add", ref="ada"), op("add", ref="bob"), op("commit"),
]
enrol_closed = enrol_setup + [op("close")]
enrollment_scenarios = [
    {"name": "get by both keys", "steps": enrol_closed + [
        op("get", **{"class": "Enrollment", "id": [1, 2]}), op("read", ref="Enrollment#1,2", attr="grade"),
        op("read", ref="Enrollment#1,2", attr="student"), op("read", ref="Student#1", attr="enrollments"),
        op("get", **{"class": "Enrollment", "id": {"course_id": 2, "student_id": 2}}),
        op("get", **{"class": "Enrollment", "id": [2, 1]})]},
    {"name": "get with one value", "steps": enrol_closed + [
        dict(op("get", **{"class": "Enrollment", "id": 1}), expectError=True),
        dict(op("get", **{"class": "Enrollment", "id": [1, 2, 3]}), expectError=True),
        dict(op("get", **{"class": "Enrollment", "id": {"student_id": 1}}), expectError=True),
        op("get", **{"class": "Enrollment", "id": [1, 1]})]},
    {"name": "change a grade", "steps": enrol_setup + [
        op("set", ref="e2", attr="grade", value="C"), op("flush"), op("commit"),
        op("read", ref="e2", attr="grade")]},
    {"name": "delete an enrollment", "steps": enrol_setup + [
        op("delete", ref="e3"), op("flush"), op("read", ref="bob", attr="enrollments"), op("commit")]},
    {"name": "move an enrollment to another course", "steps": enrol_setup + [
        op("set", ref="e3", attr="course", value=ref("sql")), op("flush"),
        op("read", ref="e3", attr="course_id"), op("rollback"), op("read", ref="e3", attr="course_id")]},
    {"name": "the same key twice", "steps": enrol_setup + [
        new("Enrollment", "e4", student=ref("bob"), course=ref("sql")),
        new("Enrollment", "e5", student=ref("bob"), course=ref("sql")),
        op("add", ref="e4"), op("add", ref="e5"), dict(op("flush"), expectError=True), op("rollback")]},
    {"name": "a key column missing", "steps": enrol_setup + [
        new("Enrollment", "e4", student=ref("bob")), op("add", ref="e4"),
        dict(op("flush"), expectError=True), op("rollback")]},
    {"name": "delete and insert the same key", "steps": enrol_setup + [
        op("delete", ref="e1"), new("Enrollment", "e4", student_id=1, course_id=1, grade="A+"),
        op("add", ref="e4"), op("flush"), op("read", ref="ada", attr="enrollments"), op("commit")]},
    {"name": "query, expire and refresh", "steps": enrol_closed + [
        query("Enrollment", where={"course_id": 2}), op("read", ref="Enrollment#2,2", attr="student"),
        op("expire", ref="Enrollment#1,2"), op("set", ref="Enrollment#1,2", attr="grade", value="B"),
        op("flush"), op("refresh", ref="Enrollment#2,2"), op("commit"),
        query("Enrollment", orderBy="grade")]},
    {"name": "the student set to None", "steps": enrol_setup + [
        op("set", ref="e1", attr="student", value=None), dict(op("flush"), expectError=True), op("rollback"),
        op("read", ref="e1", attr="student_id")]},
    {"name": "a student with all enrollments", "steps": enrol_closed + [
        query("Student", {"enrollments": "joined"}), op("read", ref="Student#1", attr="enrollments"),
        op("close"), query("Student", {"enrollments": "selectin"}), op("read", ref="Student#2", attr="enrollments"),
        op("close"), query("Student", {"enrollments": "subquery"}), op("read", ref="Student#1", attr="enrollments")]},
]
enrollment_cascade_scenarios = [
    {"name": "delete a student", "steps": enrol_setup + [
        op("delete", ref="ada"), op("flush"), op("read", ref="sql", attr="enrollments"), op("commit")]},
    {"name": "remove an enrollment from its student", "steps": enrol_setup + [
        op("remove", ref="ada", attr="enrollments", item="e2"), op("flush"),
        op("read", ref="orm", attr="enrollments"), op("commit")]},
]
enrollment_selectin_scenarios = [
    {"name": "query of students", "steps": enrol_closed + [
        query("Student"), op("read", ref="Student#1", attr="enrollments"),
        op("get", **{"class": "Student", "id": 2}), op("expire", ref="Student#2"),
        op("read", ref="Student#2", attr="enrollments")]},
]

# ---- grades: Grade.enrollment, a foreign key of two columns to Enrollment's key -----
def grades(cascade=None, lazy=None):
    rel = rel_with(cascade, lazy, name="grades", kind="one-to-many", target="Grade", backref="enrollment")
    classes = enrollment()
    classes[2]["relationships"] = [rel]
    classes.append({"name": "Grade", "table": "grades", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "student_id", "type": "integer", "references": "Enrollment"},
        {"name": "course_id", "type": "integer", "references": "Enrollment"},
        {"name": "points", "type": "integer"}]})
    return classes
grade_setup = enrol_setup[:-1] + [
    new("Grade", "g1", enrollment=ref("e1"), points=90), new("Grade", "g2", enrollment=ref("e1"), points=70),
    new("Grade", "g3", enrollment=ref("e3"), points=80), op("add", ref="g1"), op("add", ref="g2"),
    op("add", ref="g3"), op("commit")]
grade_closed = grade_setup + [op("close")]
grades_scenarios = [
    {"name": "grades keep both key columns", "steps": grade_setup + [
        op("read", ref="g1", attr="student_id"), op("read", ref="g1", attr="course_id"), op("close"),
        op("get", **{"class": "Grade", "id": 3}), op("read", ref="Grade#3", attr="enrollment"),
        op("read", ref="Enrollment#2,2", attr="grades"), op("get", **{"class": "Grade", "id": 1}),
        op("read", ref="Grade#1", attr="enrollment"), op("read", ref="Enrollment#1,1", attr="grades")]},
    {"name": "move a grade to another enrollment", "steps": grade_setup + [
        op("set", ref="g1", attr="enrollment", value=ref("e2")), op("flush"),
        op("read", ref="g1", attr="course_id"), op("read", ref="e1", attr="grades"), op("rollback"),
        op("read", ref="g1", attr="course_id"), op("read", ref="e2", attr="grades")]},
    {"name": "a grade set to None", "steps": grade_setup + [
        op("set", ref="g3", attr="enrollment", value=None), op("flush"), op("read", ref="g3", attr="student_id"),
        op("read", ref="g3", attr="course_id"), op("commit"), op("read", ref="e3", attr="grades")]},
    {"name": "remove a grade from its enrollment", "steps": grade_setup + [
        op("remove", ref="e1", attr="grades", item="g2"), op("flush"), op("read", ref="g2", attr="course_id"),
        op("commit"), op("read", ref="g2", attr="enrollment")]},
    {"name": "delete an enrollment with grades", "steps": grade_setup + [
        op("delete", ref="e1"), op("flush"), op("read", ref="g1", attr="student_id"), op("commit"),
        op("read", ref="g2", attr="enrollment")]},
    {"name": "a new enrollment and its grade", "steps": grade_setup + [
        new("Enrollment", "e4", student=ref("bob"), course=ref("sql")),
        new("Grade", "g4", enrollment=ref("e4"), points=60), op("add", ref="g4"), op("flush"),
        op("read", ref="g4", attr="student_id"), op("read", ref="g4", attr="course_id"), op("commit")]},
    {"name": "grades by enrollment", "steps": grade_closed + [
        op("get", **{"class": "Enrollment", "id": [1, 1]}),
        query("Grade", where={"course_id": 1}), op("close"),
        query("Grade", {"enrollment": "joined"}), op("read", ref="Grade#1", attr="enrollment"), op("close"),
        query("Grade", {"enrollment": "selectin"}), op("read", ref="Grade#3", attr="enrollment"), op("close"),
        query("Grade", {"enrollment": "subquery"}), op("read", ref="Grade#2", attr="enrollment")]},
    {"name": "enrollments with their grades", "steps": grade_closed + [
        query("Enrollment", {"grades": "joined"}), op("read", ref="Enrollment#1,1", attr="grades"), op("close"),
        query("Enrollment", {"grades": "selectin"}), op("read", ref="Enrollment#2,2", attr="grades"), op("close"),
        query("Enrollment", {"grades": "subquery"}), op("read", ref="Enrollment#1,1", attr="grades")]},
]
grades_cascade_scenarios = [
    {"name": "delete an enrollment and its grades", "steps": grade_setup + [
        op("delete", ref="e1"), op("flush"), op("read", ref="ada", attr="enrollments"), op("commit")]},
    {"name": "an orphaned grade", "steps": grade_setup + [
        op("remove", ref="e1", attr="grades", item="g1"), op("flush"), op("commit"),
        op("read", ref="e1", attr="grades")]},
]
grades_selectin_scenarios = [
    {"name": "query of enrollments", "steps": grade_closed + [
        query("Enrollment"), op("read", ref="Enrollment#1,1", attr="grades"),
        op("get", **{"class": "Enrollment", "id": [2, 2]}), op("expire", ref="Enrollment#2,2"),
        op("read", ref="Enrollment#2,2", attr="grades")]},
]

# ---- identity: expire_all, expunge_all, make_transient(_to_detached), no_autoflush,
# populate_existing (format version 4) on the lazy model --------------------------
two_users = [new("User", "ada", name="ada"), new("User", "bob", name="bob"),
             new("Post", "p1", title="one", author=ref("ada")), new("Post", "p2", title="two", author=ref("ada")),
             op("add", ref="ada"), op("add", ref="bob"), op("commit")]
def quiet(step):
    return dict(step, noAutoflush=True)
identity_scenarios = [
    {"name": "expire_all", "steps": two_users + [
        op("read", ref="ada", attr="name"), op("read", ref="ada", attr="posts"),
        op("set", ref="bob", attr="name", value="robert"), new("User", "cy", name="cy"), op("add", ref="cy"),
        op("expire_all"), op("read", ref="bob", attr="name"), op("read", ref="ada", attr="posts"),
        op("read", ref="cy", attr="name"), op("commit")]},
    {"name": "expire_all of a deleted object", "steps": two_users + [
        op("read", ref="bob", attr="name"), op("delete", ref="bob"), op("expire_all"), op("flush"),
        op("commit"), op("query", **{"class": "User"})]},
    {"name": "expunge_all", "steps": two_users + [
        op("read", ref="ada", attr="posts"), op("set", ref="p1", attr="title", value="first"),
        op("delete", ref="bob"), new("User", "cy", name="cy"), op("add", ref="cy"),
        op("expunge_all"), op("flush"), op("read", ref="p1", attr="title"),
        op("add", ref="p1"), op("commit"), op("query", **{"class": "Post"})]},
    {"name": "expunge_all then the same rows again", "steps": two_users + [
        op("read", ref="ada", attr="name"), op("expunge_all"),
        op("get", **{"class": "User", "id": 1}), op("read", ref="User#1", attr="posts"),
        dict(op("add", ref="ada"), expectError=True), op("rollback")]},
    {"name": "make_transient of a persistent object", "steps": two_users + [
        op("read", ref="bob", attr="name"), op("make_transient", ref="bob"),
        op("set", ref="bob", attr="id", value=None), op("add", ref="bob"), op("commit"),
        op("query", **{"class": "User"})]},
    {"name": "make_transient keeps what was loaded", "steps": two_users + [
        op("read", ref="p1", attr="title"), op("make_transient", ref="p1"),
        op("read", ref="p1", attr="user_id"), op("read", ref="p1", attr="author"),
        op("set", ref="p1", attr="id", value=7), op("set", ref="p1", attr="author", value=ref("bob")),
        op("add", ref="p1"), op("flush"), op("read", ref="bob", attr="posts"), op("commit")]},
    {"name": "make_transient of a pending and a deleted object", "steps": two_users + [
        new("User", "cy", name="cy"), op("add", ref="cy"), op("make_transient", ref="cy"),
        op("delete", ref="bob"), op("flush"), op("make_transient", ref="bob"),
        op("add", ref="bob"), op("flush"), op("commit"), op("query", **{"class": "User"})]},
    {"name": "make_transient with the same key", "steps": two_users + [
        op("read", ref="bob", attr="name"), op("make_transient", ref="bob"), op("add", ref="bob"),
        dict(op("flush"), expectError=True), op("rollback"), op("make_transient", ref="ada")]},
    {"name": "make_transient_to_detached", "steps": two_users + [
        op("close"), new("User", "ghost", id=2, name="bob"), op("make_transient_to_detached", ref="ghost"),
        op("add", ref="ghost"), op("read", ref="ghost", attr="posts"),
        op("set", ref="ghost", attr="name", value="robert"), op("commit"), op("read", ref="ghost", attr="name"),
        new("User", "partial", id=1), op("make_transient_to_detached", ref="partial"),
        op("add", ref="partial"), op("read", ref="partial", attr="name"), op("read", ref="partial", attr="posts")]},
    {"name": "make_transient_to_detached refuses", "steps": two_users + [
        dict(op("make_transient_to_detached", ref="ada"), expectError=True),
        new("User", "cy", name="cy"), op("add", ref="cy"),
        dict(op("make_transient_to_detached", ref="cy"), expectError=True), op("commit"),
        op("expunge", ref="cy"), dict(op("make_transient_to_detached", ref="cy"), expectError=True)]},
    {"name": "no_autoflush", "steps": two_users + [
        new("User", "cy", name="cy"), op("add", ref="cy"),
        quiet(op("query", **{"class": "User"})), quiet(op("get", **{"class": "User", "id": 3})),
        op("set", ref="ada", attr="name", value="ada lovelace"), quiet(op("read", ref="bob", attr="posts")),
        op("query", **{"class": "User", "where": {"name": "ada lovelace"}}), op("commit")]},
    {"name": "populate_existing", "steps": two_users + [
        op("read", ref="ada", attr="name"), op("read", ref="ada", attr="posts"),
        op("bulk_update", **{"class": "User", "values": {"name": "ADA"}, "where": {"id": 1}}),
        op("set", ref="bob", attr="name", value="robert"),
        quiet(op("query", **{"class": "User", "populateExisting": True})),
        op("read", ref="bob", attr="name"), op("read", ref="ada", attr="posts"), op("commit")]},
    {"name": "populate_existing with loader options", "steps": two_users + [
        op("read", ref="ada", attr="posts"), op("read", ref="p1", attr="title"),
        op("set", ref="p1", attr="title", value="changed"),
        quiet(op("query", **{"class": "User", "populateExisting": True, "options": {"posts": "joined"}})),
        op("read", ref="p1", attr="title"), op("read", ref="ada", attr="posts"),
        quiet(op("query", **{"class": "User", "populateExisting": True, "options": {"posts": "selectin"}})),
        op("read", ref="bob", attr="posts"),
        op("query", **{"class": "Post", "populateExisting": True, "options": {"author": "raise"}}),
        dict(op("read", ref="p2", attr="author"), expectError=True), op("commit")]},
]

# ---- versioning: a version counter (format version 5, SQLAlchemy's version_id_col) on
# Page, none on Memo: the counter going up, stale UPDATEs and DELETEs of objects kept
# detached while the row changed, the lost update without a counter -------------------
versioning_classes = [
    {"name": "Page", "table": "pages", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "title", "type": "text", "nullable": False},
        {"name": "version", "type": "integer", "versionCounter": True}],
     "relationships": [
        {"name": "comments", "kind": "one-to-many", "target": "Comment", "backref": "page"}]},
    {"name": "Comment", "table": "comments", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "text", "type": "text"},
        {"name": "page_id", "type": "integer", "references": "Page"},
        {"name": "version", "type": "integer", "nullable": False, "versionCounter": True}]},
    {"name": "Memo", "table": "memos", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "title", "type": "text", "nullable": False}]},
]
pages = [new("Page", "p1", title="home"), new("Page", "p2", title="about"),
         new("Comment", "c1", text="first", page=ref("p1")), new("Memo", "m1", title="home"),
         op("add", ref="p1"), op("add", ref="p2"), op("add", ref="m1"), op("commit")]
def behind(cls, values, where=None):
    # another writer: the row changes while the object is detached
    return [op("bulk_update", **{"class": cls, "values": values, "where": where or {"id": 1}}), op("commit")]
versioning_scenarios = [
    {"name": "the version counts up", "steps": pages + [
        op("read", ref="p1", attr="version"), op("set", ref="p1", attr="title", value="start"), op("flush"),
        op("read", ref="p1", attr="version"), op("commit"), op("set", ref="p1", attr="title", value="welcome"),
        op("commit"), op("read", ref="p1", attr="version"), op("delete", ref="p2"), op("commit"),
        op("query", **{"class": "Page"})]},
    {"name": "a stale update", "steps": pages + [
        op("read", ref="p1", attr="title"), op("close")] + behind("Page", {"title": "theirs", "version": 2}) + [
        op("add", ref="p1"), op("set", ref="p1", attr="title", value="mine"),
        dict(op("commit"), expectError=True), op("rollback"), op("read", ref="p1", attr="title"),
        op("read", ref="p1", attr="version")]},
    {"name": "the lost update without a counter", "steps": pages + [
        op("read", ref="m1", attr="title"), op("close")] + behind("Memo", {"title": "theirs"}) + [
        op("add", ref="m1"), op("set", ref="m1", attr="title", value="mine"), op("commit"),
        op("query", **{"class": "Memo"})]},
    {"name": "a stale delete", "steps": pages + [
        op("read", ref="p1", attr="title"), op("close")] + behind("Page", {"version": 5}) + [
        op("add", ref="p1"), op("delete", ref="p1"), dict(op("flush"), expectError=True), op("rollback"),
        op("query", **{"class": "Page"})]},
    {"name": "a row deleted behind the session", "steps": pages + [
        op("read", ref="p1", attr="title"), op("read", ref="m1", attr="title"), op("close"),
        op("bulk_delete", **{"class": "Comment"}), op("bulk_delete", **{"class": "Page", "where": {"id": 1}}),
        op("bulk_delete", **{"class": "Memo"}), op("commit"),
        op("add", ref="p1"), op("set", ref="p1", attr="title", value="mine"),
        dict(op("commit"), expectError=True), op("rollback"),
        op("add", ref="m1"), op("set", ref="m1", attr="title", value="mine"),
        dict(op("commit"), expectError=True), op("rollback")]},
    {"name": "two stale pages in one flush", "steps": pages + [
        op("read", ref="p1", attr="title"), op("read", ref="p2", attr="title"), op("close")]
        + behind("Page", {"version": 9}, {}) + [
        op("add", ref="p1"), op("add", ref="p2"), op("set", ref="p1", attr="title", value="a"),
        op("set", ref="p2", attr="title", value="b"), dict(op("flush"), expectError=True), op("rollback")]},
    {"name": "the version set by hand", "steps": pages + [
        op("set", ref="p1", attr="version", value=10), op("set", ref="p1", attr="title", value="ten"),
        op("flush"), op("read", ref="p1", attr="version"), op("set", ref="p2", attr="version", value=4),
        op("flush"), op("commit"), op("query", **{"class": "Page"}),
        new("Page", "p3", title="new", version=7), op("add", ref="p3"), op("flush"),
        op("read", ref="p3", attr="version"), op("commit")]},
    {"name": "an expired version is read at the flush", "steps": pages + [
        op("set", ref="p1", attr="title", value="x"), op("set", ref="p2", attr="title", value="y"),
        op("flush"), op("read", ref="p1", attr="version"), op("commit"), op("expire", ref="c1"),
        op("set", ref="c1", attr="text", value="edited"), op("commit"), op("read", ref="c1", attr="version")]},
    {"name": "a collection change does not count", "steps": pages + [
        op("read", ref="p1", attr="comments"), new("Comment", "c2", text="second"),
        op("append", ref="p1", attr="comments", item="c2"), op("flush"), op("read", ref="p1", attr="version"),
        op("set", ref="c1", attr="page", value=ref("p2")), op("flush"), op("read", ref="c1", attr="version"),
        op("remove", ref="p1", attr="comments", item="c2"), op("commit"),
        op("query", **{"class": "Comment"})]},
    {"name": "a row switch takes the old version", "steps": pages + [
        op("set", ref="p1", attr="title", value="old"), op("flush"), op("delete", ref="p1"),
        new("Page", "p4", id=1, title="new"), op("add", ref="p4"), op("flush"),
        op("read", ref="p4", attr="version"), op("commit"), op("query", **{"class": "Page"})]},
    {"name": "a NULL version", "steps": pages + [
        op("bulk_update", **{"class": "Page", "values": {"version": None}, "where": {"id": 1}}),
        op("set", ref="p1", attr="title", value="x"), dict(op("flush"), expectError=True), op("rollback"),
        op("bulk_update", **{"class": "Page", "values": {"version": None}, "where": {"id": 2}}),
        op("delete", ref="p2"), dict(op("flush"), expectError=True), op("rollback")]},
]


# ---- savepoints: begin_nested() and the savepoint's commit and rollback (format
# version 6): what a rollback to the savepoint gives back and what it keeps, a failed
# flush inside one, savepoints inside savepoints, commit and close with some open -----
savepoints_classes = [
    {"name": "User", "table": "users", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "name", "type": "text", "nullable": False, "unique": True}],
     "relationships": [
        {"name": "addresses", "kind": "one-to-many", "target": "Address", "backref": "user"}]},
    {"name": "Address", "table": "addresses", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "email", "type": "text"},
        {"name": "user_id", "type": "integer", "references": "User"}]},
]
users = [new("User", "u1", name="ann"), new("User", "u2", name="bob"),
         op("add", ref="u1"), op("add", ref="u2"), op("commit")]
savepoints_scenarios = [
    {"name": "roll back to the savepoint, keep the outer work", "steps": users + [
        op("set", ref="u1", attr="name", value="outer"), op("flush"), op("begin_nested"),
        op("set", ref="u2", attr="name", value="inner"), new("User", "u3", name="cat"), op("add", ref="u3"),
        op("flush"), op("rollback_nested"), op("read", ref="u1", attr="name"),
        op("read", ref="u2", attr="name"), op("read", ref="u3", attr="name"), op("commit"),
        op("query", **{"class": "User"})]},
    {"name": "begin_nested flushes first", "steps": users + [
        new("User", "u3", name="cat"), op("add", ref="u3"), op("set", ref="u1", attr="name", value="x"),
        op("begin_nested"), new("User", "u4", name="dan"), op("add", ref="u4"), op("commit_nested"),
        op("rollback"), op("query", **{"class": "User"})]},
    {"name": "a savepoint that sends nothing", "steps": users + [
        op("begin_nested"), op("commit_nested"), op("begin_nested"), op("rollback_nested"),
        op("read", ref="u1", attr="name"), op("begin_nested"), op("read", ref="u2", attr="name"),
        op("rollback_nested"), op("commit")]},
    {"name": "a failed flush inside a savepoint", "steps": users + [
        op("read", ref="u1", attr="name"), op("begin_nested"), new("User", "u3", name="ann"), op("add", ref="u3"),
        dict(op("flush"), expectError=True), dict(op("query", **{"class": "User"}), expectError=True),
        dict(op("begin_nested"), expectError=True), dict(op("commit_nested"), expectError=True),
        op("rollback_nested"), op("read", ref="u1", attr="name"), op("set", ref="u3", attr="name", value="cat"),
        op("add", ref="u3"), op("commit"), op("query", **{"class": "User"})]},
    {"name": "savepoints inside savepoints", "steps": users + [
        op("begin_nested"), op("set", ref="u1", attr="name", value="one"), op("flush"),
        op("begin_nested"), op("set", ref="u2", attr="name", value="two"), op("flush"),
        op("begin_nested"), new("User", "u3", name="three"), op("add", ref="u3"),
        op("rollback_nested"), op("rollback_nested"), op("commit_nested"),
        op("read", ref="u1", attr="name"), op("read", ref="u2", attr="name"), op("commit"),
        op("query", **{"class": "User"})]},
    {"name": "commit releases every savepoint", "steps": users + [
        op("begin_nested"), op("set", ref="u1", attr="name", value="one"),
        op("begin_nested"), new("User", "u3", name="three"), op("add", ref="u3"), op("flush"),
        op("begin_nested"), op("commit"), op("query", **{"class": "User"})]},
    {"name": "rollback ends every savepoint", "steps": users + [
        op("set", ref="u1", attr="name", value="outer"), op("begin_nested"),
        op("set", ref="u2", attr="name", value="one"), op("flush"), op("begin_nested"),
        op("delete", ref="u1"), op("flush"), op("rollback"), op("query", **{"class": "User"})]},
    {"name": "a delete and a new key rolled back to the savepoint", "steps": users + [
        op("read", ref="u1", attr="name"), op("read", ref="u2", attr="name"), op("begin_nested"),
        op("delete", ref="u1"), op("set", ref="u2", attr="id", value=7), op("flush"),
        op("get", **{"class": "User", "id": 7}), op("rollback_nested"), op("read", ref="u1", attr="name"),
        op("read", ref="u2", attr="id"), op("get", **{"class": "User", "id": 2}), op("commit")]},
    {"name": "a key changed twice across savepoints", "steps": users + [
        op("set", ref="u1", attr="id", value=5), op("flush"), op("begin_nested"),
        op("set", ref="u1", attr="id", value=6), op("flush"), op("commit_nested"),
        # SQLAlchemy's savepoint hands its key switch to the root as a dict update:
        # the root's rollback gives back 5, the key before the savepoint, not 1
        op("rollback"), dict(op("read", ref="u1", attr="id"), expectError=True),
        op("query", **{"class": "User"})]},
    # (no savepoint: the rollback gives back the key the transaction first changed)
    {"name": "a key changed twice in one transaction", "steps": users + [
        op("set", ref="u1", attr="id", value=5), op("flush"), op("set", ref="u1", attr="id", value=6),
        op("flush"), op("rollback"), op("read", ref="u1", attr="id"), op("query", **{"class": "User"})]},
    {"name": "only what changed is expired", "steps": users + [
        op("read", ref="u1", attr="name"), op("read", ref="u2", attr="name"), op("begin_nested"),
        op("set", ref="u1", attr="name", value="saved"), op("flush"), op("set", ref="u2", attr="name", value="unsaved"),
        op("rollback_nested"), op("read", ref="u2", attr="name"), op("read", ref="u1", attr="name"), op("commit")]},
    {"name": "collections inside a savepoint", "steps": users + [
        new("Address", "a1", email="a@x"), op("append", ref="u1", attr="addresses", item="a1"), op("flush"),
        op("begin_nested"), new("Address", "a2", email="b@x"), op("append", ref="u1", attr="addresses", item="a2"),
        op("remove", ref="u1", attr="addresses", item="a1"), op("flush"), op("rollback_nested"),
        op("read", ref="u1", attr="addresses"), op("read", ref="a1", attr="user"), op("commit"),
        op("query", **{"class": "Address"})]},
    {"name": "no savepoint open", "steps": users + [
        dict(op("commit_nested"), expectError=True), dict(op("rollback_nested"), expectError=True),
        op("begin_nested"), op("commit_nested"), dict(op("commit_nested"), expectError=True), op("commit")]},
    {"name": "close with savepoints open", "steps": users + [
        op("begin_nested"), op("set", ref="u1", attr="name", value="x"), op("flush"), op("begin_nested"),
        op("close"), op("query", **{"class": "User"})]},
    {"name": "a savepoint after a commit numbers from one", "steps": users + [
        op("begin_nested"), op("set", ref="u1", attr="name", value="x"), op("commit"),
        op("begin_nested"), op("set", ref="u1", attr="name", value="y"), op("flush"), op("begin_nested"),
        op("read", ref="u2", attr="name"), op("commit")]},
]


# ---- unsynchronized: bulk statements with synchronize_session=False (format version 6):
# the session keeps what it loaded until it expires or refreshes it ----------------------
unsynchronized_scenarios = [
    {"name": "a bulk delete the session does not see", "steps": users + [
        op("read", ref="u1", attr="name"),
        op("bulk_delete", **{"class": "User", "where": {"id": 1}, "synchronize": False}),
        op("read", ref="u1", attr="name"), op("get", **{"class": "User", "id": 1}), op("expire", ref="u1"),
        dict(op("read", ref="u1", attr="name"), expectError=True), op("rollback"),
        op("query", **{"class": "User"})]},
    {"name": "a bulk update the flush overwrites", "steps": users + [
        op("read", ref="u1", attr="name"),
        op("bulk_update", **{"class": "User", "values": {"name": "theirs"}, "where": {"id": 1},
                             "synchronize": False}),
        op("read", ref="u1", attr="name"), op("set", ref="u1", attr="name", value="mine"), op("commit"),
        op("query", **{"class": "User"}), op("bulk_update", **{"class": "User", "values": {"name": "again"},
                                                              "where": {"id": 2}, "synchronize": False}),
        op("read", ref="u2", attr="name"), op("refresh", ref="u2"), op("read", ref="u2", attr="name")]},
]


# ---- sessions: two sessions on one database (format version 7): A with the
# project's options, B keeping its objects' values at a commit -----------------------
def b(step):
    return dict(step, session="B")

SESSIONS = [{"name": "A"}, {"name": "B", "expireOnCommit": False}]
accounts_classes = [
    {"name": "Account", "table": "accounts", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "owner", "type": "text", "nullable": False},
        {"name": "balance", "type": "integer", "nullable": False}],
     "relationships": [
        {"name": "entries", "kind": "one-to-many", "target": "Entry", "backref": "account"}]},
    {"name": "Entry", "table": "entries", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "amount", "type": "integer", "nullable": False},
        {"name": "account_id", "type": "integer", "references": "Account"}]},
    {"name": "SafeAccount", "table": "safe_accounts", "columns": [
        {"name": "id", "type": "integer", "primaryKey": True},
        {"name": "balance", "type": "integer", "nullable": False},
        {"name": "version", "type": "integer", "nullable": False, "versionCounter": True}]},
]
opened = [new("Account", "alice", owner="alice", balance=100), new("Account", "bob", owner="bob", balance=50),
          op("add", ref="alice"), op("add", ref="bob"), op("commit")]
in_b = b(op("query", **{"class": "Account", "where": {"id": 1}}))
sessions_scenarios = [
    {"name": "a stale read in the other session", "steps": opened + [
        in_b, b(op("read", ref="Account#1", attr="balance")), b(op("commit")),
        op("set", ref="alice", attr="balance", value=150), op("commit"),
        b(op("read", ref="Account#1", attr="balance")), b(op("query", **{"class": "Account"})),
        b(op("read", ref="Account#1", attr="balance")),
        b(op("query", **{"class": "Account", "populateExisting": True})),
        b(op("read", ref="Account#1", attr="balance")), op("read", ref="alice", attr="balance")]},
    {"name": "expire and refresh in the other session", "steps": opened + [
        in_b, b(op("commit")), op("set", ref="alice", attr="balance", value=150), op("commit"),
        b(op("refresh", ref="Account#1")), b(op("read", ref="Account#1", attr="balance")), b(op("commit")),
        op("set", ref="alice", attr="balance", value=175), op("commit"),
        b(op("expire", ref="Account#1")), b(op("read", ref="Account#1", attr="balance"))]},
    {"name": "a lost update", "steps": opened + [
        in_b, b(op("read", ref="Account#1", attr="balance")), b(op("commit")),
        op("read", ref="alice", attr="balance"), op("set", ref="alice", attr="balance", value=130), op("commit"),
        b(op("set", ref="Account#1", attr="balance", value=120)), b(op("commit")),
        op("read", ref="alice", attr="balance")]},
    {"name": "a version counter refuses the second update", "steps": [
        new("SafeAccount", "safe", id=1, balance=100), op("add", ref="safe"), op("commit"),
        b(op("get", **{"class": "SafeAccount", "id": 1})), b(op("commit")),
        op("read", ref="safe", attr="balance"), op("set", ref="safe", attr="balance", value=130), op("commit"),
        b(op("set", ref="SafeAccount#1", attr="balance", value=120)), dict(b(op("commit")), expectError=True),
        b(op("rollback")), b(op("read", ref="SafeAccount#1", attr="balance")),
        b(op("set", ref="SafeAccount#1", attr="balance", value=150)), b(op("commit")),
        op("read", ref="safe", attr="balance"), op("read", ref="safe", attr="version")]},
    {"name": "an object already attached to the other session", "steps": [
        new("Account", "carol", owner="carol", balance=10), op("add", ref="carol"),
        dict(b(op("add", ref="carol")), expectError=True), op("expunge", ref="carol"),
        b(op("add", ref="carol")), b(op("commit")), op("query", **{"class": "Account"}),
        dict(op("add", ref="carol"), expectError=True), dict(op("delete", ref="carol"), expectError=True),
        dict(op("expunge", ref="carol"), expectError=True), dict(op("refresh", ref="carol"), expectError=True)]},
    {"name": "a persistent object moves to the other session", "steps": opened + [
        dict(b(op("add", ref="alice")), expectError=True), op("expunge", ref="alice"),
        b(op("add", ref="alice")), b(op("read", ref="alice", attr="balance")),
        op("set", ref="alice", attr="balance", value=90), op("read", ref="alice", attr="entries"),
        b(op("commit")), op("get", **{"class": "Account", "id": 1}), op("read", ref="Account#1", attr="balance")]},
    {"name": "a cascade reaches an object of the other session", "steps": opened + [
        in_b, new("Entry", "e1", amount=5), b(op("append", ref="Account#1", attr="entries", item="e1")),
        dict(op("set", ref="e1", attr="account", value=ref("alice")), expectError=True),
        op("read", ref="alice", attr="entries"), op("commit"), b(op("flush")), b(op("commit")),
        op("read", ref="alice", attr="entries")]},
    {"name": "the same row in two identity maps", "steps": opened + [
        op("get", **{"class": "Account", "id": 2}), b(op("get", **{"class": "Account", "id": 2})),
        op("read", ref="Account#2", attr="owner"), b(op("read", ref="Account#2", attr="owner")), b(op("commit")),
        op("delete", ref="bob"), op("commit"), b(op("read", ref="Account#2", attr="balance")),
        b(op("expire", ref="Account#2")), dict(b(op("read", ref="Account#2", attr="balance")), expectError=True),
        b(op("rollback")), b(op("get", **{"class": "Account", "id": 2}))]},
    # SQLite (its shared cache) locks a table a transaction wrote, or read,
    # until it ends; PostgreSQL's readers see the last committed row
    {"name": "a table another session wrote is locked", "steps": opened + [
        op("set", ref="alice", attr="balance", value=150), op("flush"),
        dict(b(op("query", **{"class": "Account"})), expectError=True), b(op("rollback")), op("commit"),
        b(op("query", **{"class": "Account"})), b(op("read", ref="Account#1", attr="balance")),
        op("set", ref="alice", attr="balance", value=170), dict(op("commit"), expectError=True), op("rollback"),
        b(op("commit")), op("set", ref="alice", attr="balance", value=160), op("commit")]},
]

# ---- merging: session.merge() (format version 8), in one session and from
# the other: the copy found in the identity map, loaded by a SELECT, or made new --------
merge_entries = opened + [new("Entry", "e1", amount=5), new("Entry", "e2", amount=7),
                          op("append", ref="alice", attr="entries", item="e1"),
                          op("append", ref="alice", attr="entries", item="e2"), op("commit")]
merging_scenarios = [
    {"name": "a merge into the other session loads the row", "steps": opened + [
        op("read", ref="alice", attr="balance"), b(op("merge", ref="alice")),
        b(op("read", ref="Account#1", attr="balance")), b(op("commit"))]},
    {"name": "a merge finds the object in the identity map", "steps": opened + [
        in_b, op("set", ref="alice", attr="balance", value=10), b(op("merge", ref="alice")),
        b(op("read", ref="Account#1", attr="balance")), b(op("commit")), op("rollback")]},
    {"name": "a detached object's change merged back", "steps": opened + [
        op("read", ref="alice", attr="balance"), op("expunge", ref="alice"),
        op("set", ref="alice", attr="balance", value=120), op("merge", ref="alice"),
        op("commit"), op("read", ref="Account#1", attr="balance"), op("read", ref="alice", attr="balance")]},
    {"name": "a merge of an object its own session holds", "steps": opened + [
        op("set", ref="alice", attr="balance", value=10), op("merge", ref="alice"), op("commit")]},
    {"name": "a transient object merged becomes a pending copy", "steps": opened + [
        new("Account", "dave", owner="dave", balance=3), op("merge", ref="dave"), op("flush"),
        op("read", ref="Account#3", attr="owner"), op("commit"), op("query", **{"class": "Account"})]},
    {"name": "a transient object with the key of a row", "steps": opened + [
        new("Account", "alice2", id=1, owner="alice", balance=5), b(op("merge", ref="alice2")),
        b(op("commit")), op("refresh", ref="alice"), op("read", ref="alice", attr="balance")]},
    {"name": "a transient object with a key no row has", "steps": opened + [
        new("Account", "eve", id=7, owner="eve", balance=1), op("merge", ref="eve"),
        op("read", ref="Account#7", attr="owner"), op("commit"), op("get", **{"class": "Account", "id": 7})]},
    {"name": "a merge without load", "steps": opened + [
        b(op("merge", ref="alice", load=False)), b(op("read", ref="Account#1", attr="balance")),
        op("read", ref="bob", attr="balance"), b(op("merge", ref="bob", load=False)),
        b(op("read", ref="Account#2", attr="owner")), b(op("commit"))]},
    {"name": "a merge without load refuses what it cannot copy", "steps": opened + [
        new("Account", "dave", owner="dave", balance=3), dict(b(op("merge", ref="dave", load=False)), expectError=True),
        op("set", ref="alice", attr="balance", value=1), dict(b(op("merge", ref="alice", load=False)), expectError=True),
        op("flush"), b(op("merge", ref="alice", load=False)), b(op("read", ref="Account#1", attr="balance")),
        op("rollback"), b(op("merge", ref="alice", load=False)), b(op("read", ref="Account#1", attr="balance")),
        b(op("commit"))]},
    {"name": "a merge along the entries", "steps": merge_entries + [
        op("read", ref="alice", attr="entries"), op("read", ref="e1", attr="amount"),
        op("read", ref="e2", attr="amount"), b(op("merge", ref="alice")),
        b(op("read", ref="Account#1", attr="entries")), b(op("read", ref="Entry#1", attr="account")),
        b(op("commit"))]},
    {"name": "a merge without load along the entries", "steps": merge_entries + [
        op("read", ref="alice", attr="entries"), op("read", ref="e1", attr="amount"),
        b(op("merge", ref="alice", load=False)), b(op("read", ref="Account#1", attr="entries")),
        b(op("read", ref="Entry#2", attr="amount")), b(op("read", ref="Entry#1", attr="account")), b(op("commit"))]},
    {"name": "a merge along an entry's account", "steps": merge_entries + [
        op("read", ref="e1", attr="account"), op("read", ref="alice", attr="balance"),
        op("expunge", ref="e1"), op("expunge", ref="alice"), op("rollback"),
        op("set", ref="alice", attr="balance", value=99), b(op("merge", ref="e1")),
        b(op("read", ref="Account#1", attr="balance")), b(op("read", ref="Account#1", attr="entries")),
        b(op("commit")), op("query", **{"class": "Account"})]},
    {"name": "a pending object merged again", "steps": [
        new("Account", "dave", owner="dave", balance=3), new("Entry", "e1", amount=2),
        op("append", ref="dave", attr="entries", item="e1"), op("add", ref="dave"),
        op("merge", ref="dave"), op("flush"), op("query", **{"class": "Entry"}), op("commit")]},
    {"name": "a merge of a stale version", "steps": [
        new("SafeAccount", "safe", id=1, balance=100), op("add", ref="safe"), op("commit"),
        op("read", ref="safe", attr="balance"), op("expunge", ref="safe"), op("rollback"),
        b(op("get", **{"class": "SafeAccount", "id": 1})),
        b(op("set", ref="SafeAccount#1", attr="balance", value=120)), b(op("commit")),
        dict(b(op("merge", ref="safe")), expectError=True), b(op("rollback")),
        dict(op("merge", ref="safe"), expectError=True), op("rollback"),
        op("get", **{"class": "SafeAccount", "id": 1}), op("read", ref="SafeAccount#1", attr="version")]},
]

for name, classes, scenarios, version in [("editors", editors_classes, editors_scenarios, 2),
                                          ("staff", staff_classes, staff_scenarios, 2),
                                          ("lazy", lazy_classes, lazy_scenarios, 2),
                                          ("loading", lazy_classes, loading_scenarios, 3),
                                          ("eager", eager_classes, eager_scenarios, 3),
                                          ("raising", raising_classes, raising_scenarios, 3),
                                          ("onetoone", onetoone_classes, onetoone_scenarios, 3),
                                          ("onetoone_raise", onetoone_raise_classes, onetoone_raise_scenarios, 3),
                                          ("onetoone_chain", chain_classes, chain_scenarios, 3),
                                          ("tagging", tagging(), tagging_scenarios, 3),
                                          ("tagging_cascade", tagging("all"), tagging_cascade_scenarios, 3),
                                          ("tagging_raise", tagging(lazy="raise"), tagging_raise_scenarios, 3),
                                          ("tagging_noload", tagging(lazy="noload"), tagging_noload_scenarios, 3),
                                          ("tagging_loading", tagging(), tagging_loading_scenarios, 3),
                                          ("tagging_selectin", tagging(lazy="selectin"), tagging_selectin_scenarios, 3),
                                          ("tagging_joined", tagging(lazy="joined"), tagging_joined_scenarios, 3),
                                          ("enrollment", enrollment(), enrollment_scenarios, 3),
                                          ("enrollment_cascade", enrollment("all, delete-orphan"),
                                           enrollment_cascade_scenarios, 3),
                                          ("enrollment_selectin", enrollment(lazy="selectin"),
                                           enrollment_selectin_scenarios, 3),
                                          ("grades", grades(), grades_scenarios, 3),
                                          ("grades_cascade", grades("all, delete-orphan"), grades_cascade_scenarios, 3),
                                          ("grades_selectin", grades(lazy="selectin"), grades_selectin_scenarios, 3),
                                          ("identity", lazy_classes, identity_scenarios, 4),
                                          ("versioning", versioning_classes, versioning_scenarios, 5),
                                          ("savepoints", savepoints_classes, savepoints_scenarios, 6),
                                          ("unsynchronized", savepoints_classes, unsynchronized_scenarios, 6),
                                          ("sessions", accounts_classes, sessions_scenarios, 7),
                                          ("merging", accounts_classes, merging_scenarios, 8)]:
    with open(os.path.join(here, name + ".msproj"), "w") as f:
        p = project(name, classes, scenarios, version)
        if version >= 7:
            p["sessions"] = SESSIONS
        json.dump(p, f, indent=2)
        f.write("\n")
