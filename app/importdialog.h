#pragma once

#include "project/databaseimport.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QTableWidget;

namespace ms {

/// File > Import Database, second step: the tables read, each with the
/// class it becomes (the name editable), and what was left out and why.
/// OK takes the names (an empty or repeated one is refused, with a message).
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(DatabaseImport::Imported imported, QWidget *parent = nullptr);

    /// The project with the names as edited; valid once accepted.
    const Project &project() const { return m_project; }
    QTableWidget *table() const { return m_table; }
    QListWidget *leftOut() const { return m_leftOut; }
    void accept() override;

private:
    DatabaseImport::Imported m_imported;
    Project m_project;
    QTableWidget *m_table;
    QListWidget *m_leftOut;
    QLabel *m_error;
};

} // namespace ms
