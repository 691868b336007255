#include "events/eventtype.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace ms;

class TestEventType : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void catalogueIsComplete()
    {
        QCOMPARE(int(eventCatalogue().size()), eventTypeCount);
        QSet<QString> names;
        for (int i = 0; i < eventTypeCount; ++i) {
            const EventInfo &info = eventInfo(EventType(i));
            QCOMPARE(int(info.type), i);
            const QString name = QLatin1String(info.name);
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QCOMPARE(eventTypeFromName(name), std::optional<EventType>(EventType(i)));
            QVERIFY2(eventExplanation(info.type).size() > 40, qPrintable(name));
        }
        QVERIFY(!eventTypeFromName(QStringLiteral("before_frobnicate")));
    }

    // Every hook events.md names is in the catalogue.
    void everyDocumentedHookExists()
    {
        QFile doc(QStringLiteral(MS_SHARED_DIR "/design/events.md"));
        if (!doc.open(QIODevice::ReadOnly))
            QSKIP("shared/design/events.md is not beside the checkout");
        const QString text = QString::fromUtf8(doc.readAll());
        static const QRegularExpression hook(QStringLiteral("`([a-z_]+)`"));
        const QSet<QString> notHooks = {QStringLiteral("propagate"), QStringLiteral("retval"),
                                        QStringLiteral("insert"), QStringLiteral("once"),
                                        QStringLiteral("add"), QStringLiteral("delete"),
                                        QStringLiteral("error"), QStringLiteral("pause")};
        int checked = 0;
        for (auto it = hook.globalMatch(text); it.hasNext();) {
            const QString name = it.next().captured(1);
            if (notHooks.contains(name) || !name.contains(QLatin1Char('_')))
                continue;
            QVERIFY2(eventTypeFromName(name).has_value(), qPrintable(name));
            ++checked;
        }
        QVERIFY(checked > 40);
    }

    void categories_data()
    {
        QTest::addColumn<QString>("hook");
        QTest::addColumn<QString>("category");
        QTest::addColumn<int>("target");
        QTest::newRow("before_insert") << "before_insert" << "mapper" << int(TargetKind::Mapper);
        QTest::newRow("after_configured") << "after_configured" << "mapper" << int(TargetKind::Mapper);
        QTest::newRow("before_flush") << "before_flush" << "session" << int(TargetKind::Session);
        QTest::newRow("transient_to_pending") << "transient_to_pending" << "session" << int(TargetKind::Session);
        QTest::newRow("init") << "init" << "instance" << int(TargetKind::Mapper);
        QTest::newRow("set") << "set" << "attribute" << int(TargetKind::Attribute);
        QTest::newRow("cursor_created") << "cursor_created" << "query" << int(TargetKind::Session);
        QTest::newRow("attribute_instrument") << "attribute_instrument" << "instrumentation" << int(TargetKind::Mapper);
        QTest::newRow("statement") << "statement" << "statement" << int(TargetKind::None);
    }

    void categories()
    {
        QFETCH(QString, hook);
        const auto type = eventTypeFromName(hook);
        QVERIFY(type);
        QTEST(categoryName(eventInfo(*type).category), "category");
        QTEST(int(eventInfo(*type).target), "target");
        QCOMPARE(categoryFromName(categoryName(eventInfo(*type).category)), eventInfo(*type).category);
    }
};

QTEST_GUILESS_MAIN(TestEventType)
#include "tst_eventtype.moc"
