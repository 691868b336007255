#pragma once

#include <QList>
#include <QWidget>

class QBoxLayout;
class QToolBar;

namespace ms {

/// Toolbars side by side when the row is wide enough for every one of
/// them, else one under the other: no action is ever folded into a
/// toolbar's ">>" overflow (a Russian label, a projector's 1280 pixels).
class ToolRow : public QWidget
{
    Q_OBJECT
public:
    explicit ToolRow(QWidget *parent = nullptr);
    void addToolBar(QToolBar *bar);
    /// Whether the toolbars are stacked now.
    bool isStacked() const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void arrange();

    QBoxLayout *m_layout;
    QList<QToolBar *> m_bars;
};

} // namespace ms
