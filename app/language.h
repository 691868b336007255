#pragma once

#include <QMenu>
#include <QString>

namespace ms {

/// Installs the translators for the interface language: @p requested (the
/// `--lang` option) when given, else the one chosen in View > Language
/// (QSettings `ui/language`), else the system locale. Returns the language
/// code it settled on ("ru", "en", ...). The translators live as long as the
/// application.
QString installLanguage(const QString &requested);

/// View > Language: the system's language, English or Russian; the choice
/// is remembered (QSettings `ui/language`) and takes effect at the next start.
class LanguageMenu : public QMenu
{
    Q_OBJECT
public:
    LanguageMenu(const QString &title, QWidget *parent);
};

} // namespace ms
