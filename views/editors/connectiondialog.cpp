#include "connectiondialog.h"

#include "live/workbench.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ms {

namespace {
const QString sqlite = QStringLiteral("QSQLITE");
const QString postgres = QStringLiteral("QPSQL");
const QString memory = QStringLiteral(":memory:");
} // namespace

ConnectionDialog::ConnectionDialog(const DatabaseSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_original(settings)
    , m_driver(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_memory(new QRadioButton(tr("In &memory (gone when the window closes)"), this))
    , m_file(new QRadioButton(tr("In a &file:"), this))
    , m_path(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_savePassword(new QCheckBox(tr("&Save the password in the project file"), this))
    , m_result(new QLabel(this))
{
    setWindowTitle(tr("Database Connection"));
    m_driver->addItem(tr("SQLite"), sqlite);
    m_driver->addItem(tr("PostgreSQL"), postgres);
    m_driver->setObjectName(QStringLiteral("driver"));

    auto *sqlitePage = new QWidget;
    auto *sl = new QVBoxLayout(sqlitePage);
    sl->setContentsMargins(0, 0, 0, 0);
    sl->addWidget(m_memory);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file);
    m_path->setObjectName(QStringLiteral("sqlitePath"));
    m_path->setPlaceholderText(tr("path of an SQLite file (created when missing)"));
    fileRow->addWidget(m_path, 1);
    auto *browse = new QPushButton(tr("&Browse..."));
    fileRow->addWidget(browse);
    sl->addLayout(fileRow);
    sl->addStretch();
    auto *group = new QButtonGroup(this);
    group->addButton(m_memory);
    group->addButton(m_file);

    auto *pgPage = new QWidget;
    auto *pl = new QFormLayout(pgPage);
    pl->setContentsMargins(0, 0, 0, 0);
    m_host->setPlaceholderText(QStringLiteral("localhost"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default (5432)"));
    m_password->setEchoMode(QLineEdit::Password);
    m_host->setObjectName(QStringLiteral("host"));
    m_database->setObjectName(QStringLiteral("database"));
    m_user->setObjectName(QStringLiteral("user"));
    m_password->setObjectName(QStringLiteral("password"));
    pl->addRow(tr("&Host:"), m_host);
    pl->addRow(tr("&Port:"), m_port);
    pl->addRow(tr("&Database:"), m_database);
    pl->addRow(tr("&User:"), m_user);
    pl->addRow(tr("Pass&word:"), m_password);
    pl->addRow(QString(), m_savePassword);

    m_pages->addWidget(sqlitePage);
    m_pages->addWidget(pgPage);

    auto *testButton = new QPushButton(tr("&Test Connection"));
    testButton->setObjectName(QStringLiteral("test"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setObjectName(QStringLiteral("result"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);

    auto *form = new QFormLayout;
    form->addRow(tr("D&river:"), m_driver);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_pages);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(testButton);
    testRow->addWidget(m_result, 1);
    layout->addLayout(testRow);
    layout->addStretch();
    layout->addWidget(buttons);

    const bool isPostgres = settings.driver == postgres;
    m_driver->setCurrentIndex(isPostgres ? 1 : 0);
    if (isPostgres) {
        m_host->setText(settings.host);
        m_port->setValue(settings.port);
        m_database->setText(settings.name);
        m_user->setText(settings.user);
        m_password->setText(settings.password);
        m_savePassword->setChecked(settings.savePassword);
        m_memory->setChecked(true);
    } else {
        const bool inMemory = settings.name.isEmpty() || settings.name == memory;
        m_memory->setChecked(inMemory);
        m_file->setChecked(!inMemory);
        if (!inMemory)
            m_path->setText(settings.name);
    }

    connect(m_driver, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateState);
    connect(m_memory, &QRadioButton::toggled, this, &ConnectionDialog::updateState);
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_file->setChecked(true); });
    connect(browse, &QPushButton::clicked, this, &ConnectionDialog::chooseFile);
    connect(testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
    resize(520, sizeHint().height());
}

void ConnectionDialog::updateState()
{
    m_pages->setCurrentIndex(m_driver->currentIndex());
    m_result->clear();
}

void ConnectionDialog::requireExistingDatabase()
{
    m_existingOnly = true;
    m_file->setChecked(true);
    m_memory->setEnabled(false);
    m_path->setPlaceholderText(tr("path of an existing SQLite file"));
    updateState();
}

void ConnectionDialog::chooseFile()
{
    const QString filter = tr("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)");
    const QString path = m_existingOnly
        ? QFileDialog::getOpenFileName(this, tr("SQLite Database File"), m_path->text(), filter)
        : QFileDialog::getSaveFileName(this, tr("SQLite Database File"), m_path->text(), filter,
                                       nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    m_path->setText(path);
    m_file->setChecked(true);
}

DatabaseSettings ConnectionDialog::settings() const
{
    DatabaseSettings s;
    s.extra = m_original.extra;
    s.driver = m_driver->currentData().toString();
    if (s.driver == sqlite) {
        s.name = m_file->isChecked() && !m_path->text().trimmed().isEmpty()
            ? m_path->text().trimmed()
            : memory;
        return s;
    }
    s.host = m_host->text().trimmed();
    s.port = m_port->value();
    s.name = m_database->text().trimmed();
    s.user = m_user->text().trimmed();
    s.password = m_password->text();
    s.savePassword = m_savePassword->isChecked();
    return s;
}

bool ConnectionDialog::testConnection()
{
    const DatabaseSettings s = settings();
    if (m_existingOnly && s.driver == sqlite && !QFileInfo::exists(s.name)) {
        // opening it would make an empty file
        m_result->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        m_result->setText(tr("There is no file %1.").arg(QDir::toNativeSeparators(s.name)));
        return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto tested = Workbench::test(settings());
    QApplication::restoreOverrideCursor();
    if (tested) {
        m_result->setStyleSheet(QStringLiteral("color: #1b5e20;"));
        m_result->setText(tr("Connected."));
    } else {
        m_result->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        m_result->setText(tested.error().message);
    }
    return bool(tested);
}

QString ConnectionDialog::testResult() const
{
    return m_result->text();
}

} // namespace ms
