#include "diagramscene.h"

#include "classitem.h"
#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "relationitem.h"

#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QUndoStack>

#include <algorithm>

namespace ms {

DiagramScene::DiagramScene(ProjectDocument *doc, QObject *parent)
    : QGraphicsScene(parent)
    , m_doc(doc)
{
    connect(doc, &ProjectDocument::schemaChanged, this, &DiagramScene::sync);
    connect(doc, &ProjectDocument::positionsChanged, this, &DiagramScene::syncPositions);
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        const int index = selectedClass();
        m_selected = m_doc->classId(index);
        Q_EMIT classSelected(index);
    });
    sync();
}

DiagramScene::~DiagramScene()
{
    // Items removed while the scene goes would report a selection change to
    // a half-destroyed scene.
    const QSignalBlocker blocker(this);
    m_relations.clear();
    m_items.clear();
    clear();
}

ClassItem *DiagramScene::classItem(const QString &className) const
{
    return m_items.value(m_doc->classId(m_doc->schema().classIndex(className)));
}

QList<ClassItem *> DiagramScene::classItems() const
{
    QList<ClassItem *> items;
    for (int i = 0; i < m_doc->schema().classes.size(); ++i) {
        if (ClassItem *item = m_items.value(m_doc->classId(i)))
            items.append(item);
    }
    return items;
}

void DiagramScene::clearRelations()
{
    // An arrow holds its two boxes: it goes before either of them can.
    qDeleteAll(m_relations);
    m_relations.clear();
}

void DiagramScene::sync()
{
    const QSignalBlocker blocker(this);
    clearRelations();
    const Schema &schema = m_doc->schema();
    QHash<int, QStringList> problems;
    for (const Problem &p : m_doc->problems()) {
        const int cls = ProblemLocation::of(p.path).classIndex;
        if (cls >= 0)
            problems[cls].append(p.toString());
    }
    QSet<ClassId> live;
    for (int i = 0; i < schema.classes.size(); ++i) {
        const ClassDef &c = schema.classes.at(i);
        const ClassId id = m_doc->classId(i);
        live.insert(id);
        ClassItem *item = m_items.value(id);
        if (!item) {
            item = new ClassItem(id, c);
            addItem(item);
            m_items.insert(id, item);
            connect(item, &ClassItem::moved, this, &DiagramScene::adjustRelations);
        } else {
            item->setClass(c);
        }
        item->setProblems(problems.value(i));
    }
    for (auto it = m_items.begin(); it != m_items.end();) {
        if (!live.contains(it.key())) {
            delete it.value();
            it = m_items.erase(it);
        } else {
            ++it;
        }
    }
    syncPositions();
    rebuildRelations();
    clearSelection();
    if (ClassItem *item = m_items.value(m_selected))
        item->setSelected(true);
    else
        m_selected = 0;
}

void DiagramScene::syncPositions()
{
    const QHash<QString, QPointF> stored = m_doc->positions();
    QHash<QString, QPointF> automatic;
    if (stored.size() < m_items.size())
        automatic = autoLayout(m_doc->schema());
    for (ClassItem *item : std::as_const(m_items)) {
        const QString name = item->className();
        item->setPos(stored.value(name, automatic.value(name)));
    }
    adjustRelations();
    setSceneRect(itemsBoundingRect().adjusted(-200, -200, 200, 200));
}

void DiagramScene::rebuildRelations()
{
    clearRelations();
    const Schema &schema = m_doc->schema();
    // relationships between the same two classes (either way) share a pair
    // of boxes: drawn side by side, in declaration order
    auto pairOf = [](int a, int b) { return std::pair<int, int>(std::min(a, b), std::max(a, b)); };
    QHash<std::pair<int, int>, int> lanes, used;
    for (int i = 0; i < schema.classes.size(); ++i)
        for (const RelationshipDef &r : schema.classes.at(i).relationships)
            ++lanes[pairOf(i, schema.classIndex(r.target))];
    for (int i = 0; i < schema.classes.size(); ++i) {
        const ClassDef &c = schema.classes.at(i);
        ClassItem *from = m_items.value(m_doc->classId(i));
        for (const RelationshipDef &r : c.relationships) {
            const int target = schema.classIndex(r.target);
            ClassItem *to = m_items.value(m_doc->classId(target));
            if (!from || !to)
                continue;
            QString label = r.name;
            if (auto kind = r.kind())
                label += !r.uselist()                          ? QStringLiteral("  1 \u2192 1")
                    : *kind == RelationshipKind::OneToMany  ? QStringLiteral("  1 \u2192 *")
                    : *kind == RelationshipKind::ManyToMany ? QStringLiteral("  * \u2192 *")
                                                            : QStringLiteral("  * \u2192 1");
            if (!r.secondary.isEmpty() && r.kind() == RelationshipKind::ManyToMany)
                label += QStringLiteral("  [%1]").arg(r.secondary);
            if (!r.foreignKey.isEmpty())
                label += QStringLiteral("  (%1)").arg(r.foreignKey);
            if (!r.backref.isEmpty())
                label += QLatin1Char('\n') + tr("backref %1").arg(r.backref);
            const auto pair = pairOf(i, target);
            auto *item = new RelationItem(from, to, label, used[pair]++, lanes.value(pair));
            addItem(item);
            m_relations.append(item);
        }
    }
    adjustRelations(); // the labels placed clear of the boxes
}

