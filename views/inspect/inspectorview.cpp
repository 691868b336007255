#include "inspectorview.h"

#include "common/eventtext.h"
#include "events/eventlog.h"
#include "orm/instance.h"

#include <QTextBrowser>
#include <QVBoxLayout>

namespace ms {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

std::optional<ObjectState> stateAfter(EventType type)
{
    switch (type) {
    case EventType::TransientToPending:
        return ObjectState::Pending;
    case EventType::PendingToTransient:
    case EventType::PersistentToTransient:
        return ObjectState::Transient;
    case EventType::PendingToPersistent:
    case EventType::DetachedToPersistent:
    case EventType::LoadedAsPersistent:
    case EventType::DeletedToPersistent:
        return ObjectState::Persistent;
    case EventType::PersistentToDeleted:
        return ObjectState::Deleted;
    case EventType::DeletedToDetached:
    case EventType::PersistentToDetached:
        return ObjectState::Detached;
    default:
        return std::nullopt;
    }
}

} // namespace

InspectorView::InspectorView(EventLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_browser(new QTextBrowser(this))
{
    m_browser->setObjectName(QStringLiteral("inspector"));
    m_browser->setOpenLinks(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    connect(log, &EventLog::cleared, this, &InspectorView::clear);
    clear();
}

void InspectorView::clear()
{
    m_index = -1;
    m_browser->setHtml(QStringLiteral("<p style='color:gray'>%1</p>")
                           .arg(esc(tr("Select an event on the timeline or in the log to see "
                                       "its arguments, values and what the hook is for."))));
}

QString InspectorView::text() const
{
    return m_browser->toPlainText();
}

QString InspectorView::stateAt(const EventLog &log, qsizetype index)
{
    const quint32 object = log.at(index).objectId;
    if (object == 0)
        return {};
    for (qsizetype i = index; i >= log.first(); --i) {
        const Event &e = log.at(i);
        if (e.objectId != object)
            continue;
        if (const auto state = stateAfter(e.type))
            return objectStateName(*state);
    }
    if (log.first() > 0)
        return tr("unknown (its earlier events were dropped by the log's limit)");
    // No lifecycle event yet: constructed and not added.
    return objectStateName(ObjectState::Transient);
}

void InspectorView::inspect(qsizetype index)
{
    if (!m_log || !m_log->contains(index)) {
        clear();
        return;
    }
    m_index = index;
    const EventLog &log = *m_log;
    const Event &e = log.at(index);
    const EventInfo &info = eventInfo(e.type);
    const QString cls = log.className(e.classId);
    const QString object = log.objectLabel(e.objectId);
    const QString attr = log.attributeName(e.classId, e.attribute);
    const QVariant value = log.value(e.value);
    const QVariantMap detail = value.toMap();

    QString html;
    html += QStringLiteral("<h3 style='margin-bottom:2px'><code>%1</code>%2</h3>")
                .arg(esc(eventName(e.type)),
                     e.flags & Event::Failed
                         ? QStringLiteral(" <span style='color:#c62828'>%1</span>")
                               .arg(esc(tr("failed")))
                         : QString());
    html += QStringLiteral("<p style='margin-top:0;color:#555'>%1</p>")
                .arg(esc(tr("event #%1 (category: %2), %3 ms after the log began")
                             .arg(index + 1)
                             .arg(categoryTitle(e.category()))
                             .arg(double(e.nsecs()) / 1e6, 0, 'f', 3)));

    // The hook's arguments as SQLAlchemy names them, with what each held.
    auto argument = [&](const QString &name) -> QString {
        if (name == QLatin1String("mapper") || name == QLatin1String("class_")
            || name == QLatin1String("cls"))
            return cls.isEmpty() ? tr("every mapper") : tr("the mapper of %1").arg(cls);
        if (name == QLatin1String("target") || name == QLatin1String("instance")
            || name == QLatin1String("inst"))
            return object.isEmpty() ? QString() : tr("%1 (a %2)").arg(object, cls);
        if (name == QLatin1String("session") || name == QLatin1String("sess"))
            return tr("the session");
        if (name == QLatin1String("connection"))
            return tr("the flush's database connection");
        if (name == QLatin1String("flush_context"))
            return tr("the unit of work (UOWTransaction)");
        if (name == QLatin1String("transaction") || name == QLatin1String("previous_transaction")) {
            if (detail.contains(QStringLiteral("subtransaction")))
                return detail.value(QStringLiteral("subtransaction")).toBool()
                    ? tr("a subtransaction (a flush's)")
                    : tr("the root transaction");
            return tr("the session's transaction");
        }
        if (name == QLatin1String("key"))
            return attr;
        if (name == QLatin1String("value") && e.value && e.category() == EventCategory::Attribute)
            return log.displayValue(value);
        if (name == QLatin1String("oldvalue") && e.category() == EventCategory::Attribute)
            return e.hasOld() ? log.displayValue(log.oldValue(e)) : QStringLiteral("NO_VALUE");
        if (name == QLatin1String("initiator"))
            return tr("the attribute event (Event)");
        if (name == QLatin1String("attrs") || name == QLatin1String("keys"))
            return e.value ? log.displayValue(value) : QStringLiteral("None");
        return {};
    };
    const QStringList arguments
        = QString::fromLatin1(info.arguments).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (!arguments.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b> <code>%2(%3)</code></p><table cellspacing='2'>")
                    .arg(esc(tr("Arguments")), esc(eventName(e.type)),
                         esc(QString::fromLatin1(info.arguments)));
        for (QString name : arguments) {
            name = name.trimmed();
            const QString held = argument(name);
            html += QStringLiteral("<tr><td><code>%1</code></td><td>%2</td></tr>")
                        .arg(esc(name), held.isEmpty() ? QStringLiteral("&mdash;") : esc(held));
        }
        html += QStringLiteral("</table>");
    }

    html += QStringLiteral("<table cellspacing='2'>");
    auto row = [&](const QString &label, const QString &text, bool code = false) {
        if (text.isEmpty())
            return;
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(esc(label),
                         code ? QStringLiteral("<code>%1</code>").arg(esc(text)) : esc(text));
    };
    row(tr("Class"), cls);
    row(tr("Object"), object);
    row(tr("Attribute"), attr);
    if (!object.isEmpty())
        row(tr("State after it"), stateAt(log, index));
    switch (e.type) {
    case EventType::Statement:
        row(tr("Statement"), detail.value(QStringLiteral("sql")).toString(), true);
        row(tr("Parameters"), log.displayValue(detail.value(QStringLiteral("params"))), true);
        row(tr("Sent by"), detail.value(QStringLiteral("source")).toString());
        if (const QString why = statementCauseText(log, index); !why.isEmpty())
            row(tr("Why"), why);
        if (detail.contains(QStringLiteral("error")))
            row(tr("Error"), detail.value(QStringLiteral("error")).toString());
        else
            row(tr("Rows"), detail.value(QStringLiteral("rows")).toString());
        row(tr("Duration"),
            tr("%1 ms").arg(detail.value(QStringLiteral("ms")).toDouble(), 0, 'f', 3));
        break;
    case EventType::Error:
    case EventType::Warning:
        row(tr("Message"), value.toString());
        break;
    case EventType::NotFired:
        row(tr("Did not fire"), value.toString());
        break;
    case EventType::Step:
        for (auto it = detail.cbegin(); it != detail.cend(); ++it)
            if (!it.value().isNull())
                row(it.key(),
                    it.key() == QLatin1String("op") ? it.value().toString()
                                                    : log.displayValue(it.value()));
        break;
    default:
        if (e.category() == EventCategory::Attribute) {
            if (e.value)
                row(tr("New value"), log.displayValue(value), true);
            if (e.hasOld())
                row(tr("Old value"), log.displayValue(log.oldValue(e)), true);
        } else if (e.value) {
            row(tr("Value"), log.displayValue(value), true);
        }
        break;
    }
    html += QStringLiteral("</table>");
    if (m_noteSource)
        if (const QString note = m_noteSource(index); !note.isEmpty())
            html += QStringLiteral("<p style='color:#a04c00'>\u26a0 %1</p>").arg(esc(note));

    const QString explanation = eventExplanation(e.type);
    if (!explanation.isEmpty())
        html += QStringLiteral("<p><b>%1</b><br>%2</p>")
                    .arg(esc(tr("What this hook is for")), esc(explanation));
    m_browser->setHtml(html);
}

} // namespace ms
