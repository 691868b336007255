#include "headerfit.h"

#include <QAbstractItemModel>
#include <QHeaderView>

#include <algorithm>

namespace ms {

void fitHeaderTexts(QHeaderView *header)
{
    if (!header->model())
        return;
    const Qt::Orientation o = header->orientation();
    const int last = header->count() - 1;
    for (int i = 0; i <= last; ++i) {
        const QString text = header->model()->headerData(i, o).toString();
        if (text.isEmpty() || header->isSectionHidden(i))
            continue;
        // the title, the style's margins, room for a sort arrow
        const int need = header->fontMetrics().horizontalAdvance(text) + 24;
        if (header->sectionSize(i) >= need)
            continue;
        if (i == last && header->stretchLastSection()) {
            // stretched to the room left, but never below this width
            header->setStretchLastSection(false);
            header->resizeSection(i, need);
            header->setStretchLastSection(true);
        } else {
            header->resizeSection(i, need);
        }
    }
}

} // namespace ms
