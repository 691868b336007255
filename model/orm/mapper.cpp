#include "mapper.h"

namespace ms {

Mapper::Mapper(quint32 classId, ClassDef def, QList<ResolvedRelationship> relationships)
    : m_classId(classId)
    , m_def(std::move(def))
    , m_relationships(std::move(relationships))
{
    for (const auto &col : m_def.columns) {
        m_attributes << col.name;
        m_types << col.type();
    }
    m_primaryKey = m_def.primaryKeyIndex();
    m_keyColumns = m_def.primaryKeyIndexes();
    m_versionColumn = m_def.versionColumnIndex();
    for (const auto &rel : m_relationships) {
        m_attributes << rel.name;
        m_cascades << Cascade::parse(rel.cascade);
        if (isEager(rel.lazy) || rel.lazy == LoadStrategy::Noload)
            m_rowsAlone = false;
    }
}

quint32 Mapper::attributeIndex(const QString &name) const
{
    const qsizetype i = m_attributes.indexOf(name);
    return i < 0 ? 0 : quint32(i + 1);
}

} // namespace ms
