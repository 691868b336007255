#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace ms {

/// An error as a value: what went wrong, in words a user can act on, and
/// optionally where (a JSON path, a file position, a statement).
struct Error
{
    QString message;
    QString where;
    /// What kind of failure, for traces and tests: the SQLAlchemy exception
    /// it corresponds to (IntegrityError, InvalidRequestError, ...), or empty.
    QString kind = QString();

    /// "where: message", or the message alone.
    QString toString() const { return where.isEmpty() ? message : where + QStringLiteral(": ") + message; }
    bool operator==(const Error &) const = default;
};

/// A value or an Error, in the spirit of std::expected (C++23), which GCC 12
/// does not offer in C++20 mode. The model reports failures with it and lets
/// the views decide how to show them.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

/// Result of an operation that has no value to give back.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace ms
