#pragma once

#include "project.h"

#include <QString>

namespace ms {

/// A project as one readable Python module for SQLAlchemy 1.4 (it runs on
/// 2.0 too): declarative classes, the project's listeners as event
/// listeners doing what their action does, each scenario as a function that
/// plays its steps, and a main that plays a scenario on an in-memory SQLite
/// database and prints the ORM event trace in the project's trace format.
///
/// Names users type (quotes, spaces, Unicode, Python keywords) become valid
/// Python identifiers; the real table and column names stay in
/// `__tablename__` and `Column("...")`, and the trace names classes and
/// attributes as the project does.
namespace SqlAlchemyExport {

/// The module's text. @p source names where the project came from (a file
/// name) in the module's docstring, empty for none; @p fileName is the
/// module's own, for the usage it shows.
QString module(const Project &project, const QString &source = QString(),
               const QString &fileName = QStringLiteral("model.py"));

/// A valid Python identifier for @p name: letters, digits and underscores
/// kept (other characters become `_`), a leading digit or a keyword
/// prefixed or suffixed with `_`; never one of @p taken, which it joins.
QString identifier(const QString &name, QStringList *taken);

} // namespace SqlAlchemyExport

} // namespace ms
