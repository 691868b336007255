#pragma once

class QHeaderView;

namespace ms {

/// Widens the sections of @p header whose title would be cut short ("Ol…"
/// for "Old value", a longer Russian title), and gives a stretched last
/// section at least its title's width. Sections already wide enough keep
/// their width.
void fitHeaderTexts(QHeaderView *header);

} // namespace ms
