#pragma once

#include "orm/instance.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace ms {

/// How an object's state looks everywhere in the session views: one colour,
/// one icon and one text per state, so that colour is never the only cue.
/// @p markedDeleted: persistent but in the session's deleted set.
QColor stateColor(ObjectState state, bool markedDeleted = false);
QIcon stateIcon(ObjectState state, bool markedDeleted = false);
QString stateText(ObjectState state, bool markedDeleted = false);
/// Persistent and in the session's deleted set (flushed deletes are `deleted`).
inline bool markedForDeletion(const Instance *o)
{
    return o->state() == ObjectState::Persistent && o->isMarkedDeleted();
}

/// The state colour lightened for a cell background.
QColor stateBackground(ObjectState state, bool markedDeleted = false);

} // namespace ms
