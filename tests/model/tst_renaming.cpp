// Renames by identity (Renaming, RenameClassCommand, RenameMemberCommand,
// SetBackrefCommand): a rename carries exactly what points at the renamed
// class or attribute, never what merely shares or lacks its name; a name
// that is empty or taken is refused and changes nothing; undo and redo
// give the document back byte for byte; classes keep their identity.
#include "document/projectdocument.h"
#include "document/renaming.h"
#include "document/schemacommands.h"
#include "project/projectfile.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace ms;

namespace {

// Publisher 1-* Book, Book *-* Tag through BookTag, with listeners and a
// scenario that name classes, attributes and loaded objects.
const char *library = R"({"format": "mapperscope-project", "version": 1,
  "classes": [
    {"name": "Publisher", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "name", "type": "text"}],
     "relationships": [{"name": "books", "kind": "one-to-many", "target": "Book", "backref": "publisher"}]},
    {"name": "Book", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "title", "type": "text"},
        {"name": "publisher_id", "type": "integer", "references": "Publisher"}],
     "relationships": [{"name": "tags", "kind": "one-to-many", "target": "BookTag", "backref": "book"}]},
    {"name": "Tag", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "label", "type": "text"}]},
    {"name": "BookTag", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "book_id", "type": "integer", "references": "Book"},
        {"name": "tag_id", "type": "integer", "references": "Tag"}],
     "relationships": [{"name": "tag", "kind": "many-to-one", "target": "Tag"}]}
  ],
  "listeners": [
    {"event": "before_insert", "target": "Publisher", "action": "set", "attr": "name", "value": "x"},
    {"event": "set", "target": "Publisher.name", "action": "log"},
    {"event": "set", "target": "Book.title", "action": "set", "attr": "title", "compute": "upper", "of": "title"},
    {"event": "append", "target": "Publisher.books", "action": "log"},
    {"event": "set", "target": "Book.publisher", "action": "log"}
  ],
  "scenarios": [{"name": "s", "steps": [
    {"op": "new", "class": "Publisher", "as": "p1", "values": {"name": "Acme"}},
    {"op": "new", "class": "Book", "as": "b1", "values": {"title": "Dune", "publisher": {"ref": "p1"}}},
    {"op": "new", "class": "Tag", "as": "Publisher#9", "values": {"label": "sf"}},
    {"op": "add", "ref": "p1"},
    {"op": "set", "ref": "p1", "attr": "name", "value": "Ace"},
    {"op": "append", "ref": "p1", "attr": "books", "item": "b1"},
    {"op": "set", "ref": "b1", "attr": "publisher", "value": {"ref": "Publisher#1"}},
    {"op": "expire", "ref": "p1", "attrs": ["name", "books"]},
    {"op": "commit"},
    {"op": "query", "class": "Publisher", "where": {"name": "Ace"}, "orderBy": "name", "options": {"books": "selectin"}},
    {"op": "read", "ref": "Publisher#1", "attr": "name"},
    {"op": "set", "ref": "Publisher#9", "attr": "label", "value": "x"},
    {"op": "bulk_update", "class": "Publisher", "where": {"id": 1}, "values": {"name": "B"}},
    {"op": "get", "class": "Tag", "id": 1}
  ]}],
  "view": {"diagram": {"positions": {"Publisher": [10, 20], "Tag": [30, 40]}}}
})";

Project libraryProject()
{
    auto p = ProjectFile::parse(library);
    if (!p)
        qFatal("%s", qPrintable(p.error().toString()));
    return *p;
}

QJsonObject step(const Project &p, int k)
{
    return p.scenarios.at(0).steps.at(k).toJson();
}

/// Pushes @p cmd, then checks that undo and redo give the document back
/// byte for byte; returns whether the command changed anything.
bool pushAndCheckUndo(ProjectDocument &doc, QUndoCommand *cmd)
{
    const QByteArray before = ProjectFile::serialize(doc.project());
    const int index = doc.undoStack()->index();
    doc.undoStack()->push(cmd);
    if (doc.undoStack()->index() == index) {
        if (ProjectFile::serialize(doc.project()) != before)
            qFatal("a refused command changed the document");
        return false; // refused: obsolete, dropped
    }
    const QByteArray after = ProjectFile::serialize(doc.project());
    doc.undoStack()->undo();
    if (ProjectFile::serialize(doc.project()) != before)
        qFatal("undo did not give the document back");
    doc.undoStack()->redo();
    if (ProjectFile::serialize(doc.project()) != after)
        qFatal("redo did not give the change back");
    return true;
}

} // namespace