void DiagramScene::adjustRelations()
{
    // the boxes the labels keep clear of
    QList<QRectF> boxes;
    for (const ClassItem *item : std::as_const(m_items))
        boxes << item->sceneBoundingRect();
    for (RelationItem *r : std::as_const(m_relations))
        r->adjust(boxes);
}

void DiagramScene::selectClass(int index)
{
    ClassItem *item = m_items.value(m_doc->classId(index));
    {
        const QSignalBlocker blocker(this);
        clearSelection();
        if (item) {
            item->setSelected(true);
            for (QGraphicsView *view : views())
                view->ensureVisible(item);
        }
    }
    const ClassId selected = item ? item->classId() : 0;
    if (selected != m_selected) {
        m_selected = selected;
        Q_EMIT classSelected(m_doc->classIndex(m_selected));
    }
}

int DiagramScene::selectedClass() const
{
    for (QGraphicsItem *item : selectedItems()) {
        if (auto *box = dynamic_cast<ClassItem *>(item))
            return m_doc->classIndex(box->classId());
    }
    return -1;
}

QHash<QString, QPointF> DiagramScene::autoLayout(const Schema &schema)
{
    QHash<QString, int> layer;
    QList<int> order = schema.dependencyOrder();
    if (order.isEmpty()) {
        for (int i = 0; i < schema.classes.size(); ++i)
            order.append(i);
    }
    for (int i : std::as_const(order)) {
        const ClassDef &c = schema.classes.at(i);
        int l = 0;
        for (const ColumnDef &col : c.columns) {
            if (col.isForeignKey() && col.references != c.name && layer.contains(col.references))
                l = std::max(l, layer.value(col.references) + 1);
        }
        // a many-to-many's target to the right of the class that declares
        // it (no foreign key of theirs says where), with room for its label
        for (const ClassDef &other : schema.classes) {
            for (const RelationshipDef &r : other.relationships)
                if (r.kind() == RelationshipKind::ManyToMany && r.target == c.name && other.name != c.name
                    && layer.contains(other.name))
                    l = std::max(l, layer.value(other.name) + 1);
        }
        layer.insert(c.name, l);
    }
    QHash<int, qreal> nextY;
    QHash<QString, QPointF> result;
    for (int i : std::as_const(order)) {
        const ClassDef &c = schema.classes.at(i);
        const int l = layer.value(c.name);
        const qreal y = nextY.value(l, 0);
        result.insert(c.name, QPointF(l * 320.0, y));
        nextY[l] = y + 80 + 20 * std::max<qsizetype>(1, c.columns.size());
    }
    return result;
}

void DiagramScene::layoutAll()
{
    const QHash<QString, QPointF> layout = autoLayout(m_doc->schema());
    MoveBoxesCommand::Positions before;
    MoveBoxesCommand::Positions after;
    for (auto it = layout.begin(); it != layout.end(); ++it) {
        before.insert(it.key(), m_doc->position(it.key()));
        after.insert(it.key(), it.value());
    }
    m_doc->undoStack()->push(new MoveBoxesCommand(m_doc, before, after, tr("Automatic layout")));
}

QPointF DiagramScene::freeSpot() const
{
    QRectF used;
    for (ClassItem *item : std::as_const(m_items))
        used = used.united(item->sceneBoundingRect());
    return used.isNull() ? QPointF(0, 0) : QPointF(used.right() + 80, used.top());
}

bool DiagramScene::event(QEvent *event)
{
    const bool handled = QGraphicsScene::event(event);
    if (event->type() == QEvent::FontChange) {
        const QSignalBlocker blocker(this);
        for (int i = 0; i < m_doc->schema().classes.size(); ++i) {
            if (ClassItem *item = m_items.value(m_doc->classId(i)))
                item->setClass(m_doc->schema().classes.at(i)); // measured again
        }
        adjustRelations();
    }
    return handled;
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mousePressEvent(event);
    m_pressPositions.clear();
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it)
        m_pressPositions.insert(it.key(), it.value()->pos());
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    MoveBoxesCommand::Positions before;
    MoveBoxesCommand::Positions after;
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        const auto pressed = m_pressPositions.constFind(it.key());
        if (pressed == m_pressPositions.cend() || *pressed == it.value()->pos())
            continue;
        const QString name = it.value()->className();
        before.insert(name, m_doc->position(name));
        after.insert(name, it.value()->pos());
    }
    m_pressPositions.clear();
    if (after.isEmpty())
        return;
    const QString text = after.size() == 1 ? tr("Move %1").arg(after.keys().first())
                                           : tr("Move %1 classes").arg(after.size());
    m_doc->undoStack()->push(new MoveBoxesCommand(m_doc, before, after, text));
}

} // namespace ms
