#pragma once

#include "project/project.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace ms {

/// Where the session's database is: SQLite in memory or in a file (chosen
/// with a file dialog), or a PostgreSQL server (host, port, database, user,
/// password). Test connection opens it once and shows the driver's own
/// error text. The password goes into the project file only when "Save the
/// password" is ticked.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(const DatabaseSettings &settings, QWidget *parent = nullptr);

    DatabaseSettings settings() const;
    /// Opens the settings once; the result is shown in the dialog too.
    bool testConnection();
    QString testResult() const;
    /// For reading a database that exists (File > Import Database): no
    /// in-memory choice, and Browse opens an existing SQLite file.
    void requireExistingDatabase();

private:
    void chooseFile();
    void updateState();

    DatabaseSettings m_original;
    QComboBox *m_driver;
    QStackedWidget *m_pages;
    QRadioButton *m_memory;
    QRadioButton *m_file;
    QLineEdit *m_path;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_savePassword;
    QLabel *m_result;
    bool m_existingOnly = false;
};

} // namespace ms
