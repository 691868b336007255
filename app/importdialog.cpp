#include "importdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ms {

ImportDialog::ImportDialog(DatabaseImport::Imported imported, QWidget *parent)
    : QDialog(parent)
    , m_imported(std::move(imported))
    , m_table(new QTableWidget(this))
    , m_leftOut(new QListWidget(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Import Database"));
    auto *intro = new QLabel(tr("Tables that become classes: %1. Edit a class name to change it; "
                                "the model replaces the open project's, as one step you can undo.")
                                 .arg(m_imported.tables.size()),
                             this);
    intro->setWordWrap(true);
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Table"), tr("Class"), tr("Columns")});
    m_table->setRowCount(int(m_imported.tables.size()));
    for (int r = 0; r < m_imported.tables.size(); ++r) {
        const DatabaseImport::Table &t = m_imported.tables[r];
        auto *table = new QTableWidgetItem(t.table);
        table->setFlags(table->flags() & ~Qt::ItemIsEditable);
        auto *columns = new QTableWidgetItem(QString::number(t.columns));
        columns->setFlags(columns->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(r, 0, table);
        m_table->setItem(r, 1, new QTableWidgetItem(t.className));
        m_table->setItem(r, 2, columns);
    }
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    auto *leftOutLabel = new QLabel(m_imported.skipped.isEmpty()
                                        ? tr("Nothing was left out.")
                                        : tr("Left out (the model cannot express it yet):"),
                                    this);
    m_leftOut->addItems(m_imported.skipped);
    m_leftOut->setWordWrap(true);
    m_leftOut->setVisible(!m_imported.skipped.isEmpty());
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_imported.tables.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 2);
    layout->addWidget(leftOutLabel);
    layout->addWidget(m_leftOut, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(720, 480);
}

void ImportDialog::accept()
{
    QHash<QString, QString> names;
    for (int r = 0; r < m_table->rowCount(); ++r)
        names.insert(m_table->item(r, 0)->text(), m_table->item(r, 1)->text());
    auto project = DatabaseImport::renamed(m_imported, names);
    if (!project) {
        m_error->setText(project.error().message);
        m_error->show();
        return;
    }
    m_project = *project;
    QDialog::accept();
}

} // namespace ms
