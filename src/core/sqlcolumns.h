#pragma once

#include <QLatin1String>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <array>
#include <initializer_list>
#include <utility>
#include <vector>

namespace kiosk {

// A column of one table, named once. `id` is unique within its table (it indexes RowReader's positions).
struct Column
{
    int id;
    const char* name;

    QString placeholder() const { return QLatin1Char(':') + QLatin1String(name); }
};

// An empty text or byte array as SQL NULL (an absent postcode, email, tag or drawing), otherwise the value.
inline QVariant nullIfEmpty(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}
inline QVariant nullIfEmpty(const QByteArray& bytes)
{
    return bytes.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(bytes);
}

// Binds a value to a column's named placeholder (":full_name").
inline void bind(QSqlQuery& query, const Column& column, const QVariant& value)
{
    query.bindValue(column.placeholder(), value);
}

// Binds several columns at once: bind(query, { { col::Id, id }, { col::Name, name } }).
inline void bind(QSqlQuery& query, std::initializer_list<std::pair<Column, QVariant>> values)
{
    for (const auto& [column, value] : values)
        bind(query, column, value);
}

// One row shape: the columns a query selects, as one SELECT list. Each shape is written once, and every query that
// reads that shape uses it.
class RowShape final
{
public:
    static constexpr int MaxColumns = 24;

    RowShape(std::initializer_list<Column> columns)
        : m_columns(columns)
    {
    }
    QString selectList() const
    {
        QStringList names;
        for (const Column& c : m_columns)
            names << QLatin1String(c.name);
        return names.join(QStringLiteral(", "));
    }
    const std::vector<Column>& columns() const { return m_columns; }

private:
    std::vector<Column> m_columns;
};

// Reads an executed query's columns by name: their positions are looked up once, from the query's record, when
// the reader is made, so a million-row export does not look up names a million times.
class RowReader final
{
public:
    RowReader(const QSqlQuery& query, const RowShape& shape)
        : m_query(query)
    {
        m_positions.fill(-1);
        const QSqlRecord record = query.record();
        for (const Column& c : shape.columns())
            m_positions[std::size_t(c.id)] = record.indexOf(QLatin1String(c.name));
    }
    QVariant operator()(const Column& column) const { return m_query.value(m_positions[std::size_t(column.id)]); }

private:
    const QSqlQuery& m_query;
    std::array<int, RowShape::MaxColumns> m_positions {};
};

} // namespace kiosk