class TestRenaming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aClassRenameCarriesEveryReferenceToIt()
    {
        ProjectDocument doc;
        doc.reset(libraryProject());
        const ClassId publisher = doc.classId(0);
        QVERIFY(pushAndCheckUndo(doc, new RenameClassCommand(&doc, 0, QStringLiteral("House"))));
        const Project &p = doc.project();
        QCOMPARE(doc.classId(0), publisher);
        QCOMPARE(p.schema.classes.at(0).name, QStringLiteral("House"));
        QCOMPARE(p.schema.classes.at(1).columns.at(2).references, QStringLiteral("House"));
        QCOMPARE(p.schema.classes.at(3).columns.at(2).references, QStringLiteral("Tag"));
        QCOMPARE(p.listeners.at(0).target, QStringLiteral("House"));
        QCOMPARE(p.listeners.at(1).target, QStringLiteral("House.name"));
        QCOMPARE(p.listeners.at(3).target, QStringLiteral("House.books"));
        QCOMPARE(p.listeners.at(4).target, QStringLiteral("Book.publisher"));
        QCOMPARE(step(p, 0).value("class").toString(), QStringLiteral("House"));
        // Loaded objects are labelled Class#pk; a label a `new` step chose stays.
        QCOMPARE(step(p, 6).value("value").toObject().value("ref").toString(),
                 QStringLiteral("House#1"));
        QCOMPARE(step(p, 10).value("ref").toString(), QStringLiteral("House#1"));
        QCOMPARE(step(p, 2).value("as").toString(), QStringLiteral("Publisher#9"));
        QCOMPARE(step(p, 11).value("ref").toString(), QStringLiteral("Publisher#9"));
        QCOMPARE(step(p, 9).value("class").toString(), QStringLiteral("House"));
        QCOMPARE(step(p, 13).value("class").toString(), QStringLiteral("Tag"));
        QCOMPARE(doc.position(QStringLiteral("House")), std::optional<QPointF>(QPointF(10, 20)));
        QVERIFY(!doc.position(QStringLiteral("Publisher")));
        QVERIFY2(doc.problems().isEmpty(), qPrintable(doc.problems().value(0).toString()));
    }

    void anEmptyOrTakenClassNameIsRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("why");
        QTest::newRow("empty") << QString() << QStringLiteral("needs a name");
        QTest::newRow("blank") << QStringLiteral("  ") << QStringLiteral("needs a name");
        QTest::newRow("taken") << QStringLiteral("Tag") << QStringLiteral("already a class");
    }

    void anEmptyOrTakenClassNameIsRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, why);
        ProjectDocument doc;
        doc.reset(libraryProject());
        QVERIFY(Renaming::classNameProblem(doc.schema(), 0, name).contains(why));
        const Project before = doc.project();
        QVERIFY(!pushAndCheckUndo(doc, new RenameClassCommand(&doc, 0, name)));
        QCOMPARE(doc.project(), before);
        QCOMPARE(doc.undoStack()->count(), 0);
        QVERIFY(!doc.isModified());
        // A class may keep its own name.
        QVERIFY(Renaming::classNameProblem(doc.schema(), 2, QStringLiteral("Tag")).isEmpty());
    }

    // The issue's case 5: Publisher -> Tag (taken) -> Publisher must leave
    // BookTag's references to Tag alone.
    void aRefusedDuplicateAndRenameBackTouchNothing()
    {
        ProjectDocument doc;
        doc.reset(libraryProject());
        const Project before = doc.project();
        doc.undoStack()->push(new RenameClassCommand(&doc, 0, QStringLiteral("Tag")));
        doc.undoStack()->push(new RenameClassCommand(&doc, 0, QStringLiteral("Publisher")));
        QCOMPARE(doc.project(), before);
        QVERIFY(doc.problems().isEmpty());
    }

    // The issue's case 4: a class without a name is named: columns without a
    // foreign key keep having none.
    void namingANamelessClassGivesNoColumnAForeignKey()
    {
        Project p = libraryProject();
        ClassDef nameless;
        ColumnDef id;
        id.name = QStringLiteral("id");
        id.typeName = QStringLiteral("integer");
        id.primaryKey = true;
        id.nullable = false;
        nameless.columns.append(id);
        p.schema.classes.append(nameless); // as a file may hold it
        ProjectDocument doc;
        doc.reset(p);
        QVERIFY(!doc.problems().isEmpty()); // "a class needs a name"
        QVERIFY(pushAndCheckUndo(doc, new RenameClassCommand(&doc, 4, QStringLiteral("Shelf"))));
        Project expected = p;
        expected.schema.classes[4].name = QStringLiteral("Shelf");
        QCOMPARE(doc.project(), expected);
        QVERIFY(doc.problems().isEmpty());
        // And an empty name names no class: nothing references it.
        QCOMPARE(p.schema.classIndex(QString()), -1);
        QVERIFY(p.validate().size() == 1);
    }

    // A file with two classes of one name: references point at the first
    // (as the validator and the mapper read them); renaming the second
    // carries nothing, renaming the first carries them.
    void inAFileWithADuplicateTheFirstClassOwnsItsName()
    {
        Project p = libraryProject();
        ClassDef second = p.schema.classes.at(2);
        second.table = QStringLiteral("tags2");
        p.schema.classes.append(second); // a second "Tag"
        ProjectDocument doc;
        doc.reset(p);
        QVERIFY(pushAndCheckUndo(doc, new RenameClassCommand(&doc, 4, QStringLiteral("Label"))));
        QCOMPARE(doc.schema().classes.at(3).columns.at(2).references, QStringLiteral("Tag"));
        QCOMPARE(doc.schema().classes.at(3).relationships.at(0).target, QStringLiteral("Tag"));
        doc.undoStack()->undo();
        QVERIFY(pushAndCheckUndo(doc, new RenameClassCommand(&doc, 2, QStringLiteral("Label"))));
        QCOMPARE(doc.schema().classes.at(3).columns.at(2).references, QStringLiteral("Label"));
        QCOMPARE(doc.schema().classes.at(3).relationships.at(0).target, QStringLiteral("Label"));
        QCOMPARE(doc.schema().classes.at(4).name, QStringLiteral("Tag"));
        QCOMPARE(doc.position(QStringLiteral("Label")), std::optional<QPointF>(QPointF(30, 40)));
    }

    void aColumnRenameCarriesStepsAndListeners()
    {
        ProjectDocument doc;
        doc.reset(libraryProject());
        QVERIFY(pushAndCheckUndo(
            doc, new RenameMemberCommand(&doc, MemberKind::Column, 0, 1, QStringLiteral("title"))));
        const Project &p = doc.project();
        QCOMPARE(p.schema.classes.at(0).columns.at(1).name, QStringLiteral("title"));
        QCOMPARE(p.listeners.at(0).extra.value("attr").toString(), QStringLiteral("title"));
        QCOMPARE(p.listeners.at(1).target, QStringLiteral("Publisher.title"));
        // Book's own "title" is another attribute: untouched.
        QCOMPARE(p.listeners.at(2).target, QStringLiteral("Book.title"));
        QCOMPARE(p.listeners.at(2).extra.value("of").toString(), QStringLiteral("title"));
        QVERIFY(step(p, 0).value("values").toObject().contains("title"));
        QVERIFY(!step(p, 0).value("values").toObject().contains("name"));
        QCOMPARE(step(p, 1).value("values").toObject().value("title").toString(),
                 QStringLiteral("Dune"));
        QCOMPARE(step(p, 4).value("attr").toString(), QStringLiteral("title"));
        QCOMPARE(step(p, 7).value("attrs").toArray(), (QJsonArray {"title", "books"}));
        QCOMPARE(step(p, 9).value("where").toObject().keys(), QStringList {"title"});
        QCOMPARE(step(p, 9).value("orderBy").toString(), QStringLiteral("title"));
        QCOMPARE(step(p, 10).value("attr").toString(), QStringLiteral("title"));
        QCOMPARE(step(p, 11).value("attr").toString(), QStringLiteral("label"));
        QCOMPARE(step(p, 12).value("values").toObject().keys(), QStringList {"title"});
        QVERIFY2(doc.problems().isEmpty(), qPrintable(doc.problems().value(0).toString()));
    }

    void aColumnRenameCarriesTheForeignKeyThatNamesIt()
    {
        // Post.author and Post.editor name their columns; User.edited, a
        // one-to-many, names Post's editor_id too
        auto project = ProjectFile::parse(R"({"format": "mapperscope-project", "version": 2,
          "classes": [
            {"name": "User", "columns": [{"name": "id", "type": "integer", "primaryKey": true}],
             "relationships": [{"name": "edited", "kind": "one-to-many", "target": "Post",
                                "backref": "editor", "foreignKey": "editor_id"}]},
            {"name": "Post", "columns": [
                {"name": "id", "type": "integer", "primaryKey": true},
                {"name": "author_id", "type": "integer", "references": "User"},
                {"name": "editor_id", "type": "integer", "references": "User"}],
             "relationships": [{"name": "author", "kind": "many-to-one", "target": "User",
                                "foreignKey": "author_id"},
                               {"name": "editor", "kind": "many-to-one", "target": "User",
                                "backref": "edited", "foreignKey": "editor_id"}]}]})");
        QVERIFY2(project.ok(), project.ok() ? "" : qPrintable(project.error().toString()));
        ProjectDocument doc;
        doc.reset(*project);
        QVERIFY2(doc.problems().isEmpty(), qPrintable(doc.problems().value(0).toString()));
        QVERIFY(pushAndCheckUndo(
            doc, new RenameMemberCommand(&doc, MemberKind::Column, 1, 2, QStringLiteral("reviser_id"))));
        const Schema &s = doc.project().schema;
        QCOMPARE(s.classes[0].relationships[0].foreignKey, QStringLiteral("reviser_id"));
        QCOMPARE(s.classes[1].relationships[0].foreignKey, QStringLiteral("author_id"));
        QCOMPARE(s.classes[1].relationships[1].foreignKey, QStringLiteral("reviser_id"));
        QVERIFY2(doc.problems().isEmpty(), qPrintable(doc.problems().value(0).toString()));
        // User's own id is no foreign key of anything: nothing follows it
        QVERIFY(pushAndCheckUndo(
            doc, new RenameMemberCommand(&doc, MemberKind::Column, 0, 0, QStringLiteral("key"))));
        QCOMPARE(doc.project().schema.classes[1].relationships[0].foreignKey, QStringLiteral("author_id"));
        QVERIFY2(doc.problems().isEmpty(), qPrintable(doc.problems().value(0).toString()));
    }

    void aRelationshipRenameCarriesStepsListenersAndItsPair()
    {
        Project p = libraryProject();
        // Book declares the inverse of Publisher.books: the two pair by backref.
        RelationshipDef inverse;
        inverse.name = QStringLiteral("publisher");
        inverse.kindName = QStringLiteral("many-to-one");
        inverse.target = QStringLiteral("Publisher");
        inverse.backref = QStringLiteral("books");
        p.schema.classes[1].relationships.append(inverse);
        ProjectDocument doc;
        doc.reset(p);
        QVERIFY2(doc.problems().isEmpty(), qPrintable(doc.problems().value(0).toString()));
        QVERIFY(pushAndCheckUndo(doc, new RenameMemberCommand(&doc, MemberKind::Relationship, 0, 0,
                                                               QStringLiteral("titles"))));
        const Project &after = doc.project();
        QCOMPARE(after.schema.classes.at(1).relationships.at(1).backref, QStringLiteral("titles"));
        QCOMPARE(after.listeners.at(3).target, QStringLiteral("Publisher.titles"));
        QCOMPARE(step(after, 5).value("attr").toString(), QStringLiteral("titles"));
        QCOMPARE(step(after, 7).value("attrs").toArray(), (QJsonArray {"name", "titles"}));
        // a query's loader option names the relationship too
        QCOMPARE(step(after, 9).value("options").toObject().keys(), QStringList {"titles"});
        QVERIFY2(doc.problems().isEmpty(), qPrintable(doc.problems().value(0).toString()));
    }

    void aBackrefRenameCarriesWhatNamesTheAttributeItCreates()
    {
        ProjectDocument doc;
        doc.reset(libraryProject());
        QVERIFY(pushAndCheckUndo(doc, new SetBackrefCommand(&doc, 0, 0, QStringLiteral("house"))));
        const Project &p = doc.project();
        QCOMPARE(p.schema.classes.at(0).relationships.at(0).backref, QStringLiteral("house"));
        QCOMPARE(p.listeners.at(4).target, QStringLiteral("Book.house"));
        QVERIFY(step(p, 1).value("values").toObject().contains("house"));
        QCOMPARE(step(p, 6).value("attr").toString(), QStringLiteral("house"));
        QVERIFY2(doc.problems().isEmpty(), qPrintable(doc.problems().value(0).toString()));
        // A backref onto an attribute the target has is not a rename: the
        // steps keep their word (and the clash is a problem to fix).
        QVERIFY(pushAndCheckUndo(doc, new SetBackrefCommand(&doc, 0, 0, QStringLiteral("title"))));
        QCOMPARE(doc.project().listeners.at(4).target, QStringLiteral("Book.house"));
        QVERIFY(!doc.problems().isEmpty());
        // Removing it is not a rename either.
        doc.undoStack()->undo();
        QVERIFY(pushAndCheckUndo(doc, new SetBackrefCommand(&doc, 0, 0, QString())));
        QCOMPARE(doc.project().listeners.at(4).target, QStringLiteral("Book.house"));
    }

    void anEmptyOrTakenAttributeNameIsRefused_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("cls");
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("name");
        const int column = int(MemberKind::Column);
        const int relationship = int(MemberKind::Relationship);
        QTest::newRow("empty column") << column << 0 << 1 << QString();
        QTest::newRow("column onto a column") << column << 0 << 1 << QStringLiteral("id");
        QTest::newRow("column onto a relationship") << column << 0 << 1 << QStringLiteral("books");
        QTest::newRow("column onto a backref") << column << 1 << 1 << QStringLiteral("publisher");
        QTest::newRow("empty relationship") << relationship << 0 << 0 << QString();
        QTest::newRow("relationship onto a column") << relationship << 0 << 0 << QStringLiteral("name");
    }

    void anEmptyOrTakenAttributeNameIsRefused()
    {
        QFETCH(int, kind);
        QFETCH(int, cls);
        QFETCH(int, row);
        QFETCH(QString, name);
        ProjectDocument doc;
        doc.reset(libraryProject());
        const Project before = doc.project();
        QVERIFY(!pushAndCheckUndo(doc, new RenameMemberCommand(&doc, MemberKind(kind), cls, row, name)));
        QCOMPARE(doc.project(), before);
    }

    void classesKeepTheirIdentity()
    {
        ProjectDocument doc;
        doc.reset(libraryProject());
        const ClassId tag = doc.classId(2);
        const ClassId bookTag = doc.classId(3);
        QVERIFY(tag != 0 && bookTag != 0 && tag != bookTag);
        doc.undoStack()->push(new RemoveClassCommand(&doc, 2));
        QCOMPARE(doc.classIndex(tag), -1);
        QCOMPARE(doc.classIndex(bookTag), 2);
        doc.undoStack()->undo();
        QCOMPARE(doc.classIndex(tag), 2); // the same class again, not a new one
        QCOMPARE(doc.classIndex(bookTag), 3);
        ClassDef extra = doc.schema().classes.at(2);
        extra.name = QStringLiteral("Shelf");
        doc.undoStack()->push(new AddClassCommand(&doc, extra));
        const ClassId shelf = doc.classId(4);
        doc.undoStack()->undo();
        doc.undoStack()->redo();
        QCOMPARE(doc.classId(4), shelf);
        // A rename says what changed and keeps every identity.
        QSignalSpy reset(&doc, &ProjectDocument::projectReset);
        QSignalSpy changed(&doc, &ProjectDocument::classChanged);
        QSignalSpy members(&doc, &ProjectDocument::memberChanged);
        doc.undoStack()->push(new RenameClassCommand(&doc, 2, QStringLiteral("Label")));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(members.count(), 2); // BookTag.tag_id and BookTag.tag
        QCOMPARE(doc.classId(2), tag);
        // Another project: other classes.
        doc.reset(libraryProject());
        QCOMPARE(doc.classIndex(tag), -1);
    }

    void problemsAreSignalledForEveryChange()
    {
        ProjectDocument doc;
        doc.reset(libraryProject());
        QSignalSpy problems(&doc, &ProjectDocument::problemsChanged);
        QList<ListenerDef> listeners = doc.project().listeners;
        ListenerDef unknown;
        unknown.event = QStringLiteral("no_such_hook");
        listeners.append(unknown);
        doc.undoStack()->push(new SetListenersCommand(&doc, listeners, QStringLiteral("add")));
        QCOMPARE(problems.count(), 1);
        QCOMPARE(doc.problems().size(), 1);
        doc.undoStack()->undo();
        QCOMPARE(problems.count(), 2);
        QVERIFY(doc.problems().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRenaming)
#include "tst_renaming.moc"
