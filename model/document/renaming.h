#pragma once

#include "project/project.h"

namespace ms {

/// Renames in the class designer, carried to everything in the project that
/// points at what is renamed, and to nothing else.
///
/// The project file names things: a column `references` a class by name, a
/// step's `attr` names an attribute. What such a name points at is decided
/// the way the validator and the mapper decide it: the first class of that
/// (non-empty) name; an attribute of the class the step's object belongs to.
/// A rename rewrites exactly the names that point at the renamed class or
/// attribute, so every reference keeps pointing at what it pointed at: an
/// empty `references` (no foreign key) never gains one, and a reference to
/// another class of the same name is left alone.
///
/// A class or an attribute is never renamed to an empty name or to one its
/// neighbours already have (classNameProblem(), attributeNameProblem()): the
/// editor keeps the old name until the new one is valid, so a name in the
/// document always points at one class and the rule above stays exact.
class Renaming
{
public:
    /// Why class @p cls cannot be called @p name (no name, or another class
    /// has it), or an empty string when it can.
    static QString classNameProblem(const Schema &schema, int cls, const QString &name);
    /// Why the column or relationship @p current of class @p cls cannot be
    /// called @p name (no name, or the class already has an attribute of
    /// that name, its own or one a backref creates), or an empty string.
    static QString attributeNameProblem(const Schema &schema, int cls, const QString &current,
                                        const QString &name);

    /// @p project with class @p cls called @p name, and every foreign key,
    /// relationship target, listener target, scenario step (its `class`, and
    /// `Class#pk` labels of loaded objects) and diagram position that named
    /// it following.
    static Project renameClass(Project project, int cls, const QString &name);
    /// @p project with column @p row of class @p cls called @p name, and
    /// every listener and scenario step that named it following.
    static Project renameColumn(Project project, int cls, int row, const QString &name);
    /// The same for relationship @p row, and the backrefs of the target's
    /// relationships that pair with it.
    static Project renameRelationship(Project project, int cls, int row, const QString &name);
    /// @p project with the backref of relationship @p row of class @p cls
    /// set to @p name. When that renames the attribute the backref creates on
    /// the target (the old name was created there and the new one is free),
    /// the listeners and steps that named it follow; otherwise (a backref
    /// added, removed, or paired with an attribute the target declares) only
    /// the backref changes.
    static Project setBackref(Project project, int cls, int row, const QString &name);
};

} // namespace ms
