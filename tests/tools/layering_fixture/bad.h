#pragma once
// A deliberate violation: the layering check must catch it.
#include <QWidget>
